namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The command status body (frame type 3, docs/wire-format.md): a target's report to the commander
    /// on one command, flooded through the mesh. The envelope's source is the target. A positional
    /// MessagePack array <c>[command_id, commander_id, target_id, state, reason, hops_left]</c>. As with
    /// commands, fields are checked against their wire type only: a commander ignores states it does
    /// not know, and relays pass them on.
    /// </summary>
    public struct CommandStatusBody
    {
        /// <summary>Elements a version-1 status array has.</summary>
        public const int FieldCount = 6;

        /// <summary>Largest version-1 body: array 1, command id 3, commander 5, target 5, state 2, reason 2, hops left 2.</summary>
        public const int EncodedBytesMax = 20;

        /// <summary>The command this reports on (the commander's number).</summary>
        public ushort CommandId;

        /// <summary>The node that sent the command: the status is addressed to it (a valid node id).</summary>
        public uint CommanderId;

        /// <summary>The node the command was for (a valid node id; the envelope's source when it originates the status).</summary>
        public uint TargetId;

        /// <summary>InProgress, Completed or Failed (1..255 on the wire; Pending is never sent).</summary>
        public AssignmentState State;

        /// <summary>Why it failed (None unless <see cref="State"/> is Failed).</summary>
        public AssignmentFailure Reason;

        /// <summary>Hops this frame may still take, counting the one it is on (1..255).</summary>
        public byte HopsLeft;

        /// <summary>True when every field is inside its wire range (what a sender may emit).</summary>
        public bool IsValid()
        {
            return FrameHeader.IsValidNodeId(CommanderId) && FrameHeader.IsValidNodeId(TargetId) && State != AssignmentState.Pending && HopsLeft >= 1;
        }

        /// <summary>Bytes this body takes on the wire (at most <see cref="EncodedBytesMax"/>).</summary>
        public static int EncodedLength(in CommandStatusBody body)
        {
            return MsgPackEncoding.SizeOfArrayHeader(FieldCount) + MsgPackEncoding.SizeOfUInt(body.CommandId) + MsgPackEncoding.SizeOfUInt(body.CommanderId)
                + MsgPackEncoding.SizeOfUInt(body.TargetId) + MsgPackEncoding.SizeOfUInt((byte)body.State) + MsgPackEncoding.SizeOfUInt((byte)body.Reason)
                + MsgPackEncoding.SizeOfUInt(body.HopsLeft);
        }

        /// <summary>Writes the body array into buffer[offset .. offset + count) and returns its length, or 0 when it does not fit.</summary>
        public static int Write(in CommandStatusBody body, byte[] buffer, int offset, int count)
        {
            Checks.Invariant.Slice(buffer, offset, count);
            if (count < EncodedBytesMax && count < EncodedLength(body))
            {
                return 0;
            }

            int p = MsgPackEncoding.PutArrayHeader(buffer, offset, FieldCount);
            p = MsgPackEncoding.PutUInt(buffer, p, body.CommandId);
            p = MsgPackEncoding.PutUInt(buffer, p, body.CommanderId);
            p = MsgPackEncoding.PutUInt(buffer, p, body.TargetId);
            p = MsgPackEncoding.PutUInt(buffer, p, (byte)body.State);
            p = MsgPackEncoding.PutUInt(buffer, p, (byte)body.Reason);
            p = MsgPackEncoding.PutUInt(buffer, p, body.HopsLeft);
            return p - offset;
        }

        /// <summary>Reads a body that must occupy exactly buffer[offset .. offset + count).</summary>
        public static WireError TryRead(byte[] buffer, int offset, int count, out CommandStatusBody body)
        {
            return TryRead(buffer, offset, count, out body, out _, out _);
        }

        /// <summary>As <see cref="TryRead(byte[], int, int, out CommandStatusBody)"/>, also telling where the hops-left field lies (for <see cref="FloodRelay"/>).</summary>
        public static WireError TryRead(byte[] buffer, int offset, int count, out CommandStatusBody body, out int hopsLeftOffset, out int hopsLeftEnd)
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

            uint commander = 0, target = 0, state = 0, reason = 0, hops = 0;
            p = MsgPackDecoding.GetUInt32(buffer, p, end, 0xFFFF, out uint commandId);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, FrameHeader.NodeIdBroadcast - 1, out commander);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, FrameHeader.NodeIdBroadcast - 1, out target);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFF, out state);
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFF, out reason);
            int hopsAt = p;
            p = p < 0 ? p : MsgPackDecoding.GetUInt32(buffer, p, end, 0xFF, out hops);
            if (p < 0 || commander == FrameHeader.NodeIdNone || target == FrameHeader.NodeIdNone || state == 0 || hops == 0)
            {
                return WireError.InvalidField;
            }

            body.CommandId = (ushort)commandId;
            body.CommanderId = commander;
            body.TargetId = target;
            body.State = (AssignmentState)state;
            body.Reason = (AssignmentFailure)reason;
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
