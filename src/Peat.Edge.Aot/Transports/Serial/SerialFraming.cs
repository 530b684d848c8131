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

    /// <summary>
    /// An airtime (duty-cycle) budget for a radio behind a UART: a token bucket holding
    /// <c>windowMs × dutyCyclePercent / 100</c> ms of airtime, refilled at the duty-cycle rate. A frame costs
    /// its bytes at the air bitrate plus a per-frame overhead (preamble, header). A frame the budget cannot
    /// pay for is refused and counted rather than queued: beacons are periodic and a late one is worthless,
    /// and a modem fed faster than it transmits overflows its own buffer or breaks the regional duty limit.
    /// </summary>
    public sealed class AirtimeBudget
    {
        private readonly long _capacityUs;
        private readonly int _bitrateBps;
        private readonly int _dutyCyclePercent;
        private readonly int _overheadMs;
        private long _tokensUs;
        private long _lastMs;

        public AirtimeBudget(int bitrateBps, int dutyCyclePercent, int windowMs, int perFrameOverheadMs, long nowMs)
        {
            _bitrateBps = bitrateBps;
            _dutyCyclePercent = dutyCyclePercent;
            _overheadMs = perFrameOverheadMs;
            _capacityUs = (long)windowMs * 1000 * dutyCyclePercent / 100;
            _tokensUs = _capacityUs;
            _lastMs = nowMs;
        }

        public long Refused { get; private set; }

        public long AirtimeUsedUs { get; private set; }

        /// <summary>Microseconds on air for a frame of <paramref name="wireBytes"/>.</summary>
        public long AirtimeUs(int wireBytes) => ((long)wireBytes * 8 * 1000000 / _bitrateBps) + ((long)_overheadMs * 1000);

        /// <summary>Takes the airtime for a frame if the budget has it; false (counted) otherwise.</summary>
        public bool TryConsume(int wireBytes, long nowMs)
        {
            if (nowMs > _lastMs)
            {
                long refill = (nowMs - _lastMs) * 1000 * _dutyCyclePercent / 100;
                _tokensUs = Math.Min(_capacityUs, _tokensUs + refill);
                _lastMs = nowMs;
            }

            long cost = AirtimeUs(wireBytes);
            if (cost > _tokensUs)
            {
                Refused++;
                return false;
            }

            _tokensUs -= cost;
            AirtimeUsedUs += cost;
            return true;
        }
    }
}
