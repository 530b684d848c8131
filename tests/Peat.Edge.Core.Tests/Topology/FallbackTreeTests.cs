using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Core.Tests.Topology;

/// <summary>
/// Fallback trees: when a relay that cannot reach any root-capable tree roots one of its own, and how fast its
/// members go back once a root-capable tree is heard again.
/// </summary>
public sealed class FallbackTreeTests
{
    private static readonly NodeLimits Wifi = NodeLimits.Gateway().WithWifiTiming();

    /// <summary>A detached relay: no parent, infinite rank, in <paramref name="partition"/> (0: never in a tree).</summary>
    private static BeaconBody Unattached(Capabilities capabilities, ushort partition = 0)
    {
        BeaconBody body = CraftedNeighbours.Candidate(rank: Rank.Infinite, partition: partition);
        body.Capabilities = capabilities;
        return body;
    }

    [Theory]
    [InlineData((ushort)0)] // never in a tree (an island since power-on)
    [InlineData((ushort)0x8101)] // its parent died and nothing else in reach leads to the tree
    public void A_relay_hearing_only_detached_relays_roots_after_the_hold_down_not_three(ushort partition)
    {
        // Two such relays on an island each counted the other as a possible parent and waited
        // FallbackRootWaitMs (three hold-downs: an hour on LoRa) for a tree neither could lead them to.
        var node = ParentSelectionTests.Node(out var crafted, limits: Wifi);
        long rootsBy = Wifi.DetachHoldDownMs + Wifi.FloatingParentGraceMs + 2000;
        Assert.True(rootsBy < Wifi.FallbackRootWaitMs, "the test must tell the two waits apart");
        crafted.Run(0, rootsBy, (20, Unattached(Capabilities.CanParent, partition)));
        Assert.True(node.IsRoot, "a fallback root after the hold-down");
        Assert.False(PartitionIds.IsRootCapable(node.PartitionId));
    }

    [Fact]
    public void A_floating_relay_is_still_waited_for()
    {
        // Infinite rank under a parent: its tree lost its root and may come back (an alternate claims the
        // top), so a fallback root now would only pull this node away from it.
        var node = ParentSelectionTests.Node(out var crafted, limits: Wifi);
        BeaconBody floating = Unattached(Capabilities.CanParent, 0x8101);
        floating.ParentId = 77;
        crafted.Run(0, Wifi.DetachHoldDownMs + Wifi.FloatingParentGraceMs + 2000, (20, floating));
        Assert.False(node.IsRoot);
    }

    [Fact]
    public void A_root_capable_neighbour_not_yet_in_a_tree_is_still_waited_for()
    {
        // It is about to claim the top of a tree of its own; rooting a fallback tree beside it would only
        // make a merge.
        var node = ParentSelectionTests.Node(out var crafted, limits: Wifi);
        long until = Wifi.DetachHoldDownMs + Wifi.FloatingParentGraceMs + 2000;
        crafted.Run(0, until, (20, Unattached(Capabilities.CanParent | Capabilities.RootCapable)));
        Assert.False(node.IsRoot);
        crafted.Run(until + 1000, Wifi.FallbackRootWaitMs + 2000, (20, Unattached(Capabilities.CanParent | Capabilities.RootCapable)));
        Assert.True(node.IsRoot, "the long wait still ends in a fallback root");
    }

    [Fact]
    public void A_member_of_a_fallback_tree_moves_to_a_root_capable_tree_within_the_floating_grace()
    {
        Assert.True(Wifi.FloatingParentGraceMs + 3000 < Wifi.ParentChallengeMs, "the test must tell the grace from the challenge");
        MovesOnlyAfter(Wifi, fromTree: 0x0042, toTree: 0x8101, Wifi.FloatingParentGraceMs); // a link heard for a moment is not enough
    }

    [Fact]
    public void On_lora_a_fallback_member_waits_the_challenge_because_it_is_shorter_than_the_grace()
    {
        NodeLimits lora = NodeLimits.Gateway().WithLoraTiming();
        Assert.True(lora.ParentChallengeMs < lora.FloatingParentGraceMs, "the LoRa preset this test is about");
        MovesOnlyAfter(lora, fromTree: 0x0042, toTree: 0x8101, lora.ParentChallengeMs);
    }

    [Fact]
    public void A_move_between_two_root_capable_trees_still_waits_the_challenge()
    {
        MovesOnlyAfter(Wifi, fromTree: 0x8042, toTree: 0x8101, Wifi.ParentChallengeMs);
    }

    /// <summary>Attached in <paramref name="fromTree"/>, the node hears a parent in the better <paramref name="toTree"/>: it must stay for <paramref name="waitMs"/> (it hears the first beacon at 4 s) and move within 3 s after.</summary>
    private static void MovesOnlyAfter(NodeLimits limits, ushort fromTree, ushort toTree, long waitMs)
    {
        var node = ParentSelectionTests.Node(out var crafted, limits: limits);
        BeaconBody current = CraftedNeighbours.Candidate(partition: fromTree);
        crafted.Run(0, 3000, (10, current));
        Assert.Equal(10u, node.ParentId);

        BeaconBody better = CraftedNeighbours.Candidate(partition: toTree);
        long waitEnds = 4000 + waitMs;
        crafted.Run(4000, waitEnds - 1000, (10, current), (20, better));
        Assert.Equal(10u, node.ParentId);
        crafted.Run(waitEnds, waitEnds + 3000, (10, current), (20, better));
        Assert.Equal(20u, node.ParentId);
        Assert.Equal(toTree, node.PartitionId);
    }
}
