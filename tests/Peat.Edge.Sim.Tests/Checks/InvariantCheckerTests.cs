using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Checks;

/// <summary>Every way a parent graph can loop is found, once per distinct loop; trees and dead ends are not loops.</summary>
public sealed class InvariantCheckerTests
{
    private readonly InvariantChecker _checker = new();

    [Fact]
    public void A_tree_has_no_loop()
    {
        // 1 is the root; 2,3 under 1; 4,5 under 2.
        var loops = _checker.FindLoops(Snapshots.Of(new uint[] { 0, 1, 1, 2, 2 }, roots: new[] { 0 }));
        Assert.Empty(loops);
    }

    [Fact]
    public void Two_nodes_pointing_at_each_other_are_one_loop()
    {
        var loops = _checker.FindLoops(Snapshots.Of(new uint[] { 0, 3, 2 }));
        RoutingLoop loop = Assert.Single(loops);
        Assert.Equal(new uint[] { 2, 3 }, loop.NodeIds);
        Assert.Contains("routing loop 2 -> 3 -> 2", loop.Describe());
    }

    [Fact]
    public void A_self_parent_is_reported_as_its_own_ancestor()
    {
        var loops = _checker.FindLoops(Snapshots.Of(new uint[] { 0, 2, 1 }));
        RoutingLoop loop = Assert.Single(loops);
        Assert.True(loop.IsSelfParent);
        Assert.Equal("node 2 is its own parent", loop.Describe());
    }

    [Fact]
    public void A_three_cycle_is_found_once_and_spelled_from_its_smallest_id()
    {
        // 5 -> 3 -> 4 -> 5 plus a tail 1 -> 5 and 2 -> 1: one loop, whatever hangs below it.
        var loops = _checker.FindLoops(Snapshots.Of(new uint[] { 5, 1, 4, 5, 3 }));
        RoutingLoop loop = Assert.Single(loops);
        Assert.Equal(new uint[] { 3, 4, 5 }, loop.NodeIds);
    }

    [Fact]
    public void Two_separate_loops_are_two_violations()
    {
        var loops = _checker.FindLoops(Snapshots.Of(new uint[] { 2, 1, 4, 3, 5 }));
        Assert.Equal(3, loops.Count); // 1<->2, 3<->4 and 5 its own parent
        Assert.Contains(loops, l => l.NodeIds.SequenceEqual(new uint[] { 1, 2 }));
        Assert.Contains(loops, l => l.NodeIds.SequenceEqual(new uint[] { 3, 4 }));
        Assert.Contains(loops, l => l.IsSelfParent && l.NodeIds[0] == 5);
    }

    [Fact]
    public void A_chain_through_a_dead_node_is_not_a_loop()
    {
        // 1 -> 2 -> 3 -> 1 would loop, but 3 is dead: its stale pointer is nobody's state.
        var loops = _checker.FindLoops(Snapshots.Of(new uint[] { 2, 3, 1 }, dead: new[] { 2 }));
        Assert.Empty(loops);
    }

    [Fact]
    public void A_dead_node_pointing_at_itself_is_not_reported()
    {
        var loops = _checker.FindLoops(Snapshots.Of(new uint[] { 0, 2 }, dead: new[] { 1 }));
        Assert.Empty(loops);
    }

    [Fact]
    public void Unknown_parent_ids_end_a_chain()
    {
        var loops = _checker.FindLoops(Snapshots.Of(new uint[] { 99, 1, 0xFFFFFFFE }));
        Assert.Empty(loops);
    }

    [Fact]
    public void The_checker_is_reusable_across_snapshots_of_different_sizes()
    {
        Assert.Single(_checker.FindLoops(Snapshots.Of(new uint[] { 2, 1 })));
        Assert.Empty(_checker.FindLoops(Snapshots.Of(new uint[] { 0, 1, 2, 3 })));
        Assert.Single(_checker.FindLoops(Snapshots.Of(new uint[] { 0, 1, 2, 3 ,4, 7, 6 })));
    }
}
