using Peat.Edge.Core.Storage;
using Xunit;

namespace Peat.Edge.Core.Tests.Storage;

/// <summary>The telemetry buffer against a plain list model: adds, front removals and copies, with payloads wrapping round the byte ring.</summary>
public sealed class TelemetryBufferTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(4, 10)]
    [InlineData(8, 64)]
    [InlineData(16, 100)]
    public void Random_operations_match_a_list_model_byte_for_byte(int capacity, int byteCapacity)
    {
        var random = new Random(capacity * 1000 + byteCapacity);
        var buffer = new TelemetryBuffer(capacity, byteCapacity);
        var model = new List<(uint Origin, uint Sequence, byte Hops, byte[] Payload)>();
        uint next = 1;
        for (int step = 0; step < 20_000; step++)
        {
            if (random.Next(3) > 0)
            {
                byte[] payload = new byte[random.Next(0, Math.Min(byteCapacity, 12) + 1)];
                random.NextBytes(payload);
                bool fits = model.Count < capacity && model.Sum(m => m.Payload.Length) + payload.Length <= byteCapacity;
                Assert.Equal(fits, buffer.HasRoom(1, payload.Length));
                Assert.Equal(fits, buffer.TryAdd(next, next * 7, (byte)(next % 200), payload, 0, payload.Length, step));
                if (fits)
                {
                    model.Add((next, next * 7, (byte)(next % 200), payload));
                }

                next++;
            }
            else if (model.Count > 0)
            {
                int remove = random.Next(1, model.Count + 1);
                buffer.RemoveOldest(remove);
                model.RemoveRange(0, remove);
            }

            Assert.Equal(model.Count, buffer.Count);
            Assert.Equal(model.Sum(m => m.Payload.Length), buffer.Bytes);
            byte[] copy = new byte[byteCapacity + 1];
            for (int i = 0; i < model.Count; i++)
            {
                Assert.Equal(model[i].Origin, buffer.OriginAt(i));
                Assert.Equal(model[i].Sequence, buffer.SequenceAt(i));
                Assert.Equal(model[i].Hops, buffer.HopsAt(i));
                Assert.Equal(model[i].Payload.Length, buffer.LengthAt(i));
                int length = buffer.CopyPayload(i, copy, 1);
                Assert.Equal(model[i].Payload, copy.AsSpan(1, length).ToArray());
            }
        }
    }

    [Fact]
    public void A_buffer_with_no_room_holds_nothing_and_says_so()
    {
        var buffer = new TelemetryBuffer(0, 0);
        Assert.False(buffer.CanEverHold(0));
        Assert.False(buffer.TryAdd(1, 1, 0, new byte[1], 0, 0, 0));
        var small = new TelemetryBuffer(2, 4);
        Assert.False(small.CanEverHold(5));
        Assert.True(small.CanEverHold(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => small.OriginAt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => small.RemoveOldest(1));
    }
}
