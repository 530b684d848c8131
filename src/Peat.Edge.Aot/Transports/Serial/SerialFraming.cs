using System;

namespace Peat.Edge.Aot.Transports.Serial
{
    /// <summary>
    /// Frames on a byte stream: <c>0x00, COBS(payload ‖ CRC-16 big-endian), 0x00</c>. The leading zero ends
    /// whatever half frame the receiver holds (a modem that cut a frame, garbage on the line) so the frame
    /// after a cut is not lost with it.
    /// </summary>
    public static class SerialFraming
    {
        /// <summary>Bytes a frame of <paramref name="payloadBytes"/> takes on the line.</summary>
        public static int WireBytesMax(int payloadBytes) => Cobs.EncodedBytesMax(payloadBytes + 2) + 2;

        /// <summary>Encodes a frame into <paramref name="destination"/> (room: <see cref="WireBytesMax"/>); returns its length.</summary>
        public static int Encode(byte[] payload, int offset, int count, byte[] scratch, byte[] destination)
        {
            Buffer.BlockCopy(payload, offset, scratch, 0, count);
            ushort crc = Crc16Ccitt.Compute(payload, offset, count);
            scratch[count] = (byte)(crc >> 8);
            scratch[count + 1] = (byte)crc;
            destination[0] = 0;
            int encoded = Cobs.Encode(scratch, 0, count + 2, destination, 1);
            destination[1 + encoded] = 0;
            return encoded + 2;
        }
    }
}
