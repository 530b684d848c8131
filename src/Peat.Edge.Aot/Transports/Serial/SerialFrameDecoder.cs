using System;

namespace Peat.Edge.Aot.Transports.Serial
{
    /// <summary>
    /// Receives frames from a byte stream that arrives in pieces (resumable, like Utf8JsonReader: all its
    /// state is in this object). A frame ends at each zero byte; a run longer than the largest valid frame is
    /// discarded up to the next zero (counted as oversize), and a frame that fails COBS or the CRC is
    /// dropped and counted. So after garbage or a frame cut in half, reception resumes at the next frame.
    /// </summary>
    public sealed class SerialFrameDecoder
    {
        private readonly int _payloadBytesMax;
        private readonly byte[] _encoded;
        private readonly byte[] _decoded;
        private int _encodedCount;
        private bool _discarding;

        public SerialFrameDecoder(int payloadBytesMax)
        {
            _payloadBytesMax = payloadBytesMax;
            _encoded = new byte[Cobs.EncodedBytesMax(payloadBytesMax + 2)];
            _decoded = new byte[payloadBytesMax + 2];
        }

        public long FramesDecoded { get; private set; }

        public long CrcErrors { get; private set; }

        public long CobsErrors { get; private set; }

        public long Oversize { get; private set; }

        /// <summary>Frames shorter than a CRC (counted; an empty run between two zeros is not counted).</summary>
        public long Runts { get; private set; }

        /// <summary>Feeds bytes; calls <paramref name="onFrame"/>(buffer, count) for each good frame (the buffer is reused).</summary>
        public void Feed(byte[] data, int offset, int count, Action<byte[], int> onFrame)
        {
            for (int i = offset; i < offset + count; i++)
            {
                byte b = data[i];
                if (b != 0)
                {
                    if (_discarding)
                    {
                        continue;
                    }

                    if (_encodedCount == _encoded.Length)
                    {
                        _discarding = true;
                        _encodedCount = 0;
                        Oversize++;
                        continue;
                    }

                    _encoded[_encodedCount++] = b;
                    continue;
                }

                int encodedCount = _encodedCount;
                bool wasDiscarding = _discarding;
                _encodedCount = 0;
                _discarding = false;
                if (wasDiscarding || encodedCount == 0)
                {
                    continue;
                }

                int decoded = Cobs.Decode(_encoded, 0, encodedCount, _decoded, 0, _decoded.Length);
                if (decoded < 0)
                {
                    CobsErrors++;
                    continue;
                }

                if (decoded < 3)
                {
                    Runts++;
                    continue;
                }

                int payload = decoded - 2;
                ushort crc = (ushort)((_decoded[payload] << 8) | _decoded[payload + 1]);
                if (crc != Crc16Ccitt.Compute(_decoded, 0, payload) || payload > _payloadBytesMax)
                {
                    CrcErrors++;
                    continue;
                }

                FramesDecoded++;
                onFrame(_decoded, payload);
            }
        }
    }
}
