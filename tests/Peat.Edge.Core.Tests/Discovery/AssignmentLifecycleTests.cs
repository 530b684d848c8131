using Peat.Edge.Core.Discovery;
using Peat.Edge.Core.Geo;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Discovery;

/// <summary>
/// Directed assignment across a multi-hop mesh on the in-test harness: the commander (node 1, the root)
/// sees Pending → InProgress → Completed or Failed(reason) for each kind, with the command and the
/// statuses flooding three hops each way.
/// </summary>
public sealed class AssignmentLifecycleTests
{
    private const uint Commander = 1;
    private readonly ITestOutputHelper _output;

    public AssignmentLifecycleTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void A_level_assignment_three_hops_away_goes_pending_in_progress_completed_and_holds()
    {
        var harness = Chain(out uint target);
        ushort id = Assign(harness, target, AssignmentKind.Level, 6, 0);
        harness.RunUntil(harness.NowMs + 1000);
        AssertStates(harness, id, target, AssignmentState.Pending, AssignmentState.InProgress, AssignmentState.Completed);
        Assert.True(harness.Nodes[0].TryGetAssignment(id, out AssignmentRecord record));
        Assert.Equal(AssignmentState.Completed, record.State);
        Assert.Equal(AssignmentFailure.None, record.Failure);
        MeshNode node = harness.Nodes[harness.IndexOf(target)];
        Assert.Equal(6, node.Level);
        Assert.True(node.HasAssignedLevel);
        Assert.Contains(harness.Events, e => e.Node == harness.IndexOf(target) && e.Event.Kind == MeshEventKind.AssignmentAnswered
            && e.Event.NodeId == Commander && AssignmentEventValue.State(e.Event.Value) == AssignmentState.Completed);

        harness.RunUntil(harness.NowMs + 60_000);
        Assert.Equal(6, node.Level); // the dynamic strategy would say 3 (its depth); the assignment holds
        Assert.True(harness.AllAttachedTo(Commander));
        node.ReleaseAssignments(harness.NowMs);
        Assert.Equal(3, node.Level);
    }

    [Fact]
    public void A_cell_assignment_completes_and_the_target_elects_within_that_cell()
    {
        var harness = Chain(out uint target);
        GeohashCell cell = Geohash.Encode(473977000 + (3 * 10000), 85456000, 5);
        ushort id = Assign(harness, target, AssignmentKind.Cell, cell.Bits, cell.Precision);
        harness.RunUntil(harness.NowMs + 1000);
        AssertStates(harness, id, target, AssignmentState.Pending, AssignmentState.InProgress, AssignmentState.Completed);
        Assert.Equal(cell, harness.Nodes[harness.IndexOf(target)].Topology.AssignedCell);
    }

    [Fact]
    public void A_parent_assignment_completes_when_the_target_has_attached_to_the_named_parent()
    {
        // 1 - 2 - 3 - 4 and 5, which hears 2 and 4: node 4 can hang under 3 or 5 (both two hops from the root).
        var harness = new NodeHarness(5, Identity, new NodeLimits(), seed: 11)
        {
            Link = (i, j) => Math.Abs(i - j) == 1 && Math.Max(i, j) <= 3 || (Math.Min(i, j), Math.Max(i, j)) is (1, 4) or (3, 4),
        };
        harness.RunUntil(30_000);
        Assert.True(harness.AllAttachedTo(Commander));
        MeshNode node = harness.Nodes[3];
        uint other = node.ParentId == 3 ? 5u : 3u;
        _output.WriteLine($"node 4 hangs under {node.ParentId}; assigning {other}");

        ushort id = Assign(harness, 4, AssignmentKind.Parent, other, 0);
        harness.RunUntil(harness.NowMs + 1000);
        AssertStates(harness, id, 4, AssignmentState.Pending, AssignmentState.InProgress, AssignmentState.Completed);
        Assert.Equal(other, node.ParentId);
        harness.RunUntil(harness.NowMs + 120_000);
        Assert.Equal(other, node.ParentId); // pinned: it stays while the parent is a feasible candidate
        Assert.Null(harness.FindLoop());
    }

