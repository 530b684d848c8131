namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The telemetry acknowledgement body (frame type 5, docs/wire-format.md): the next hop's answer to
    /// one telemetry frame. A positional MessagePack array <c>[to, acked_sequence, accepted, frame_bytes_max?]</c>:
    /// to is the node that sent the telemetry frame, acked_sequence that frame's envelope sequence, accepted 1
    /// when the next hop took custody of every record in it, 0 when it refused the frame (no room, or, with
    /// frame_bytes_max, a frame larger than the next hop takes: frame_bytes_max is the largest it does). A
    /// refusal still shows the next hop is alive, so it does not count against the uplink.
    /// </summary>
    public struct TelemetryAckBody
    {
        /// <summary>Elements a version-1 acknowledgement array has.</summary>
        public const int FieldCount = 3;

        /// <summary>Elements an acknowledgement that names the next hop's frame limit has.</summary>
        public const int FieldCountWithFrameLimit = 4;

        /// <summary>Largest body: array 1, to 5, sequence 3, accepted 1, frame bytes max 3.</summary>
        public const int EncodedBytesMax = 13;

        /// <summary>The node the acknowledgement is for (a valid node id).</summary>
        public uint ToId;

        /// <summary>Envelope sequence of the telemetry frame it answers.</summary>
        public ushort AckedSequence;

        /// <summary>True when the sender's records are now in the next hop's custody.</summary>
        public bool Accepted;

        /// <summary>
        /// With a refusal of a frame larger than the next hop takes: the largest frame it takes (at least
        /// <c>NodeLimits.FrameBytesFloor</c>); 0 when not given (a refusal for lack of room), and then not on the wire.
        /// </summary>
        public ushort FrameBytesMax;

        /// <summary>Bytes this body takes on the wire.</summary>
        public static int EncodedLength(in TelemetryAckBody body)
        {
            int length = MsgPackEncoding.SizeOfArrayHeader(FieldCount) + MsgPackEncoding.SizeOfUInt(body.ToId) + MsgPackEncoding.SizeOfUInt(body.AckedSequence) + 1;
            return body.FrameBytesMax == 0 ? length : length + MsgPackEncoding.SizeOfUInt(body.FrameBytesMax);
        }

        /// <summary>Writes the body into buffer[offset .. offset + count) and returns its length, or 0 when it does not fit.</summary>
        public static int Write(in TelemetryAckBody body, byte[] buffer, int offset, int count)
        {
            Checks.Invariant.Slice(buffer, offset, count);
            Checks.Invariant.That(FrameHeader.IsValidNodeId(body.ToId), "an acknowledgement names a valid node");
            if (count < EncodedLength(body))
            {
                return 0;
            }

            Checks.Invariant.That(body.FrameBytesMax == 0 || body.FrameBytesMax >= Limits.NodeLimits.FrameBytesFloor, "a frame limit, when given, is at least the floor every node takes");
            int p = MsgPackEncoding.PutArrayHeader(buffer, offset, body.FrameBytesMax == 0 ? FieldCount : FieldCountWithFrameLimit);
            p = MsgPackEncoding.PutUInt(buffer, p, body.ToId);
            p = MsgPackEncoding.PutUInt(buffer, p, body.AckedSequence);
            p = MsgPackEncoding.PutUInt(buffer, p, body.Accepted ? 1UL : 0UL);
            if (body.FrameBytesMax != 0)
            {
                p = MsgPackEncoding.PutUInt(buffer, p, body.FrameBytesMax);
            }

            return p - offset;
        }

        /// <summary>Reads a body that must occupy exactly buffer[offset .. offset + count) (appended fields skipped).</summary>
        public static WireError TryRead(byte[] buffer, int offset, int count, out TelemetryAckBody body)
        {
            Checks.Invariant.Slice(buffer, offset, count);
            body = default;
            int end = offset + count;
            int p = PositionalBody.Open(buffer, offset, end, FieldCount, out int fields);
            if (p < 0)
            {
                return WireError.Malformed;
            }

            uint sequence = 0, accepted = 0, frameBytesMax = 0;
            p = MsgPackDecoding.GetUInt32(buffer, p, end, FrameHeader.NodeIdBroadcast - 1, out uint to);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFFFF, out sequence);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 1, out accepted);
            int read = FieldCount;
            if (p >= 0 && p < end && fields >= FieldCountWithFrameLimit)
            {
                p = MsgPackDecoding.GetUInt32(buffer, p, end, 0xFFFF, out frameBytesMax);
                p = p >= 0 && frameBytesMax < Limits.NodeLimits.FrameBytesFloor ? -1 : p;
                read = FieldCountWithFrameLimit;
            }

            if (p < 0 || to == FrameHeader.NodeIdNone)
            {
                return WireError.InvalidField;
            }

            WireError tail = PositionalBody.Finish(buffer, p, end, fields - read);
            if (tail == WireError.None)
            {
                body.ToId = to;
                body.AckedSequence = (ushort)sequence;
                body.Accepted = accepted == 1;
                body.FrameBytesMax = (ushort)frameBytesMax;
            }

            return tail;
        }
    }
}
