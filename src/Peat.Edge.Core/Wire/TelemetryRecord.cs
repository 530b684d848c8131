namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// One telemetry record inside a telemetry frame (docs/wire-format.md, "Telemetry body"): a positional
    /// MessagePack array <c>[origin_id, origin_seq, hops, payload]</c>. The origin and its sequence name
    /// the record end to end (a root delivers it under that key, at least once); hops counts the links it
    /// has crossed, so a record caught in a transient loop is dropped at the hop limit. The payload is
    /// opaque bytes (MessagePack bin) that the origin's application chose.
    /// </summary>
    public struct TelemetryRecord
    {
        /// <summary>Elements a version-1 record array has.</summary>
        public const int FieldCount = 4;

        /// <summary>Largest record overhead besides the payload: array 1, origin 5, sequence 5, hops 2, bin header 3.</summary>
        public const int OverheadBytesMax = 16;

        /// <summary>Largest payload a record may carry (bin 16).</summary>
        public const int PayloadBytesCeiling = 0xffff;

        /// <summary>The node that generated the record (a valid node id).</summary>
        public uint OriginId;

        /// <summary>The origin's sequence number for it (wraps; the origin starts at a random value).</summary>
        public uint OriginSequence;

        /// <summary>Links crossed so far (0 while still at the origin).</summary>
        public byte Hops;

        /// <summary>Where the payload bytes lie in the buffer the record was read from.</summary>
        public int PayloadOffset;

        /// <summary>Payload length in bytes.</summary>
        public int PayloadCount;

        /// <summary>Bytes a record with these fields takes on the wire.</summary>
        public static int EncodedLength(uint originId, uint originSequence, byte hops, int payloadCount)
        {
            return MsgPackEncoding.SizeOfArrayHeader(FieldCount) + MsgPackEncoding.SizeOfUInt(originId) + MsgPackEncoding.SizeOfUInt(originSequence)
                + MsgPackEncoding.SizeOfUInt(hops) + MsgPackEncoding.SizeOfBinHeader(payloadCount) + payloadCount;
        }

        /// <summary>
        /// Writes a record at buffer[position..] whose payload is source[sourceOffset .. + count) and returns
        /// the position after it; the caller has checked the room with <see cref="EncodedLength"/>.
        /// </summary>
        public static int Write(byte[] buffer, int position, uint originId, uint originSequence, byte hops, byte[] source, int sourceOffset, int count)
        {
            int p = WriteHeader(buffer, position, originId, originSequence, hops, count);
            System.Array.Copy(source, sourceOffset, buffer, p, count);
            return p + count;
        }

        /// <summary>Writes everything of a record but its payload and returns where the <paramref name="count"/> payload bytes go.</summary>
        public static int WriteHeader(byte[] buffer, int position, uint originId, uint originSequence, byte hops, int count)
        {
            Checks.Invariant.That(FrameHeader.IsValidNodeId(originId), "a record names a valid origin");
            Checks.Invariant.InRange(count >= 0 && count <= PayloadBytesCeiling, "count", "must be 0..65535");
            int p = MsgPackEncoding.PutArrayHeader(buffer, position, FieldCount);
            p = MsgPackEncoding.PutUInt(buffer, p, originId);
            p = MsgPackEncoding.PutUInt(buffer, p, originSequence);
            p = MsgPackEncoding.PutUInt(buffer, p, hops);
            return MsgPackEncoding.PutBinHeader(buffer, p, count);
        }

        /// <summary>
        /// Reads one record at buffer[position .. end) and returns the position after it (fields a later
        /// version appended are skipped), or -1 when it is malformed or names an invalid origin.
        /// </summary>
        public static int TryRead(byte[] buffer, int position, int end, out TelemetryRecord item)
        {
            item = default;
            int p = PositionalBody.Open(buffer, position, end, FieldCount, out int fields);
            if (p < 0)
            {
                return -1;
            }

            uint sequence = 0, hops = 0;
            int payloadCount = 0;
            p = MsgPackDecoding.GetUInt32(buffer, p, end, FrameHeader.NodeIdBroadcast - 1, out uint origin);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, uint.MaxValue, out sequence);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFF, out hops);
            p = p < 0 ? p : MsgPackDecoding.GetBinHeader(buffer, p, end, PayloadBytesCeiling, out payloadCount);
            if (p < 0 || origin == FrameHeader.NodeIdNone)
            {
                return -1;
            }

            item.OriginId = origin;
            item.OriginSequence = sequence;
            item.Hops = (byte)hops;
            item.PayloadOffset = p;
            item.PayloadCount = payloadCount;
            p = PositionalBody.SkipExtra(buffer, p + payloadCount, end, fields - FieldCount);
            if (p < 0)
            {
                item = default;
            }

            return p;
        }
    }
}