    [Fact]
    public void A_commander_the_authorizer_does_not_list_is_refused()
    {
        var harness = Chain(out uint target);
        harness.Nodes[harness.IndexOf(target)].CommandAuthorizer = new AllowListedCommanders(new uint[] { 99 });
        ushort id = Assign(harness, target, AssignmentKind.Level, 6, 0);
        harness.RunUntil(harness.NowMs + 1000);
        AssertStates(harness, id, target, AssignmentState.Pending, AssignmentState.Failed);
        Assert.Equal(AssignmentFailure.Refused, Record(harness, id).Failure);
        Assert.Equal(3, harness.Nodes[harness.IndexOf(target)].Level);

        harness.Nodes[harness.IndexOf(target)].CommandAuthorizer = new AllowListedCommanders(new uint[] { 99, Commander });
        id = Assign(harness, target, AssignmentKind.Level, 6, 0);
        harness.RunUntil(harness.NowMs + 1000);
        Assert.Equal(AssignmentState.Completed, Record(harness, id).State);
    }

    [Theory]
    [InlineData("level 16", AssignmentKind.Level, 16UL, 0)]
    [InlineData("level with a precision", AssignmentKind.Level, 2UL, 3)]
    [InlineData("cell precision 0", AssignmentKind.Cell, 5UL, 0)]
    [InlineData("cell precision 13", AssignmentKind.Cell, 5UL, 13)]
    [InlineData("cell bits wider than the precision", AssignmentKind.Cell, 1UL << 10, 2)]
    [InlineData("parent is the target itself", AssignmentKind.Parent, 4UL, 0)]
    [InlineData("parent wider than a node id", AssignmentKind.Parent, 1UL << 32, 0)]
    [InlineData("an unknown kind", (AssignmentKind)9, 1UL, 0)]
    public void An_invalid_value_is_refused(string what, AssignmentKind kind, ulong value, int precision)
    {
        var harness = Chain(out uint target);
        ushort id = Assign(harness, target, kind, value, precision);
        harness.RunUntil(harness.NowMs + 1000);
        AssertStates(harness, id, target, AssignmentState.Pending, AssignmentState.Failed);
        Assert.Equal(AssignmentFailure.Refused, Record(harness, id).Failure);
        _output.WriteLine($"{what}: refused");
    }

    [Fact]
    public void A_parent_that_is_not_a_neighbour_of_the_target_is_unreachable_at_once()
    {
        var harness = Chain(out uint target);
        ushort id = Assign(harness, target, AssignmentKind.Parent, 2, 0); // node 2 is two hops from node 4
        harness.RunUntil(harness.NowMs + 1000);
        AssertStates(harness, id, target, AssignmentState.Pending, AssignmentState.Failed);
        Assert.Equal(AssignmentFailure.Unreachable, Record(harness, id).Failure);
    }

    [Fact]
    public void A_parent_the_target_cannot_attach_to_fails_unreachable_before_the_commander_times_out()
    {
        // Node 3's only other neighbour is its own child, node 4: never a feasible parent.
        var harness = Chain(out _);
        var limits = new NodeLimits();
        ushort id = Assign(harness, 3, AssignmentKind.Parent, 4, 0);
        long issuedAt = harness.NowMs;
        harness.RunUntil(issuedAt + 1000);
        AssertStates(harness, id, 3, AssignmentState.Pending, AssignmentState.InProgress);
        harness.RunUntil(issuedAt + limits.AssignmentTimeoutMs);
        AssertStates(harness, id, 3, AssignmentState.Pending, AssignmentState.InProgress, AssignmentState.Failed);
        AssignmentRecord record = Record(harness, id);
        Assert.Equal(AssignmentFailure.Unreachable, record.Failure);
        Assert.InRange(record.UpdatedAtMs - issuedAt, limits.AssignmentTimeoutMs / 2, (limits.AssignmentTimeoutMs / 2) + 1000);
        Assert.Equal(0u, harness.Nodes[2].Topology.PinnedParentId); // the pin is released
        Assert.Equal(2u, harness.Nodes[2].ParentId);
    }

