using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// Puts envelope, body and tag together and takes them apart. A frame is
    /// <c>[8-byte envelope][MessagePack body][tag]</c>; the tag length is a mesh-wide setting
    /// (<c>NodeLimits.AuthTagBytes</c>), so the body is whatever lies between envelope and tag and must
    /// be exactly one MessagePack array.
    /// </summary>
    public static class FrameCodec
    {
        /// <summary>Largest beacon frame for a given tag length.</summary>
        public static int BeaconFrameBytesMax(int tagBytes)
        {
            return FrameHeader.Bytes + BeaconBody.EncodedBytesMax + tagBytes;
        }

        /// <summary>
        /// Writes a beacon frame into buffer[offset .. offset + count) and returns its length, or 0 when
        /// it does not fit. The tag is written as zeros: computing it belongs to frame security.
        /// </summary>
        public static int WriteBeacon(in FrameHeader header, in BeaconBody body, int tagBytes, byte[] buffer, int offset, int count)
        {
            Invariant.Slice(buffer, offset, count);
            Invariant.That(header.Type == FrameType.Beacon, "a beacon frame has the beacon type");
            Invariant.That(body.IsValid(), "an emitted beacon is valid");
            if (count < FrameHeader.Bytes + tagBytes + 1)
            {
                return 0;
            }

            int bodyBytes = BeaconBody.Write(body, buffer, offset + FrameHeader.Bytes, count - FrameHeader.Bytes - tagBytes);
            if (bodyBytes == 0)
            {
                return 0;
            }

            header.WriteTo(buffer, offset);
            int tagOffset = offset + FrameHeader.Bytes + bodyBytes;
            for (int i = 0; i < tagBytes; i++)
            {
                buffer[tagOffset + i] = 0; // a loop beats Array.Clear's call overhead for a few bytes
            }

            int length = FrameHeader.Bytes + bodyBytes + tagBytes;
            Invariant.That(bodyBytes <= BeaconBody.EncodedBytesMax, "a beacon body stays within its documented maximum");
            return length;
        }

        /// <summary>
        /// Splits a received frame: reads the envelope, checks version and type, and returns where the
        /// body lies (between envelope and tag). The body is not walked here: each message type's
        /// reader must consume it exactly (<see cref="BeaconBody.TryRead"/> refuses leftover bytes), so
        /// the bytes are read once.
        /// </summary>
        public static WireError TryRead(byte[] buffer, int offset, int count, int tagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount)
        {
            bodyOffset = 0;
            bodyCount = 0;
            if (!FrameHeader.TryRead(buffer, offset, count, out header) || count < FrameHeader.Bytes + tagBytes + 1)
            {
                return WireError.Truncated;
            }

            if (header.Version != FrameHeader.CurrentVersion)
            {
                return WireError.UnsupportedVersion;
            }

            if (header.Type != FrameType.Beacon)
            {
                return WireError.UnknownType;
            }

            bodyOffset = offset + FrameHeader.Bytes;
            bodyCount = count - FrameHeader.Bytes - tagBytes;
            return WireError.None;
        }
    }
}
