namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The beacon message body: a positional MessagePack array (docs/wire-format.md), integers in their
    /// smallest encoding, nil for "unknown". Node id and sequence are in the envelope. Readers accept
    /// arrays longer than <see cref="FieldCount"/> and skip the extra elements, so fields can be appended
    /// in a later version without breaking older nodes.
    /// </summary>
    public struct BeaconBody
    {
        /// <summary>Elements a version-1 beacon array has.</summary>
        public const int FieldCount = 11;

        /// <summary>Largest version-1 body: every field in its widest encoding (see docs/wire-format.md).</summary>
        public const int EncodedBytesMax = 32;

        /// <summary>Deepest hierarchy level the wire carries.</summary>
        public const byte LevelMax = 15;

        /// <summary>The interval hint counts in these units.</summary>
        public const int IntervalHintUnitMs = 100;

        /// <summary>Battery value meaning "not known" (sent as nil).</summary>
        public const byte BatteryUnknown = 255;

        /// <summary>Latitude range in 1e-7 degrees.</summary>
        public const int LatitudeE7Max = 900000000;

        /// <summary>Longitude range in 1e-7 degrees.</summary>
        public const int LongitudeE7Max = 1800000000;

        /// <summary>Hierarchy level, 0 = top.</summary>
        public byte Level;

        /// <summary>Role within the level.</summary>
        public NodeRole Role;

        /// <summary>False when the sender has no valid position fix (lat/lon are sent as nil).</summary>
        public bool HasPosition;

        /// <summary>Latitude in 1e-7 degrees (valid when <see cref="HasPosition"/>).</summary>
        public int LatitudeE7;

        /// <summary>Longitude in 1e-7 degrees (valid when <see cref="HasPosition"/>).</summary>
        public int LongitudeE7;

        /// <summary>Advertised capabilities.</summary>
        public Capabilities Capabilities;

        /// <summary>0..100, or <see cref="BatteryUnknown"/>.</summary>
        public byte BatteryPercent;

        /// <summary>Children as a share of child capacity, 0..100 (100 = full, do not pick as parent).</summary>
        public byte LoadPercent;

        /// <summary>Current parent, or 0 for none (sent as nil).</summary>
        public uint ParentId;

        /// <summary>Partition the sender belongs to.</summary>
        public ushort PartitionId;

        /// <summary>Rank (path cost to the root); a parent must have a strictly lower rank.</summary>
        public ushort Rank;

        /// <summary>The sender's current beacon interval in units of 100 ms (1..65535): when to expect the next beacon.</summary>
        public ushort IntervalHintDs;

        /// <summary>The interval hint in milliseconds.</summary>
        public int IntervalHintMs => IntervalHintDs * IntervalHintUnitMs;

        /// <summary>Converts an interval to a hint, rounding up so a receiver never expects a beacon too early.</summary>
        public static ushort ToIntervalHintDs(int intervalMs)
        {
            int hint = (intervalMs + IntervalHintUnitMs - 1) / IntervalHintUnitMs;
            return (ushort)(hint < 1 ? 1 : hint > 65535 ? 65535 : hint);
        }

        /// <summary>True when every field is inside its wire range.</summary>
        public bool IsValid()
        {
            bool positionOk = !HasPosition || (LatitudeE7 >= -LatitudeE7Max && LatitudeE7 <= LatitudeE7Max && LongitudeE7 >= -LongitudeE7Max && LongitudeE7 <= LongitudeE7Max);
            bool batteryOk = BatteryPercent <= 100 || BatteryPercent == BatteryUnknown;
            bool parentOk = ParentId != FrameHeader.NodeIdBroadcast;
            return Level <= LevelMax && (byte)Role <= (byte)NodeRole.Leader && positionOk && batteryOk && LoadPercent <= 100 && parentOk && IntervalHintDs >= 1;
        }

        /// <summary>Writes the body array; returns false (writer overflowed) when it does not fit.</summary>
        public bool TryWrite(ref MsgPackWriter writer)
        {
            writer.WriteArrayHeader(FieldCount);
            writer.WriteUInt(Level);
            writer.WriteUInt((byte)Role);
            if (HasPosition)
            {
                writer.WriteInt(LatitudeE7);
                writer.WriteInt(LongitudeE7);
            }
            else
            {
                writer.WriteNil();
                writer.WriteNil();
            }

            writer.WriteUInt((ushort)Capabilities);
            WriteOptional(ref writer, BatteryPercent != BatteryUnknown, BatteryPercent);
            writer.WriteUInt(LoadPercent);
            WriteOptional(ref writer, ParentId != FrameHeader.NodeIdNone, ParentId);
            writer.WriteUInt(PartitionId);
            writer.WriteUInt(Rank);
            writer.WriteUInt(IntervalHintDs);
            return !writer.Overflowed;
        }

        /// <summary>Reads a body that must occupy exactly buffer[offset .. offset + count).</summary>
        public static WireError TryRead(byte[] buffer, int offset, int count, out BeaconBody body)
        {
            body = default;
            MsgPackReader reader = new MsgPackReader(buffer, offset, count);
            if (!reader.TryReadArrayHeader(out int fields) || fields < FieldCount)
            {
                return WireError.Malformed;
            }

            if (!reader.TryReadUInt32(LevelMax, out uint level) || !reader.TryReadUInt32((uint)NodeRole.Leader, out uint role))
            {
                return WireError.InvalidField;
            }

            body.Level = (byte)level;
            body.Role = (NodeRole)role;
            WireError positionError = ReadPosition(ref reader, ref body);
            if (positionError != WireError.None)
            {
                return positionError;
            }

            if (!reader.TryReadUInt32(0xFFFF, out uint capabilities)
                || !TryReadOptional(ref reader, 100, BatteryUnknown, out uint battery)
                || !reader.TryReadUInt32(100, out uint load)
                || !TryReadOptional(ref reader, FrameHeader.NodeIdBroadcast - 1, FrameHeader.NodeIdNone, out uint parent)
                || !reader.TryReadUInt32(0xFFFF, out uint partition)
                || !reader.TryReadUInt32(0xFFFF, out uint rank)
                || !reader.TryReadUInt32(0xFFFF, out uint hint)
                || hint == 0)
            {
                return WireError.InvalidField;
            }

            body.Capabilities = (Capabilities)capabilities;
            body.BatteryPercent = (byte)battery;
            body.LoadPercent = (byte)load;
            body.ParentId = parent;
            body.PartitionId = (ushort)partition;
            body.Rank = (ushort)rank;
            body.IntervalHintDs = (ushort)hint;
            for (int extra = FieldCount; extra < fields; extra++)
            {
                if (!reader.TrySkip())
                {
                    return WireError.Malformed;
                }
            }

            return reader.Remaining == 0 ? WireError.None : WireError.Malformed;
        }

        private static WireError ReadPosition(ref MsgPackReader reader, ref BeaconBody body)
        {
            if (reader.PeekIsNil)
            {
                reader.TryReadNil();
                // Both coordinates are nil, or neither is.
                return reader.TryReadNil() ? WireError.None : WireError.InvalidField;
            }

            if (!reader.TryReadInt64InRange(-LatitudeE7Max, LatitudeE7Max, out long latitude)
                || !reader.TryReadInt64InRange(-LongitudeE7Max, LongitudeE7Max, out long longitude))
            {
                return WireError.InvalidField;
            }

            body.HasPosition = true;
            body.LatitudeE7 = (int)latitude;
            body.LongitudeE7 = (int)longitude;
            return WireError.None;
        }

        private static void WriteOptional(ref MsgPackWriter writer, bool present, uint value)
        {
            if (present)
            {
                writer.WriteUInt(value);
            }
            else
            {
                writer.WriteNil();
            }
        }

        private static bool TryReadOptional(ref MsgPackReader reader, uint max, uint absentValue, out uint value)
        {
            if (reader.TryReadNil())
            {
                value = absentValue;
                return true;
            }

            // A present value must not collide with the "absent" marker (e.g. parent id 0).
            return reader.TryReadUInt32(max, out value) && value != absentValue;
        }
    }
}
