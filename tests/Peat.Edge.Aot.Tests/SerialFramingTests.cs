using System.Text;
using Peat.Edge.Aot.Transports.Serial;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    public sealed class SerialFramingTests
    {
        [Fact]
        public void Crc16CcittFalseCheckValue()
        {
            byte[] check = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0x29B1, Crc16Ccitt.Compute(check, 0, check.Length));
        }

        [Theory]
        [InlineData(new byte[] { }, new byte[] { 0x01 })]
        [InlineData(new byte[] { 0x00 }, new byte[] { 0x01, 0x01 })]
        [InlineData(new byte[] { 0x00, 0x00 }, new byte[] { 0x01, 0x01, 0x01 })]
        [InlineData(new byte[] { 0x11, 0x22, 0x00, 0x33 }, new byte[] { 0x03, 0x11, 0x22, 0x02, 0x33 })]
        [InlineData(new byte[] { 0x11, 0x00, 0x00, 0x00 }, new byte[] { 0x02, 0x11, 0x01, 0x01, 0x01 })]
        public void CobsMatchesTheReferenceVectors(byte[] raw, byte[] encoded)
        {
            byte[] buffer = new byte[Cobs.EncodedBytesMax(raw.Length)];
            int n = Cobs.Encode(raw, 0, raw.Length, buffer, 0);
            Assert.Equal(encoded, buffer.AsSpan(0, n).ToArray());
            byte[] back = new byte[raw.Length + 1];
            Assert.Equal(raw.Length, Cobs.Decode(encoded, 0, encoded.Length, back, 0, back.Length));
            Assert.Equal(raw, back.AsSpan(0, raw.Length).ToArray());
        }

        [Fact]
        public void CobsRoundTripsEveryLengthAroundTheBlockSize()
        {
            Random random = new Random(1234);
            for (int length = 0; length < 800; length++)
            {
                byte[] raw = new byte[length];
                random.NextBytes(raw);
                if (length % 3 == 0)
                {
                    Array.Fill(raw, (byte)0xAA); // long zero-free runs exercise the 254-byte blocks
                }

                byte[] encoded = new byte[Cobs.EncodedBytesMax(length)];
                int n = Cobs.Encode(raw, 0, length, encoded, 0);
                Assert.DoesNotContain((byte)0, encoded.AsSpan(0, n).ToArray());
                byte[] back = new byte[length];
                Assert.Equal(length, Cobs.Decode(encoded, 0, n, back, 0, back.Length));
                Assert.Equal(raw, back);
            }
        }

        [Fact]
        public void DecoderResynchronisesAfterGarbageAndAFrameCutInHalf()
        {
            SerialFrameDecoder decoder = new SerialFrameDecoder(255);
            List<byte[]> received = new List<byte[]>();
            List<byte> stream = new List<byte>();
            byte[] first = Frame(1, 40);
            byte[] second = Frame(2, 200);
            byte[] third = Frame(3, 5);
            stream.AddRange(new byte[] { 0x13, 0x37, 0xFF, 0x42 }); // garbage before anything
            stream.AddRange(Wire(first));
            stream.AddRange(new byte[] { 0x00, 0x99, 0x98, 0x00 }); // a runt between delimiters
            byte[] cut = Wire(second);
            stream.AddRange(cut.AsSpan(0, cut.Length / 2).ToArray()); // the modem lost the rest
            stream.AddRange(Wire(third));
            stream.AddRange(Wire(second));
            byte[] corrupt = Wire(first);
            corrupt[10] ^= 0x01; // a bit flip: the CRC fails
            stream.AddRange(corrupt);
            byte[] all = stream.ToArray();

            // Fed in awkward pieces, as a UART delivers them.
            for (int i = 0; i < all.Length; i += 7)
            {
                decoder.Feed(all, i, Math.Min(7, all.Length - i), (b, n) => received.Add(b.AsSpan(0, n).ToArray()));
            }

            Assert.Equal(3, received.Count);
            Assert.Equal(first, received[0]);
            Assert.Equal(third, received[1]);
            Assert.Equal(second, received[2]);
            Assert.Equal(3, decoder.FramesDecoded);
            Assert.True(decoder.CrcErrors + decoder.CobsErrors >= 2, "the garbage-led run and the cut frame fail COBS or the CRC, and the flipped bit fails the CRC");
        }

        [Fact]
        public void DecoderDiscardsRunsLongerThanTheLargestFrame()
        {
            SerialFrameDecoder decoder = new SerialFrameDecoder(72);
            List<byte[]> received = new List<byte[]>();
            byte[] noise = new byte[1000];
            Array.Fill(noise, (byte)0x55);
            decoder.Feed(noise, 0, noise.Length, (b, n) => received.Add(b.AsSpan(0, n).ToArray()));
            byte[] ok = Frame(9, 72);
            byte[] wire = Wire(ok);
            decoder.Feed(wire, 0, wire.Length, (b, n) => received.Add(b.AsSpan(0, n).ToArray()));
            byte[] big = Wire(Frame(8, 73));
            decoder.Feed(big, 0, big.Length, (b, n) => received.Add(b.AsSpan(0, n).ToArray()));
            Assert.Single(received);
            Assert.Equal(ok, received[0]);
            Assert.Equal(2, decoder.Oversize);
        }

        [Fact]
        public void AirtimeBudgetRefusesWhatTheDutyCycleCannotPayAndRefills()
        {
            // 1200 bit/s, 10% of a 10 s window = 1 s of airtime; a 50-byte frame is 333 ms + 30 ms overhead.
            AirtimeBudget budget = new AirtimeBudget(1200, 10, 10000, 30, 0);
            Assert.Equal(363333, budget.AirtimeUs(50));
            Assert.True(budget.TryConsume(50, 0));
            Assert.True(budget.TryConsume(50, 0));
            Assert.False(budget.TryConsume(50, 0));
            Assert.Equal(1, budget.Refused);
            Assert.False(budget.TryConsume(50, 500)); // 50 ms refilled: still short
            Assert.True(budget.TryConsume(50, 1000)); // 100 ms refilled: 273 + 100 >= 363
            Assert.Equal(3 * 363333, budget.AirtimeUsedUs);
        }

        internal static byte[] Frame(byte seed, int length)
        {
            byte[] frame = new byte[length];
            for (int i = 0; i < length; i++)
            {
                frame[i] = (byte)((i * 31) + seed); // includes zeros
            }

            return frame;
        }

        internal static byte[] Wire(byte[] payload)
        {
            byte[] wire = new byte[SerialFraming.WireBytesMax(payload.Length)];
            int n = SerialFraming.Encode(payload, 0, payload.Length, new byte[payload.Length + 2], wire);
            return wire.AsSpan(0, n).ToArray();
        }
    }
}
