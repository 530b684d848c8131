using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Checks;

/// <summary>The liveness rule on hand-built graphs, so it is right before topology lands.</summary>
public sealed class AttachmentCheckTests
{
    private static AttachmentResult Evaluate(ParentSnapshot snapshot, MatrixTopology topology, out AttachmentCheck check)
    {
        var reachability = new RootReachability();
        reachability.Compute(snapshot, topology);
        check = new AttachmentCheck();
        return check.Evaluate(snapshot, topology, reachability);
    }

    [Fact]
    public void A_tree_under_a_root_capable_root_is_fully_attached_with_depths()
    {
        // 1 (root-capable root) <- 2 <- 3 <- 4, radio chain 0-1-2-3.
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 2, 3 }, roots: new[] { 0 }, rootCapable: new[] { 0 });
        var result = Evaluate(snapshot, new MatrixTopology(4).Chain(), out var check);
        Assert.True(result.AllAttached);
        Assert.Equal(4, result.Attached);
        Assert.Equal(3, result.MaxDepth);
        Assert.Equal(1, result.ValidRoots);
        Assert.Equal(new[] { 0, 1, 2, 3 }, check.Depths.ToArray());
    }

    [Fact]
    public void A_node_without_a_parent_is_an_orphan()
    {
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 2, 0 }, roots: new[] { 0 }, rootCapable: new[] { 0 });
        var result = Evaluate(snapshot, new MatrixTopology(4).Chain(), out var check);
        Assert.False(result.AllAttached);
        Assert.Equal(1, result.Orphans);
        Assert.Equal(-1, check.Depths[3]);
    }

    [Fact]
    public void A_parent_that_is_dead_or_out_of_radio_reach_does_not_attach()
    {
        // 4's parent is 2, but 1-3 (index) are not linked: the hop must be a live radio link.
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 2, 2 }, roots: new[] { 0 }, rootCapable: new[] { 0 });
        var topology = new MatrixTopology(4).Chain();
        var result = Evaluate(snapshot, topology, out _);
        Assert.Equal(3, result.Attached);

        // 3's parent (2) dies: 3 and 4 below it are orphans.
        snapshot = Snapshots.Of(new uint[] { 0, 1, 2, 3 }, roots: new[] { 0 }, rootCapable: new[] { 0 }, dead: new[] { 1 });
        result = Evaluate(snapshot, new MatrixTopology(4).Chain(), out _);
        Assert.Equal(3, result.Alive);
        Assert.Equal(1, result.Attached);
    }

    [Fact]
    public void A_cut_link_detaches_the_subtree_below_it()
    {
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 2, 3 }, roots: new[] { 0 }, rootCapable: new[] { 0 });
        var topology = new MatrixTopology(4).Chain().Link(1, 2, up: false);
        var result = Evaluate(snapshot, topology, out var check);
        Assert.Equal(2, result.Attached);
        Assert.Equal(-1, check.Depths[2]);
        Assert.Equal(-1, check.Depths[3]);
    }

    [Fact]
    public void A_component_without_root_capable_nodes_may_be_led_by_any_node()
    {
        // Radio: {0,1} and {2,3} apart. 1 is root-capable and root of the first part; in the second part
        // nobody is root-capable, so 3 leading it with 4 below is attached.
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 0, 3 }, roots: new[] { 0, 2 }, rootCapable: new[] { 0 });
        var topology = new MatrixTopology(4).Link(0, 1).Link(2, 3);
        var result = Evaluate(snapshot, topology, out _);
        Assert.True(result.AllAttached);
        Assert.Equal(2, result.ValidRoots);
    }

    [Fact]
    public void A_region_joined_to_the_command_post_only_through_leaves_may_lead_itself()
    {
        // Radio chain 0 (root-capable) - 1 (leaf) - 2 (may parent) - 3 (leaf). A leaf cannot relay a tree,
        // so 2 can never hang below 0: 2 leading 3 is a valid tree, and 1 hangs below 0.
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 0, 3 }, roots: new[] { 0, 2 }, rootCapable: new[] { 0 }, leaves: new[] { 1, 3 });
        var topology = new MatrixTopology(4).Chain();
        var result = Evaluate(snapshot, topology, out _);
        Assert.True(result.AllAttached);
        Assert.Equal(2, result.ValidRoots);

        // Make 1 a relay: now 2 can reach 0, so its own root no longer counts.
        snapshot.Capabilities[1] = Peat.Edge.Sim.Placement.NodePlacement.ParentNode;
        result = Evaluate(snapshot, topology, out _);
        Assert.Equal(2, result.Attached);
        Assert.Equal(1, result.ValidRoots);
    }

    [Fact]
    public void Reachability_follows_parent_capable_hops_only()
    {
        var snapshot = Snapshots.Of(new uint[5], rootCapable: new[] { 0 }, leaves: new[] { 1, 3, 4 });
        var reachability = new RootReachability();
        reachability.Compute(snapshot, new MatrixTopology(5).Chain()); // 0 - leaf 1 - relay 2 - leaf 3 - leaf 4
        Assert.True(reachability.CanReachRootCapable(0));
        Assert.True(reachability.CanReachRootCapable(1));
        Assert.False(reachability.CanReachRootCapable(2));
        Assert.False(reachability.CanReachRootCapable(3));
        Assert.Equal(3, reachability.UnreachableCount);
    }

    [Fact]
    public void A_region_joined_to_the_command_post_only_over_links_too_lossy_for_a_parent_may_lead_itself()
    {
        // Radio chain 0 (root-capable) - 1 - 2 - 3, all relays; 2 hears 1 only over a link that loses more than
        // its parent rule accepts. 2 leading 3 is then a valid tree, and 1 hangs below 0.
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 0, 3 }, roots: new[] { 0, 2 }, rootCapable: new[] { 0 });
        var topology = new MatrixTopology(4).Chain().TooLossy(1, 2);
        var result = Evaluate(snapshot, topology, out var check);
        Assert.True(result.AllAttached);
        Assert.Equal(2, result.ValidRoots);

        // A parent already taken over such a link still attaches (the core keeps a parent down to a lower share).
        snapshot = Snapshots.Of(new uint[] { 0, 1, 2, 3 }, roots: new[] { 0 }, rootCapable: new[] { 0 });
        result = Evaluate(snapshot, topology, out check);
        Assert.True(result.AllAttached);
        Assert.Equal(3, check.Depths[3]);

        // The link good again: 2 can reach 0, so its own root no longer counts.
        snapshot = Snapshots.Of(new uint[] { 0, 1, 0, 3 }, roots: new[] { 0, 2 }, rootCapable: new[] { 0 });
        result = Evaluate(snapshot, new MatrixTopology(4).Chain(), out _);
        Assert.Equal(2, result.Attached);
        Assert.Equal(2, result.Orphans);
    }

    [Fact]
    public void A_member_of_a_fallback_tree_that_could_reach_the_command_post_is_not_attached()
    {
        // 0 root-capable; relays 1 and 2; 3 below 1. 1 hears 0 well, but 2 hears 1 (and 3 hears 1) only over a link
        // too lossy for a new parent (asymmetric: 1 hears both well). So 2 cannot reach 0 and its fallback tree is
        // valid, but 1, hanging below 2, could be in 0's tree and is not attached; 3 below it cannot, and is.
        var snapshot = Snapshots.Of(new uint[] { 0, 3, 0, 2 }, roots: new[] { 0, 2 }, rootCapable: new[] { 0 });
        var topology = new MatrixTopology(4).Chain().Link(2, 3, up: false).Link(1, 3).TooLossy(1, 2).TooLossy(1, 3);
        var result = Evaluate(snapshot, topology, out var check);
        Assert.Equal(2, result.ValidRoots);
        Assert.Equal(1, result.Orphans);
        Assert.Equal(-1, check.Depths[1]);
        Assert.Equal(2, check.Depths[3]);
        Assert.Equal(3, result.Attached);
    }

    [Fact]
    public void A_leaf_hearing_its_only_parent_capable_neighbour_over_a_too_lossy_link_is_unattachable()
    {
        // 0 root-capable - 1 leaf: 1 hears 0 only over a link too lossy for a new parent.
        var snapshot = Snapshots.Of(new uint[] { 0, 0 }, roots: new[] { 0 }, rootCapable: new[] { 0 }, leaves: new[] { 1 });
        var result = Evaluate(snapshot, new MatrixTopology(2).Chain().TooLossy(0, 1), out _);
        Assert.Equal(1, result.Unattachable);
        Assert.Equal(0, result.Orphans);

        result = Evaluate(snapshot, new MatrixTopology(2).Chain(), out _);
        Assert.Equal(0, result.Unattachable);
        Assert.Equal(1, result.Orphans);
    }

    [Fact]
    public void A_leaf_with_no_parent_capable_node_in_range_is_unattachable_not_an_orphan()
    {
        // 0 root-capable - 1 relay - 2 leaf - 3 leaf: 3 hears only leaf 2, so nothing can ever be its parent.
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 2, 0 }, roots: new[] { 0 }, rootCapable: new[] { 0 }, leaves: new[] { 2, 3 });
        var result = Evaluate(snapshot, new MatrixTopology(4).Chain(), out _);
        Assert.Equal(3, result.Attached);
        Assert.Equal(1, result.Unattachable);
        Assert.Equal(0, result.Orphans);
        Assert.True(result.AllAttached);

        // As its own root it counts as a tree of one (its part has no root-capable node it could join).
        snapshot.IsRoot[3] = true;
        result = Evaluate(snapshot, new MatrixTopology(4).Chain(), out _);
        Assert.Equal(4, result.Attached);
        Assert.Equal(2, result.ValidRoots);
    }

    [Fact]
    public void A_non_capable_root_next_to_a_root_capable_node_is_not_attached()
    {
        // One component: 1 is root-capable but 2 claims root; 2 and its child are orphans.
        var snapshot = Snapshots.Of(new uint[] { 0, 0, 2 }, roots: new[] { 0, 1 }, rootCapable: new[] { 0 });
        var result = Evaluate(snapshot, new MatrixTopology(3).Chain(), out _);
        Assert.Equal(1, result.Attached);
        Assert.Equal(1, result.ValidRoots);
    }

    [Fact]
    public void In_a_part_with_no_root_capable_node_no_root_means_orphans()
    {
        var snapshot = Snapshots.Of(new uint[] { 0, 0 }, roots: Array.Empty<int>());
        var result = Evaluate(snapshot, new MatrixTopology(2).Chain(), out _);
        Assert.Equal(0, result.Attached);
        Assert.Equal(-1, result.MaxDepth);
    }

    [Fact]
    public void Nodes_on_a_loop_and_below_it_are_not_attached()
    {
        var snapshot = Snapshots.Of(new uint[] { 0, 3, 2, 3 }, roots: new[] { 0 }, rootCapable: new[] { 0 });
        var result = Evaluate(snapshot, new MatrixTopology(4).Chain().Link(0, 2), out _);
        Assert.Equal(1, result.Attached);
    }

    [Fact]
    public void Several_root_capable_roots_each_lead_their_own_tree()
    {
        var snapshot = Snapshots.Of(new uint[] { 0, 1, 0, 3 }, roots: new[] { 0, 2 }, rootCapable: new[] { 0, 2 });
        var result = Evaluate(snapshot, new MatrixTopology(4).Chain(), out _);
        Assert.True(result.AllAttached);
        Assert.Equal(2, result.ValidRoots);
    }

    [Fact]
    public void Components_count_alive_nodes_and_their_root_capable_members()
    {
        var snapshot = Snapshots.Of(new uint[] { 0, 0, 0, 0, 0 }, rootCapable: new[] { 0, 4 }, dead: new[] { 2 });
        var components = new RadioComponents();
        components.Compute(snapshot, new MatrixTopology(5).Chain());
        Assert.Equal(2, components.Count); // 0-1 | (2 dead) | 3-4
        Assert.Equal(components.ComponentOf(0), components.ComponentOf(1));
        Assert.Equal(-1, components.ComponentOf(2));
        Assert.Equal(1, components.RootCapableIn(components.ComponentOf(0)));
        Assert.Equal(2, components.SizeOf(components.ComponentOf(4)));
    }
}
