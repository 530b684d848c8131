namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The command message body (frame type 2, docs/wire-format.md): a directed assignment from the
    /// commander named in the envelope to one target, flooded through the mesh. A positional
    /// MessagePack array <c>[command_id, target_id, kind, value, precision, hops_left]</c>, integers in
    /// their smallest encoding. The reader checks each field against what its wire type may carry, not
    /// what the kind means: a target judges the meaning and answers Refused, so a commander always gets
    /// an answer, and relays of an older version still pass on kinds they do not know.
    /// </summary>
    public struct CommandBody
    {
        /// <summary>Elements a version-1 command array has.</summary>
        public const int FieldCount = 6;

        /// <summary>
        /// Largest version-1 body: array 1, command id 3, target 5, kind 2, value 9, precision 2, hops left 2.
        /// </summary>
        public const int EncodedBytesMax = 24;

        /// <summary>The commander's number for this assignment, unique among its outstanding ones.</summary>
        public ushort CommandId;

        /// <summary>The node that is to apply the command (a valid node id).</summary>
        public uint TargetId;

        /// <summary>What is assigned (1..255 on the wire; the target refuses kinds it does not know).</summary>
        public AssignmentKind Kind;

        /// <summary>Cell: geohash bits; level: 0..15; parent: the parent's node id.</summary>
        public ulong Value;

        /// <summary>Cell: geohash precision 1..12; other kinds: 0.</summary>
        public byte Precision;

        /// <summary>Hops this frame may still take, counting the one it is on (1..255); a relay forwards it with one less, and not at all when that is 0.</summary>
        public byte HopsLeft;

        /// <summary>True when every field is inside its wire range (what a sender may emit).</summary>
        public bool IsValid()
        {
            return FrameHeader.IsValidNodeId(TargetId) && Kind != AssignmentKind.None && HopsLeft >= 1;
        }

        /// <summary>Bytes this body takes on the wire (at most <see cref="EncodedBytesMax"/>).</summary>
        public static int EncodedLength(in CommandBody body)
        {
            return MsgPackEncoding.SizeOfArrayHeader(FieldCount) + MsgPackEncoding.SizeOfUInt(body.CommandId) + MsgPackEncoding.SizeOfUInt(body.TargetId)
                + MsgPackEncoding.SizeOfUInt((byte)body.Kind) + MsgPackEncoding.SizeOfUInt(body.Value) + MsgPackEncoding.SizeOfUInt(body.Precision)
                + MsgPackEncoding.SizeOfUInt(body.HopsLeft);
        }

        /// <summary>Writes the body array into buffer[offset .. offset + count) and returns its length, or 0 when it does not fit.</summary>
        public static int Write(in CommandBody body, byte[] buffer, int offset, int count)
        {
            Checks.Invariant.Slice(buffer, offset, count);
            if (count < EncodedBytesMax && count < EncodedLength(body))
            {
                return 0;
            }

            int p = MsgPackEncoding.PutArrayHeader(buffer, offset, FieldCount);
            p = MsgPackEncoding.PutUInt(buffer, p, body.CommandId);
            p = MsgPackEncoding.PutUInt(buffer, p, body.TargetId);
            p = MsgPackEncoding.PutUInt(buffer, p, (byte)body.Kind);
            p = MsgPackEncoding.PutUInt(buffer, p, body.Value);
            p = MsgPackEncoding.PutUInt(buffer, p, body.Precision);
            p = MsgPackEncoding.PutUInt(buffer, p, body.HopsLeft);
            return p - offset;
        }

        /// <summary>Reads a body that must occupy exactly buffer[offset .. offset + count).</summary>
        public static WireError TryRead(byte[] buffer, int offset, int count, out CommandBody body)
        {
            return TryRead(buffer, offset, count, out body, out _, out _);
        }

        /// <summary>
        /// As <see cref="TryRead(byte[], int, int, out CommandBody)"/>, also telling where the hops-left
        /// field lies ([hopsLeftOffset, hopsLeftEnd)), so a relay can rewrite just that field and pass on
        /// everything else, fields appended by a later version included (<see cref="FloodRelay"/>).
        /// </summary>
        public static WireError TryRead(byte[] buffer, int offset, int count, out CommandBody body, out int hopsLeftOffset, out int hopsLeftEnd)
        {
            Checks.Invariant.Slice(buffer, offset, count);
            body = default;
            hopsLeftOffset = 0;
            hopsLeftEnd = 0;
            int end = offset + count;
            int p = PositionalBody.Open(buffer, offset, end, FieldCount, out int fields);
            if (p < 0)
            {
                return WireError.Malformed;
            }

            uint target = 0, kind = 0, precision = 0, hops = 0;
            ulong value = 0;
            p = MsgPackDecoding.GetUInt32(buffer, p, end, 0xFFFF, out uint commandId);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, FrameHeader.NodeIdBroadcast - 1, out target);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFF, out kind);
            p = p < 0 ? p : MsgPackDecoding.GetUInt64(buffer, p, end, out value);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFF, out precision);
            int hopsAt = p;
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFF, out hops);
            if (p < 0 || target == FrameHeader.NodeIdNone || kind == 0 || hops == 0)
            {
                return WireError.InvalidField;
            }

            body.CommandId = (ushort)commandId;
            body.TargetId = target;
            body.Kind = (AssignmentKind)kind;
            body.Value = value;
            body.Precision = (byte)precision;
            body.HopsLeft = (byte)hops;
            hopsLeftOffset = hopsAt;
            hopsLeftEnd = p;
            WireError tail = PositionalBody.Finish(buffer, p, end, fields - FieldCount);
            if (tail != WireError.None)
            {
                body = default;
            }

            return tail;
        }
    }
}
