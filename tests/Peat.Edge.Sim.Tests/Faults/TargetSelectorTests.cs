using Peat.Edge.Core.Wire;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Placement;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Faults;

/// <summary>Fault targets are chosen from the live parent graph, with deterministic, explained fallbacks.</summary>
public sealed class TargetSelectorTests
{
    private static readonly SimRandom Random = new(1, 2);

    // 1 root (root-capable) with children 2 and 3; 2 has leaf children 4, 5; 3 has child 6 which has child 7.
    private static Peat.Edge.Sim.Checks.ParentSnapshot Tree()
    {
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 1, 2, 2, 3, 6 }, roots: new[] { 0 }, rootCapable: new[] { 0 });
        snapshot.Capabilities[1] = NodePlacement.ParentNode;
        snapshot.Capabilities[2] = NodePlacement.ParentNode;
        snapshot.Capabilities[5] = NodePlacement.ParentNode;
        return snapshot;
    }

    [Fact]
    public void Squad_leader_is_the_non_root_with_most_children()
    {
        int chosen = TargetSelector.Choose(FaultTarget.SquadLeader, Tree(), new int[7], Random, out string? note);
        Assert.Equal(1, chosen); // node 2: two children
        Assert.Null(note);
    }

    [Fact]
    public void Leaf_parent_skips_parents_of_parents()
    {
        var snapshot = Tree();
        snapshot.ParentId[3] = 0; // node 4 leaves node 2: node 2 has one leaf child, node 3 has a child with a child
        int chosen = TargetSelector.Choose(FaultTarget.LeafParent, snapshot, new int[7], Random, out string? note);
        Assert.Equal(1, chosen);
        snapshot.ParentId[4] = 0; // node 2 has no children now; node 6 (leaf child 7) qualifies
        chosen = TargetSelector.Choose(FaultTarget.LeafParent, snapshot, new int[7], Random, out note);
        Assert.Equal(5, chosen);
        Assert.Null(note);
    }

    [Fact]
    public void Top_root_is_the_root_with_most_descendants()
    {
        var snapshot = Tree();
        snapshot.IsRoot[2] = true; // 3 claims root of its own subtree (2 descendants) against 1's 3
        snapshot.ParentId[2] = 0;
        Assert.Equal(0, TargetSelector.Choose(FaultTarget.TopRoot, snapshot, new int[7], Random, out _));
        Assert.Equal(new[] { 3, 2, 2, 0, 0, 1, 0 }, TargetSelector.CountDescendants(snapshot));
    }

    [Fact]
    public void Without_a_tree_the_fallbacks_are_deterministic_and_explained()
    {
        var snapshot = Snapshots.Of(new uint[7], rootCapable: new[] { 1, 2 }, leaves: new[] { 0, 3, 6 });
        snapshot.Capabilities[4] = NodePlacement.ParentNode;
        snapshot.Capabilities[5] = NodePlacement.ParentNode;
        int[] neighbours = { 9, 9, 9, 9, 3, 5, 12 };
        Assert.Equal(5, TargetSelector.Choose(FaultTarget.SquadLeader, snapshot, neighbours, Random, out string? note));
        Assert.Contains("fallback", note);
        Assert.Equal(1, TargetSelector.Choose(FaultTarget.TopRoot, snapshot, neighbours, Random, out note));
        Assert.Contains("lowest-id alive root-capable", note);
    }

    [Fact]
    public void Random_alive_never_takes_the_last_root_capable_node()
    {
        var snapshot = Snapshots.Of(new uint[] { 0, 0 }, rootCapable: new[] { 0 });
        var random = new SimRandom(3, 4);
        for (int k = 0; k < 50; k++)
        {
            Assert.Equal(1, TargetSelector.Choose(FaultTarget.RandomAlive, snapshot, new int[2], random, out _));
        }

        snapshot.Alive[1] = false;
        Assert.Equal(-1, TargetSelector.Choose(FaultTarget.RandomAlive, snapshot, new int[2], random, out string? note));
        Assert.NotNull(note);
        Assert.True(snapshot.Capabilities[0].HasFlag(Capabilities.RootCapable));
    }
}
