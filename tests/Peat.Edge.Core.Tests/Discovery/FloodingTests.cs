using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Storage;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Discovery;

/// <summary>Controlled flooding: each node passes a command or status on once; hop limits bound how far it goes.</summary>
public sealed class FloodingTests
{
    private readonly ITestOutputHelper _output;

    public FloodingTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void In_a_full_mesh_every_bystander_relays_the_command_and_each_status_exactly_once()
    {
        const int Nodes = 6;
        var harness = new NodeHarness(Nodes, AssignmentLifecycleTests.Identity, new NodeLimits(), seed: 3);
        harness.RunUntil(20_000);
        var before = harness.Metrics.Select(m => m.Snapshot()).ToArray();

        ushort id = AssignmentLifecycleTests.Assign(harness, Nodes, AssignmentKind.Level, 4, 0);
        harness.RunUntil(harness.NowMs + 100);
        AssignmentLifecycleTests.AssertStates(harness, id, Nodes, AssignmentState.Pending, AssignmentState.InProgress, AssignmentState.Completed);

        var after = harness.Metrics.Select(m => m.Snapshot()).ToArray();
        long Delta(int node, Func<Peat.Edge.Core.Metrics.MetricsSnapshot, long> counter) => counter(after[node]) - counter(before[node]);
        for (int i = 1; i < Nodes - 1; i++)
        {
            Assert.Equal(3, Delta(i, m => m.FramesRelayed)); // the command, in progress, completed
            // Of each of the three, the originator's copy is new and the other bystanders' relays are duplicates.
            Assert.Equal(3 * (Nodes - 3), Delta(i, m => m.DroppedDuplicate));
        }

        Assert.Equal(0, Delta(0, m => m.FramesRelayed)); // the commander is the statuses' addressee
        Assert.Equal(0, Delta(Nodes - 1, m => m.FramesRelayed)); // the target is the command's addressee
        Assert.Equal(Nodes - 2, Delta(0, m => m.DroppedOwnFrame)); // its command, relayed back by each bystander
        Assert.Equal(2 * (Nodes - 2), Delta(0, m => m.DroppedDuplicate)); // the relayed copies of both statuses
        Assert.Equal(Nodes - 2, Delta(Nodes - 1, m => m.DroppedDuplicate)); // the relayed copies of the command
        Assert.Equal(2 * (Nodes - 2), Delta(Nodes - 1, m => m.DroppedOwnFrame)); // its statuses, relayed back
        _output.WriteLine($"relays per bystander: {Delta(1, m => m.FramesRelayed)}; duplicates at a bystander: {Delta(1, m => m.DroppedDuplicate)}");
    }

    [Fact]
    public void The_hop_limit_bounds_how_far_a_command_travels()
    {
        // 1-2-3-4: the target is 3 hops away. HopLimit 3 reaches it and brings the answer back; 2 does not.
        var reaching = AssignmentLifecycleTests.Chain(out uint target, new NodeLimits { HopLimit = 3 });
        ushort id = AssignmentLifecycleTests.Assign(reaching, target, AssignmentKind.Level, 5, 0);
        reaching.RunUntil(reaching.NowMs + 100);
        Assert.Equal(AssignmentState.Completed, AssignmentLifecycleTests.Record(reaching, id).State);

        var limits = new NodeLimits { HopLimit = 2 };
        var falling = AssignmentLifecycleTests.Chain(out target, limits);
        var before = falling.Metrics.Select(m => m.Snapshot()).ToArray();
        id = AssignmentLifecycleTests.Assign(falling, target, AssignmentKind.Level, 5, 0);
        falling.RunUntil(falling.NowMs + limits.AssignmentTimeoutMs);
        var after = falling.Metrics.Select(m => m.Snapshot()).ToArray();
        Assert.Equal(1, after[1].FramesRelayed - before[1].FramesRelayed); // received 2 hops left, relays with 1
        Assert.Equal(0, after[2].FramesRelayed - before[2].FramesRelayed); // received 1: the frame stops here
        Assert.Equal(3, falling.Nodes[3].Level);
        Assert.Equal(AssignmentFailure.TimedOut, AssignmentLifecycleTests.Record(falling, id).Failure);
    }

    [Fact]
    public void The_duplicate_ring_remembers_the_last_entries_and_forgets_the_oldest()
    {
        var cache = new DuplicateCache(3);
        Assert.False(cache.CheckAndRecord(1, FrameType.Command, 10));
        Assert.True(cache.CheckAndRecord(1, FrameType.Command, 10));
        Assert.False(cache.CheckAndRecord(1, FrameType.CommandStatus, 10)); // the type is part of the key
        Assert.False(cache.CheckAndRecord(2, FrameType.Command, 10)); // so is the source
        Assert.Equal(3, cache.Count);
        Assert.False(cache.CheckAndRecord(1, FrameType.Command, 11)); // overwrites the oldest: (1, command, 10)
        Assert.Equal(3, cache.Count);
        Assert.False(cache.CheckAndRecord(1, FrameType.Command, 10));
        Assert.True(cache.CheckAndRecord(1, FrameType.Command, 11));
    }

    [Fact]
    public void The_duplicate_ring_forgets_one_type_of_a_restarted_source_and_only_it()
    {
        var cache = new DuplicateCache(4);
        cache.Record(1, FrameType.Telemetry, 10);
        cache.Record(1, FrameType.Command, 11);
        cache.Record(2, FrameType.Telemetry, 10);
        cache.Record(0x01000001, FrameType.Telemetry, 10); // shares the low bits of source 1
        cache.Forget(1, FrameType.Telemetry);
        Assert.False(cache.Contains(1, FrameType.Telemetry, 10));
        Assert.True(cache.Contains(1, FrameType.Command, 11)); // a flooded command is kept: forgotten, a late copy would apply again
        Assert.True(cache.Contains(2, FrameType.Telemetry, 10));
        Assert.True(cache.Contains(0x01000001, FrameType.Telemetry, 10));
        Assert.False(cache.CheckAndRecord(1, FrameType.Telemetry, 10)); // taken as new, and remembered again
        Assert.True(cache.CheckAndRecord(1, FrameType.Telemetry, 10));
    }
}
