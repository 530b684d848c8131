using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Discovery;

/// <summary>EMCON: a node that does not beacon, answers only its parent, and still stays its parent's child.</summary>
public sealed class EmissionControlTests
{
    private readonly ITestOutputHelper _output;

    public EmissionControlTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void An_EMCON_node_sends_no_periodic_beacons_yet_stays_its_parents_child_for_five_minutes()
    {
        // Node 1 the root, node 2 in EMCON, node 3 an ordinary node; everyone is in range of everyone.
        var harness = new NodeHarness(3, AssignmentLifecycleTests.Identity, new NodeLimits(), seed: 21);
        harness.Nodes[1].EmissionControl = true;
        var deliveries = new List<(int From, int To, long AtMs)>();
        harness.Link = (i, j) =>
        {
            deliveries.Add((i, j, harness.NowMs));
            return true;
        };
        harness.RunUntil(20_000); // the root listens (by priority) before claiming, then two beacons make a usable link
        Assert.Equal(1u, harness.Nodes[1].ParentId);
        Assert.True(harness.Nodes[0].Neighbours.TryGet(2, out _));
        long attachedAt = harness.NowMs;
        harness.AfterEachStep = () =>
        {
            Assert.Equal(1u, harness.Nodes[1].ParentId);
            Assert.True(harness.Nodes[0].Neighbours.TryGet(2, out var child), $"the parent lost its EMCON child at {harness.NowMs} ms");
            Assert.Equal(1u, child.Beacon.ParentId);
        };
        harness.RunUntil(attachedAt + 300_000);

        var fromEmcon = deliveries.Where(d => d.From == 1).ToArray();
        Assert.All(fromEmcon, d => Assert.Equal(0, d.To)); // only ever to its parent
        Assert.False(harness.Nodes[2].Neighbours.TryGet(2, out _)); // the bystander never heard it
        Assert.DoesNotContain(harness.Events, e => e.Node == 0 && e.Event.Kind is MeshEventKind.NeighbourLost or MeshEventKind.ChildRemoved && e.Event.NodeId == 2);
        // Once attached, every parent beacon gets one answer (before that the root's beacons were not yet a parent's).
        int parentBeacons = deliveries.Count(d => d.From == 0 && d.To == 1 && d.AtMs > attachedAt);
        int answers = fromEmcon.Count(d => d.AtMs > attachedAt);
        var counters = harness.Metrics[1].Snapshot();
        _output.WriteLine($"parent beacons heard {parentBeacons}, EMCON answers {fromEmcon.Length}, beacons withheld {counters.EmissionsSuppressed}");
        Assert.Equal(parentBeacons, answers); // one answer per parent beacon, none otherwise
        Assert.Equal(fromEmcon.Length, counters.BeaconsQueued);
        Assert.True(counters.EmissionsSuppressed >= 300_000 / new NodeLimits().BeaconIntervalMsMax);
    }

    [Fact]
    public void An_EMCON_target_answers_its_parent_only_and_the_assignment_completes()
    {
        var harness = new NodeHarness(2, AssignmentLifecycleTests.Identity, new NodeLimits(), seed: 22);
        harness.Nodes[1].EmissionControl = true;
        harness.RunUntil(20_000); // the root listens (by priority) before claiming, then two beacons make a usable link
        var deliveries = new List<(int From, int To)>();
        harness.Link = (i, j) =>
        {
            deliveries.Add((i, j));
            return true;
        };
        ushort id = AssignmentLifecycleTests.Assign(harness, 2, AssignmentKind.Level, 3, 0);
        harness.RunUntil(harness.NowMs + 100);
        AssignmentLifecycleTests.AssertStates(harness, id, 2, AssignmentState.Pending, AssignmentState.InProgress, AssignmentState.Completed);
        Assert.Equal(3, harness.Nodes[1].Level);
        Assert.All(deliveries.Where(d => d.From == 1), d => Assert.Equal(0, d.To));
    }

    [Fact]
    public void An_EMCON_node_relays_nothing_and_counts_what_it_withheld()
    {
        var harness = AssignmentLifecycleTests.Chain(out uint target);
        harness.Nodes[1].EmissionControl = true; // node 2 sits between the commander and the rest
        var before = harness.Metrics[1].Snapshot();
        ushort id = AssignmentLifecycleTests.Assign(harness, target, AssignmentKind.Level, 5, 0);
        harness.RunUntil(harness.NowMs + 1000);
        var after = harness.Metrics[1].Snapshot();
        Assert.Equal(0, after.FramesRelayed - before.FramesRelayed);
        Assert.True(after.EmissionsSuppressed - before.EmissionsSuppressed >= 1);
        Assert.Equal(AssignmentState.Pending, AssignmentLifecycleTests.Record(harness, id).State);
    }

    [Fact]
    public void Turning_EMCON_off_resumes_broadcast_beacons()
    {
        var harness = new NodeHarness(2, AssignmentLifecycleTests.Identity, new NodeLimits(), seed: 23);
        harness.Nodes[1].EmissionControl = true;
        harness.RunUntil(60_000);
        long answers = harness.Metrics[1].Snapshot().BeaconsQueued;
        harness.Nodes[1].EmissionControl = false;
        var broadcasts = 0;
        harness.Link = (i, j) =>
        {
            broadcasts += i == 1 ? 1 : 0;
            return true;
        };
        harness.RunUntil(120_000);
        long sent = harness.Metrics[1].Snapshot().BeaconsQueued - answers;
        _output.WriteLine($"beacons after EMCON ended: {sent}");
        Assert.True(sent >= 60_000 / new NodeLimits().BeaconIntervalMsMax);
        Assert.Equal(1u, harness.Nodes[1].ParentId);
    }
}