    [Fact]
    public void A_silent_target_times_out_at_the_commander()
    {
        var harness = Chain(out uint target);
        harness.Silenced.Add(harness.IndexOf(target));
        var limits = new NodeLimits();
        ushort id = Assign(harness, target, AssignmentKind.Level, 2, 0);
        long issuedAt = harness.NowMs;
        Assert.True(harness.Nodes[0].NextDeadlineMs <= issuedAt + limits.AssignmentTimeoutMs);
        harness.RunUntil(issuedAt + limits.AssignmentTimeoutMs - 1);
        Assert.Equal(AssignmentState.Pending, Record(harness, id).State);
        harness.RunUntil(issuedAt + limits.AssignmentTimeoutMs);
        AssertStates(harness, id, target, AssignmentState.Pending, AssignmentState.Failed);
        AssignmentRecord record = Record(harness, id);
        Assert.Equal(AssignmentFailure.TimedOut, record.Failure);
        Assert.Equal(issuedAt + limits.AssignmentTimeoutMs, record.UpdatedAtMs);
    }

    [Fact]
    public void A_lone_commander_wakes_for_the_timeout_and_a_full_table_refuses_and_counts()
    {
        var limits = new NodeLimits { AssignmentCapacity = 2 };
        var metrics = new Peat.Edge.Core.Metrics.CounterMetrics();
        var node = new MeshNode(new NodeIdentity(1, Capabilities.CanParent | Capabilities.RootCapable), limits, metrics, 3);
        node.Tick(0);
        Assert.True(node.TryAssign(7, AssignmentKind.Level, 1, 0, 100, out ushort first));
        Assert.True(node.TryAssign(8, AssignmentKind.Level, 1, 0, 200, out ushort second));
        Assert.NotEqual(first, second);
        Assert.False(node.TryAssign(9, AssignmentKind.Level, 1, 0, 300, out _));
        Assert.Equal(1, metrics.Snapshot().AssignmentTableFullEvents);
        Assert.True(node.NextDeadlineMs <= 100 + limits.AssignmentTimeoutMs);

        long now = 0;
        while (now < 100 + limits.AssignmentTimeoutMs)
        {
            now = node.NextDeadlineMs;
            node.Tick(now);
            while (node.TryDequeueOutgoing(new byte[limits.FrameBytesMax], 0, out _, out _))
            {
            }
        }

        Assert.True(node.TryGetAssignment(first, out AssignmentRecord timedOut));
        Assert.Equal(AssignmentFailure.TimedOut, timedOut.Failure);
        Assert.Equal(100 + limits.AssignmentTimeoutMs, timedOut.UpdatedAtMs);
        // A final record makes room: the oldest one goes.
        Assert.True(node.TryAssign(9, AssignmentKind.Level, 1, 0, now, out ushort third));
        Assert.False(node.TryGetAssignment(first, out _));
        Assert.True(node.TryGetAssignment(third, out _));
    }

    /// <summary>Nodes 1-2-3-4 in a line, node 1 the root-capable commander; formed after 30 s.</summary>
    internal static NodeHarness Chain(out uint target, NodeLimits? limits = null)
    {
        var harness = new NodeHarness(4, Identity, limits ?? new NodeLimits(), seed: 7) { Link = (i, j) => Math.Abs(i - j) == 1 };
        harness.RunUntil(30_000);
        Assert.True(harness.AllAttachedTo(Commander));
        Assert.Equal(3, harness.Nodes[3].Level);
        target = 4;
        return harness;
    }

    internal static NodeIdentity Identity(int i) => new((uint)(i + 1), i == 0 ? Capabilities.CanParent | Capabilities.RootCapable : Capabilities.CanParent);

    internal static ushort Assign(NodeHarness harness, uint target, AssignmentKind kind, ulong value, int precision)
    {
        Assert.True(harness.Nodes[0].TryAssign(target, kind, value, precision, harness.NowMs, out ushort id));
        return id;
    }

    internal static AssignmentRecord Record(NodeHarness harness, ushort id)
    {
        Assert.True(harness.Nodes[0].TryGetAssignment(id, out AssignmentRecord record));
        return record;
    }

    /// <summary>The commander's AssignmentStatus events for this command are exactly these states, in order.</summary>
    internal static void AssertStates(NodeHarness harness, ushort id, uint target, params AssignmentState[] expected)
    {
        var states = harness.Events
            .Where(e => e.Node == 0 && e.Event.Kind == MeshEventKind.AssignmentStatus && AssignmentEventValue.CommandId(e.Event.Value) == id)
            .Select(e =>
            {
                Assert.Equal(target, e.Event.NodeId);
                return AssignmentEventValue.State(e.Event.Value);
            })
            .ToArray();
        Assert.Equal(expected, states);
    }
}
