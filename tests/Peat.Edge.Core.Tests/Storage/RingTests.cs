using Peat.Edge.Core.Node;
using Peat.Edge.Core.Rng;
using Peat.Edge.Core.Storage;
using Xunit;

namespace Peat.Edge.Core.Tests.Storage;

public sealed class RingTests
{
    [Fact]
    public void Event_ring_is_fifo_across_wrap_and_refuses_when_full()
    {
        var ring = new EventRing(3);
        for (int round = 0; round < 5; round++)
        {
            Assert.True(ring.TryEnqueue(new MeshEvent(MeshEventKind.NeighbourAdded, 1, round, 0)));
            Assert.True(ring.TryEnqueue(new MeshEvent(MeshEventKind.NeighbourLost, 2, round, 0)));
            Assert.True(ring.TryEnqueue(new MeshEvent(MeshEventKind.NeighbourLeft, 3, round, 0)));
            Assert.False(ring.TryEnqueue(new MeshEvent(MeshEventKind.NeighbourLeft, 4, round, 0)));
            Assert.True(ring.TryDequeue(out var first));
            Assert.Equal(1u, first.NodeId);
            Assert.True(ring.TryEnqueue(new MeshEvent(MeshEventKind.NeighbourUpdated, 5, round, 0)));
            Assert.Equal(new uint[] { 2, 3, 5 }, Drain(ring));
            Assert.False(ring.TryDequeue(out _));
        }
    }

    [Fact]
    public void Frame_queue_keeps_order_destinations_and_bytes_and_refuses_when_full()
    {
        var queue = new FrameQueue(2, 16);
        byte[] output = new byte[16];
        for (int round = 0; round < 4; round++)
        {
            Enqueue(queue, 0xA0, 3, 7);
            Enqueue(queue, 0xB0, 16, 8);
            Assert.False(queue.TryBeginEnqueue(out _, out _));
            Assert.True(queue.TryDequeue(output, 0, out int length, out uint destination));
            Assert.Equal((3, 7u), (length, destination));
            Assert.Equal(new byte[] { 0xA0, 0xA1, 0xA2 }, output.Take(3));
            Enqueue(queue, 0xC0, 1, 9);
            Assert.True(queue.TryDequeue(output, 0, out length, out destination));
            Assert.Equal((16, 8u), (length, destination));
            Assert.Equal(0xBF, output[15]);
            Assert.True(queue.TryDequeue(output, 0, out length, out destination));
            Assert.Equal((1, 9u), (length, destination));
            Assert.False(queue.TryDequeue(output, 0, out _, out _));
        }
    }

    [Fact]
    public void An_abandoned_reservation_queues_nothing()
    {
        var queue = new FrameQueue(2, 8);
        Assert.True(queue.TryBeginEnqueue(out _, out _));
        queue.CommitEnqueue(0, 1);
        Assert.Equal(0, queue.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            queue.TryBeginEnqueue(out _, out _);
            queue.CommitEnqueue(9, 1);
        });
    }

    [Fact]
    public void Pcg32_is_reproducible_from_its_seed_and_unbiased_enough()
    {
        var a = new Pcg32(42);
        var b = new Pcg32(42);
        var c = new Pcg32(43);
        var fromA = Enumerable.Range(0, 100).Select(_ => a.NextUInt32()).ToArray();
        Assert.Equal(fromA, Enumerable.Range(0, 100).Select(_ => b.NextUInt32()).ToArray());
        Assert.NotEqual(fromA, Enumerable.Range(0, 100).Select(_ => c.NextUInt32()).ToArray());
        // Reference value of PCG32 XSH RR (pcg32_srandom(42, 54) → first output 0xa15c02b7).
        Assert.Equal(0xa15c02b7u, new Pcg32(42, 54).NextUInt32());

        var buckets = new int[10];
        var random = new Pcg32(7);
        for (int i = 0; i < 100000; i++)
        {
            buckets[random.NextBelow(10)]++;
        }

        Assert.All(buckets, count => Assert.InRange(count, 9500, 10500));
        Assert.All(Enumerable.Range(0, 1000).Select(_ => random.NextInRange(-5, 5)), v => Assert.InRange(v, -5, 5));
    }

    private static void Enqueue(FrameQueue queue, byte first, int length, uint destination)
    {
        Assert.True(queue.TryBeginEnqueue(out byte[] buffer, out int offset));
        for (int i = 0; i < length; i++)
        {
            buffer[offset + i] = (byte)(first + i);
        }

        queue.CommitEnqueue(length, destination);
    }

    private static uint[] Drain(EventRing ring)
    {
        var ids = new List<uint>();
        while (ring.TryDequeue(out var e))
        {
            ids.Add(e.NodeId);
        }

        return ids.ToArray();
    }
}
