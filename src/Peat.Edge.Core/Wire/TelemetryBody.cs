namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The telemetry body (frame type 4, docs/wire-format.md): records on their way up the tree, one hop
    /// at a time. A positional MessagePack array <c>[next_hop, records]</c>, where records is an array of
    /// <see cref="TelemetryRecord"/>. The envelope's source is the node sending this hop and its
    /// sequence is what the next hop acknowledges (<see cref="TelemetryAckBody"/>); next_hop names the
    /// parent that takes custody, because a broadcast radio delivers the frame to every neighbour.
    /// Several records in one frame share the envelope, the tag and this header: that is the
    /// aggregation a relay does when it forwards what its children sent it.
    /// </summary>
    public static class TelemetryBody
    {
        /// <summary>Elements a version-1 telemetry array has.</summary>
        public const int FieldCount = 2;

        /// <summary>Largest body overhead besides the records: array 1, next hop 5, records array header 3.</summary>
        public const int OverheadBytesMax = 9;

        /// <summary>Most records one frame carries (an array 16 header).</summary>
        public const int RecordsMax = 0xffff;

        /// <summary>Largest frame overhead besides the records for a given tag length: envelope, body header, tag.</summary>
        public static int FrameOverheadBytes(int tagBytes)
        {
            return FrameHeader.Bytes + OverheadBytesMax + tagBytes;
        }

        /// <summary>Bytes of body header (array, next hop, records array header) for these values.</summary>
        public static int HeaderLength(uint nextHop, int recordCount)
        {
            return MsgPackEncoding.SizeOfArrayHeader(FieldCount) + MsgPackEncoding.SizeOfUInt(nextHop) + MsgPackEncoding.SizeOfArrayHeader(recordCount);
        }

        /// <summary>Writes the body header at buffer[position..]; the records follow it. Returns the position after it.</summary>
        public static int WriteHeader(byte[] buffer, int position, uint nextHop, int recordCount)
        {
            Checks.Invariant.That(FrameHeader.IsValidNodeId(nextHop), "telemetry goes to a valid next hop");
            Checks.Invariant.InRange(recordCount >= 1 && recordCount <= RecordsMax, "recordCount", "must be 1..65535");
            int p = MsgPackEncoding.PutArrayHeader(buffer, position, FieldCount);
            p = MsgPackEncoding.PutUInt(buffer, p, nextHop);
            return MsgPackEncoding.PutArrayHeader(buffer, p, recordCount);
        }

        /// <summary>
        /// Checks a whole body in buffer[offset .. offset + count) and tells where its records begin:
        /// every record must read (<see cref="TelemetryRecord.TryRead"/>), there must be at least one, and
        /// after them only fields a later version appended may follow. A receiver checks first and applies
        /// after, so a frame is taken whole or not at all.
        /// </summary>
        public static WireError TryRead(byte[] buffer, int offset, int count, out uint nextHop, out int recordCount, out int recordsOffset)
        {
            Checks.Invariant.Slice(buffer, offset, count);
            nextHop = 0;
            recordCount = 0;
            recordsOffset = 0;
            int end = offset + count;
            int p = PositionalBody.Open(buffer, offset, end, FieldCount, out int fields);
            if (p < 0)
            {
                return WireError.Malformed;
            }

            p = MsgPackDecoding.GetUInt32(buffer, p, end, FrameHeader.NodeIdBroadcast - 1, out uint hop);
            if (p < 0 || hop == FrameHeader.NodeIdNone)
            {
                return WireError.InvalidField;
            }

            p = MsgPackDecoding.GetArrayHeader(buffer, p, end, out int records);
            if (p < 0)
            {
                return WireError.Malformed;
            }

            if (records == 0)
            {
                return WireError.InvalidField;
            }

            int first = p;
            for (int i = 0; i < records; i++)
            {
                p = TelemetryRecord.TryRead(buffer, p, end, out _);
                if (p < 0)
                {
                    return WireError.Malformed;
                }
            }

            WireError tail = PositionalBody.Finish(buffer, p, end, fields - FieldCount);
            if (tail == WireError.None)
            {
                nextHop = hop;
                recordCount = records;
                recordsOffset = first;
            }

            return tail;
        }
    }
}
