using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Node;

/// <summary>Random, truncated and bit-flipped frames: never an exception, every frame accounted for.</summary>
public sealed class BadInputTests
{
    private const int Seed = 20261125;
    private readonly ITestOutputHelper _output;

    public BadInputTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Hundred_thousand_hostile_frames_are_each_accepted_or_dropped_for_a_counted_reason()
    {
        var limits = NodeLimits.Esp32Leaf();
        var metrics = new CounterMetrics();
        var node = new MeshNode(new NodeIdentity(0x7777, Capabilities.None), limits, metrics, Seed);
        // Beacons, commands and command statuses (some addressed to this node), so every body reader and
        // the flood, target and commander paths see hostile variants.
        byte[][] valid = Fuzz.ValidBeaconFrames(40, limits.AuthTagBytes, Seed)
            .Concat(Fuzz.ValidCommandFrames(20, limits.AuthTagBytes, 0x7777, Seed))
            .Concat(Fuzz.ValidCommandStatusFrames(20, limits.AuthTagBytes, 0x7777, Seed))
            .ToArray();
        var random = new Random(Seed);
        var results = new Dictionary<ReceiveResult, int>();
        byte[] buffer = new byte[limits.FrameBytesMax + 64];
        byte[] outgoing = new byte[limits.FrameBytesMax];
        const int Frames = 100_000;
        long now = 0;
        for (int i = 0; i < Frames; i++)
        {
            int count = Mutate(random, valid[random.Next(valid.Length)], buffer);
            int offset = random.Next(0, buffer.Length - count + 1);
            if (offset > 0)
            {
                Array.Copy(buffer, 0, buffer, offset, count);
            }

            now += random.Next(0, 50);
            ReceiveResult result;
            try
            {
                result = node.Receive(buffer, offset, count, LinkInfo.None, now);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"frame {i} threw {e.GetType().Name}: {e.Message}; seed {Seed}; bytes {Convert.ToHexString(buffer, offset, count)}");
            }

            results[result] = results.GetValueOrDefault(result) + 1;
            if (i % 500 == 0)
            {
                // The node commands too, so statuses can meet open assignments (command ids are small on purpose).
                node.TryAssign((uint)random.Next(1, 41), (AssignmentKind)random.Next(1, 4), (ulong)random.Next(0, 20), random.Next(0, 13), now, out _);
            }

            node.Tick(now);
            while (node.TryDequeueOutgoing(outgoing, 0, out _, out _))
            {
            }

            while (node.TryDequeueEvent(out _))
            {
            }
        }

        var counts = metrics.Snapshot();
        foreach (var pair in results.OrderBy(p => p.Key))
        {
            _output.WriteLine($"{pair.Key}: {pair.Value}");
        }

        Assert.Equal(Frames, counts.FramesReceived);
        Assert.Equal(Frames, counts.FramesAccepted + counts.FramesDropped);
        Assert.Equal(results.GetValueOrDefault(ReceiveResult.Accepted), counts.FramesAccepted);
        long byReason = counts.DroppedTooLarge + counts.DroppedTruncated + counts.DroppedUnsupportedVersion + counts.DroppedUnknownType
            + counts.DroppedMalformed + counts.DroppedInvalidField + counts.DroppedInvalidSource + counts.DroppedOwnFrame
            + counts.DroppedDuplicate + counts.DroppedStale + counts.DroppedTableFull;
        Assert.Equal(counts.FramesDropped, byReason);
        // The mix really reached the deep paths, not only the length check.
        Assert.True(results.GetValueOrDefault(ReceiveResult.Accepted) > 1000);
        Assert.True(results.GetValueOrDefault(ReceiveResult.DroppedMalformed) > 1000);
        Assert.True(results.GetValueOrDefault(ReceiveResult.DroppedInvalidField) > 100);
        Assert.True(results.GetValueOrDefault(ReceiveResult.DroppedTruncated) > 100);
        Assert.True(results.GetValueOrDefault(ReceiveResult.DroppedTooLarge) > 100);
        Assert.True(node.Neighbours.Count <= limits.NeighbourCapacity);
        Assert.True(counts.FramesRelayed > 100, $"relayed {counts.FramesRelayed}");
    }

    /// <summary>Writes one hostile variant of a valid frame into buffer and returns its length.</summary>
    private static int Mutate(Random random, byte[] valid, byte[] buffer)
    {
        switch (random.Next(6))
        {
            case 0: // pure noise of any length, sometimes too long
            {
                int count = random.Next(0, buffer.Length + 1);
                random.NextBytes(buffer.AsSpan(0, count));
                return count;
            }

            case 1: // truncated
            {
                int count = random.Next(0, valid.Length);
                valid.AsSpan(0, count).CopyTo(buffer);
                return count;
            }

            case 2: // bit flips
            {
                valid.CopyTo(buffer, 0);
                int flips = random.Next(1, 4);
                for (int f = 0; f < flips; f++)
                {
                    buffer[random.Next(valid.Length)] ^= (byte)(1 << random.Next(8));
                }

                return valid.Length;
            }

            case 3: // valid envelope, garbage body
            {
                valid.AsSpan(0, 8).CopyTo(buffer);
                int count = random.Next(9, 80);
                random.NextBytes(buffer.AsSpan(8, count - 8));
                return count;
            }

            case 4: // extended with junk
            {
                valid.CopyTo(buffer, 0);
                int extra = random.Next(1, 40);
                random.NextBytes(buffer.AsSpan(valid.Length, extra));
                return valid.Length + extra;
            }

            default: // valid, from a random source with a random sequence
            {
                valid.CopyTo(buffer, 0);
                buffer[5] = (byte)random.Next(256);
                buffer[6] = (byte)random.Next(256);
                buffer[7] = (byte)random.Next(256);
                return valid.Length;
            }
        }
    }
}
