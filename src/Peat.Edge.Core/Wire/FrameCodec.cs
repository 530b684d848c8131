using System.Runtime.CompilerServices;
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

        /// <summary>Largest command frame for a given tag length.</summary>
        public static int CommandFrameBytesMax(int tagBytes)
        {
            return FrameHeader.Bytes + CommandBody.EncodedBytesMax + tagBytes;
        }

        /// <summary>Largest command status frame for a given tag length.</summary>
        public static int CommandStatusFrameBytesMax(int tagBytes)
        {
            return FrameHeader.Bytes + CommandStatusBody.EncodedBytesMax + tagBytes;
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
            Invariant.That(bodyBytes <= BeaconBody.EncodedBytesMax, "a beacon body stays within its documented maximum");
            return Seal(header, bodyBytes, tagBytes, buffer, offset);
        }

        /// <summary>Writes a command frame (type 2) and returns its length, or 0 when it does not fit. Tag as for beacons.</summary>
        public static int WriteCommand(in FrameHeader header, in CommandBody body, int tagBytes, byte[] buffer, int offset, int count)
        {
            Invariant.Slice(buffer, offset, count);
            Invariant.That(header.Type == FrameType.Command, "a command frame has the command type");
            Invariant.That(body.IsValid(), "an emitted command is valid");
            if (count < FrameHeader.Bytes + tagBytes + 1)
            {
                return 0;
            }

            int bodyBytes = CommandBody.Write(body, buffer, offset + FrameHeader.Bytes, count - FrameHeader.Bytes - tagBytes);
            Invariant.That(bodyBytes <= CommandBody.EncodedBytesMax, "a command body stays within its documented maximum");
            return Seal(header, bodyBytes, tagBytes, buffer, offset);
        }

        /// <summary>Writes a command status frame (type 3) and returns its length, or 0 when it does not fit. Tag as for beacons.</summary>
        public static int WriteCommandStatus(in FrameHeader header, in CommandStatusBody body, int tagBytes, byte[] buffer, int offset, int count)
        {
            Invariant.Slice(buffer, offset, count);
            Invariant.That(header.Type == FrameType.CommandStatus, "a status frame has the command status type");
            Invariant.That(body.IsValid(), "an emitted status is valid");
            if (count < FrameHeader.Bytes + tagBytes + 1)
            {
                return 0;
            }

            int bodyBytes = CommandStatusBody.Write(body, buffer, offset + FrameHeader.Bytes, count - FrameHeader.Bytes - tagBytes);
            Invariant.That(bodyBytes <= CommandStatusBody.EncodedBytesMax, "a status body stays within its documented maximum");
            return Seal(header, bodyBytes, tagBytes, buffer, offset);
        }

        /// <summary>Largest telemetry acknowledgement frame for a given tag length.</summary>
        public static int TelemetryAckFrameBytesMax(int tagBytes)
        {
            return FrameHeader.Bytes + TelemetryAckBody.EncodedBytesMax + tagBytes;
        }

        /// <summary>Writes a telemetry acknowledgement frame (type 5) and returns its length, or 0 when it does not fit. Tag as for beacons.</summary>
        public static int WriteTelemetryAck(in FrameHeader header, in TelemetryAckBody body, int tagBytes, byte[] buffer, int offset, int count)
        {
            Invariant.Slice(buffer, offset, count);
            Invariant.That(header.Type == FrameType.TelemetryAck, "an acknowledgement frame has the acknowledgement type");
            if (count < FrameHeader.Bytes + tagBytes + 1)
            {
                return 0;
            }

            int bodyBytes = TelemetryAckBody.Write(body, buffer, offset + FrameHeader.Bytes, count - FrameHeader.Bytes - tagBytes);
            return Seal(header, bodyBytes, tagBytes, buffer, offset);
        }

        /// <summary>True for the frame types this version reads: beacon, command, command status, telemetry, telemetry acknowledgement.</summary>
        public static bool IsKnownType(FrameType type)
        {
            return type >= FrameType.Beacon && type <= FrameType.TelemetryAck;
        }

        /// <summary>
        /// Splits a received frame: reads the envelope, checks version and type, and returns where the
        /// body lies (between envelope and tag). The body is not walked here: each message type's
        /// reader must consume it exactly (<see cref="BeaconBody.TryRead"/> refuses leftover bytes), so
        /// the bytes are read once. The caller dispatches on <see cref="FrameHeader.Type"/>.
        /// </summary>
        [MethodImpl(Inlining.Aggressive)]
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

            if (!IsKnownType(header.Type))
            {
                return WireError.UnknownType;
            }

            bodyOffset = offset + FrameHeader.Bytes;
            bodyCount = count - FrameHeader.Bytes - tagBytes;
            return WireError.None;
        }

        /// <summary>
        /// Puts envelope and a zero tag around a body already written at offset + 8; 0 when the body did not
        /// fit. Telemetry frames are built record by record in place (MeshNode.Telemetry.cs) and sealed here.
        /// </summary>
        internal static int Seal(in FrameHeader header, int bodyBytes, int tagBytes, byte[] buffer, int offset)
        {
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

            return FrameHeader.Bytes + bodyBytes + tagBytes;
        }
    }
}
