using System.Runtime.CompilerServices;
using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The fixed 8-byte envelope in front of every frame (docs/wire-format.md):
    /// <code>
    /// byte 0     version (high nibble) | frame type (low nibble)
    /// byte 1     flags (high nibble)   | key id (low nibble; 0 = no key)
    /// bytes 2-5  source node id, big-endian
    /// bytes 6-7  sequence, big-endian; counts frames of this type from this source
    /// </code>
    /// Then a MessagePack body (one array) and <c>NodeLimits.AuthTagBytes</c> of authentication tag.
    /// </summary>
    public readonly struct FrameHeader
    {
        /// <summary>Envelope length in bytes.</summary>
        public const int Bytes = 8;

        /// <summary>The wire format version this code writes and accepts.</summary>
        public const byte CurrentVersion = 1;

        /// <summary>Largest key id that fits the nibble.</summary>
        public const byte KeyIdMax = 15;

        /// <summary>Node id 0 is never a valid source.</summary>
        public const uint NodeIdNone = 0;

        /// <summary>Node id that addresses every neighbour; never a valid source.</summary>
        public const uint NodeIdBroadcast = 0xFFFFFFFF;

        /// <summary>Wire format version.</summary>
        public readonly byte Version;

        /// <summary>What the body holds.</summary>
        public readonly FrameType Type;

        /// <summary>Envelope flags.</summary>
        public readonly FrameFlags Flags;

        /// <summary>Mesh key the tag was computed with (0 = none).</summary>
        public readonly byte KeyId;

        /// <summary>Node that sent the frame.</summary>
        public readonly uint SourceId;

        /// <summary>Per-source, per-type sequence number (wraps).</summary>
        public readonly ushort Sequence;

        /// <summary>Creates a header for the current version.</summary>
        public FrameHeader(FrameType type, FrameFlags flags, byte keyId, uint sourceId, ushort sequence)
            : this(CurrentVersion, type, flags, keyId, sourceId, sequence)
        {
        }

        private FrameHeader(byte version, FrameType type, FrameFlags flags, byte keyId, uint sourceId, ushort sequence)
        {
            Version = version;
            Type = type;
            Flags = flags;
            KeyId = keyId;
            SourceId = sourceId;
            Sequence = sequence;
        }

        /// <summary>True for ids a node may have (not none, not broadcast).</summary>
        public static bool IsValidNodeId(uint nodeId)
        {
            return nodeId != NodeIdNone && nodeId != NodeIdBroadcast;
        }

        /// <summary>Writes the 8 envelope bytes at buffer[offset]; the caller provides the room.</summary>
        public void WriteTo(byte[] buffer, int offset)
        {
            Invariant.Slice(buffer, offset, Bytes);
            Invariant.That(Version <= 15 && (byte)Type <= 15 && (byte)Flags <= 15 && KeyId <= KeyIdMax, "header fields fit their nibbles");
            buffer[offset] = (byte)((Version << 4) | (byte)Type);
            buffer[offset + 1] = (byte)(((byte)Flags << 4) | KeyId);
            buffer[offset + 2] = (byte)(SourceId >> 24);
            buffer[offset + 3] = (byte)(SourceId >> 16);
            buffer[offset + 4] = (byte)(SourceId >> 8);
            buffer[offset + 5] = (byte)SourceId;
            buffer[offset + 6] = (byte)(Sequence >> 8);
            buffer[offset + 7] = (byte)Sequence;
        }

        /// <summary>Reads the envelope; any version is returned so the caller can count unsupported ones.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static bool TryRead(byte[] buffer, int offset, int count, out FrameHeader header)
        {
            header = default;
            if (buffer == null || offset < 0 || count < Bytes || offset > buffer.Length - count)
            {
                return false;
            }

            uint source = ((uint)buffer[offset + 2] << 24) | ((uint)buffer[offset + 3] << 16) | ((uint)buffer[offset + 4] << 8) | buffer[offset + 5];
            ushort sequence = (ushort)((buffer[offset + 6] << 8) | buffer[offset + 7]);
            header = new FrameHeader(
                (byte)(buffer[offset] >> 4),
                (FrameType)(buffer[offset] & 0x0f),
                (FrameFlags)(buffer[offset + 1] >> 4),
                (byte)(buffer[offset + 1] & 0x0f),
                source,
                sequence);
            return true;
        }
    }
}
