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

        /// <summary>Bytes this body takes on the wire (at most <see cref="EncodedBytesMax"/>).</summary>
        public static int EncodedLength(in BeaconBody body)
        {
            int position = body.HasPosition ? MsgPackEncoding.SizeOfInt(body.LatitudeE7) + MsgPackEncoding.SizeOfInt(body.LongitudeE7) : 2;
            int battery = body.BatteryPercent == BatteryUnknown ? 1 : MsgPackEncoding.SizeOfUInt(body.BatteryPercent);
            int parent = body.ParentId == FrameHeader.NodeIdNone ? 1 : MsgPackEncoding.SizeOfUInt(body.ParentId);
            return MsgPackEncoding.SizeOfArrayHeader(FieldCount) + MsgPackEncoding.SizeOfUInt(body.Level) + 1 + position
                + MsgPackEncoding.SizeOfUInt((ushort)body.Capabilities) + battery + MsgPackEncoding.SizeOfUInt(body.LoadPercent) + parent
                + MsgPackEncoding.SizeOfUInt(body.PartitionId) + MsgPackEncoding.SizeOfUInt(body.Rank) + MsgPackEncoding.SizeOfUInt(body.IntervalHintDs);
        }

        /// <summary>
        /// Writes the body array into buffer[offset .. offset + count) and returns its length, or 0 when
        /// it does not fit. Room is checked once (any body fits <see cref="EncodedBytesMax"/>), then every
        /// field is put without further checks.
        /// </summary>
        public static int Write(in BeaconBody body, byte[] buffer, int offset, int count)
        {
            Checks.Invariant.Slice(buffer, offset, count);
            if (count < EncodedBytesMax && count < EncodedLength(body))
            {
                return 0;
            }

            int p = MsgPackEncoding.PutArrayHeader(buffer, offset, FieldCount);
            p = MsgPackEncoding.PutUInt(buffer, p, body.Level);
            p = MsgPackEncoding.PutUInt(buffer, p, (byte)body.Role);
            if (body.HasPosition)
            {
                p = MsgPackEncoding.PutInt32(buffer, p, body.LatitudeE7);
                p = MsgPackEncoding.PutInt32(buffer, p, body.LongitudeE7);
            }
            else
            {
                p = MsgPackEncoding.PutNil(buffer, p);
                p = MsgPackEncoding.PutNil(buffer, p);
            }

            p = MsgPackEncoding.PutUInt(buffer, p, (ushort)body.Capabilities);
            p = body.BatteryPercent == BatteryUnknown ? MsgPackEncoding.PutNil(buffer, p) : MsgPackEncoding.PutUInt(buffer, p, body.BatteryPercent);
            p = MsgPackEncoding.PutUInt(buffer, p, body.LoadPercent);
            p = body.ParentId == FrameHeader.NodeIdNone ? MsgPackEncoding.PutNil(buffer, p) : MsgPackEncoding.PutUInt(buffer, p, body.ParentId);
            p = MsgPackEncoding.PutUInt(buffer, p, body.PartitionId);
            p = MsgPackEncoding.PutUInt(buffer, p, body.Rank);
            p = MsgPackEncoding.PutUInt(buffer, p, body.IntervalHintDs);
            return p - offset;
        }

        /// <summary>
        /// Reads a body that must occupy exactly buffer[offset .. offset + count). Reads each byte once,
        /// with a local position (see <see cref="MsgPackDecoding"/>).
        /// </summary>
        public static WireError TryRead(byte[] buffer, int offset, int count, out BeaconBody body)
        {
            Checks.Invariant.Slice(buffer, offset, count);
            body = default;
            int end = offset + count;
            int p = PositionalBody.Open(buffer, offset, end, FieldCount, out int fields);
            if (p < 0)
            {
                return WireError.Malformed;
            }

            uint role = 0, capabilities = 0, battery = 0, load = 0, parent = 0, partition = 0, rank = 0, hint = 0;
            p = MsgPackDecoding.GetUInt32(buffer, p, end, LevelMax, out uint level);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, (uint)NodeRole.Leader, out role);
            if (p < 0)
            {
                return WireError.InvalidField;
            }

            body.Level = (byte)level;
            body.Role = (NodeRole)role;
            int afterNil = MsgPackDecoding.GetNil(buffer, p, end);
            if (afterNil >= 0)
            {
                p = MsgPackDecoding.GetNil(buffer, afterNil, end); // both coordinates are nil, or neither is
            }
            else
            {
                p = MsgPackDecoding.GetInt32(buffer, p, end, -LatitudeE7Max, LatitudeE7Max, out body.LatitudeE7);
                p = p < 0 ? p : MsgPackDecoding.GetInt32(buffer, p, end, -LongitudeE7Max, LongitudeE7Max, out body.LongitudeE7);
                body.HasPosition = true;
            }

            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFFFF, out capabilities);
            p = p < 0 ? p : GetOptional(buffer, p, end, 100, BatteryUnknown, out battery);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 100, out load);
            p = p < 0 ? p : GetOptional(buffer, p, end, FrameHeader.NodeIdBroadcast - 1, FrameHeader.NodeIdNone, out parent);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFFFF, out partition);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFFFF, out rank);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFFFF, out hint);
            if (p < 0 || hint == 0)
            {
                body = default;
                return WireError.InvalidField;
            }

            body.Capabilities = (Capabilities)capabilities;
            body.BatteryPercent = (byte)battery;
            body.LoadPercent = (byte)load;
            body.ParentId = parent;
            body.PartitionId = (ushort)partition;
            body.Rank = (ushort)rank;
            body.IntervalHintDs = (ushort)hint;
            return PositionalBody.Finish(buffer, p, end, fields - FieldCount);
        }

        [System.Runtime.CompilerServices.MethodImpl(Inlining.Aggressive)]
        private static int GetOptional(byte[] buffer, int position, int end, uint max, uint absentValue, out uint value)
        {
            int afterNil = MsgPackDecoding.GetNil(buffer, position, end);
            if (afterNil >= 0)
            {
                value = absentValue;
                return afterNil;
            }

            // A present value must not collide with the "absent" marker (e.g. parent id 0).
            int next = MsgPackDecoding.GetUInt32(buffer, position, end, max, out value);
            return next >= 0 && value != absentValue ? next : -1;
        }
    }
}
