using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Core.Tests.Topology;

/// <summary>
/// A neighbour that restarts with fresh state: it says so on its beacons for a while (FrameFlags.FreshStart), a
/// child stops following it at once, and a restarted command post outbids the ghost of its own old tree. Both
/// close routing loops the simulator found (LoRa churn, seed 8): a child kept following its restarted parent's
/// new rank round a loop through its own subtree, and the command post joined its own old tree's remains.
/// </summary>
public sealed class RestartTests
{
    private static readonly NodeLimits Wifi = NodeLimits.Gateway().WithWifiTiming();

    [Fact]
    public void Beacons_carry_the_fresh_start_flag_for_the_announce_window_only()
    {
        var node = new MeshNode(new NodeIdentity(7, Capabilities.CanParent), Wifi, NoOpMetrics.Instance, 1);
        byte[] frame = new byte[Wifi.FrameBytesMax];
        int flagged = 0, plain = 0;
        long startMs = 1_000, endMs = startMs + Wifi.FreshStartAnnounceMs + (4 * Wifi.BeaconIntervalMsMax);
        node.Tick(startMs);
        while (node.NextDeadlineMs <= endMs)
        {
            long nowMs = node.NextDeadlineMs;
            node.Tick(nowMs);
            while (node.TryDequeueOutgoing(frame, 0, out int count, out _))
            {
                Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, count, Wifi.AuthTagBytes, out FrameHeader header, out _, out _));
                bool fresh = (header.Flags & FrameFlags.FreshStart) != 0;
                Assert.Equal(nowMs - startMs < Wifi.FreshStartAnnounceMs, fresh);
                flagged += fresh ? 1 : 0;
                plain += fresh ? 0 : 1;
            }
        }

        Assert.True(flagged >= 3 && plain >= 3, $"{flagged} flagged, {plain} plain beacons");
    }

    [Fact]
    public void A_child_drops_its_restarted_parent_at_the_first_fresh_beacon_instead_of_following_it()
    {
        var node = ParentSelectionTests.Node(out var crafted, limits: Wifi);
        crafted.Run(0, 10_000, (10, CraftedNeighbours.Candidate(rank: Rank.Root)));
        Assert.Equal(10u, node.ParentId);
        ParentSelectionTests.Drain(node);

        // The parent came back at once with fresh state: attached elsewhere, deep, through who knows whom. Before,
        // the child kept it as parent and took its new rank (and followed it round a loop if that path ran through
        // the child's own subtree).
        BeaconBody reborn = CraftedNeighbours.Candidate(rank: 20 * Rank.StepMin);
        reborn.ParentId = 55;
        crafted.Send(10, reborn, 10_500, flags: FrameFlags.FreshStart);
        var events = ParentSelectionTests.Drain(node);
        Assert.Contains(events, e => e.Kind == MeshEventKind.NeighbourRestarted && e.NodeId == 10);
        Assert.Contains(events, e => e.Kind == MeshEventKind.ParentLost && e.NodeId == 10);
        Assert.True(node.Rank >= Rank.Max || node.ParentId != 10, "the old path through 10 is not kept");

        // The same incarnation's next fresh beacons are ordinary news.
        crafted.Send(10, reborn, 11_500, flags: FrameFlags.FreshStart);
        Assert.DoesNotContain(ParentSelectionTests.Drain(node), e => e.Kind == MeshEventKind.NeighbourRestarted);
    }

    [Theory]
    [InlineData((byte)200, (byte)201)]
    [InlineData((byte)255, (byte)255)] // cannot go higher: the same id, and the restarted root leads it
    public void A_restarted_command_post_outbids_the_ghost_of_its_own_old_tree(byte ghostRandom, byte expectedRandom)
    {
        // A low priority listens longest before it claims (3.7 s): long enough to hear the ghost's member
        // well enough to take it as a parent, were it not its own ghost.
        const byte priority = 10;
        var node = new MeshNode(new NodeIdentity(1, Capabilities.CanParent | Capabilities.RootCapable, priority), Wifi, NoOpMetrics.Instance, 5);
        node.UpdateSelf(SelfReading.At(473977000, 85456000, 80));
        var crafted = new CraftedNeighbours(node);

        // A member of the tree this node rooted before it restarted, still attached by what it last heard.
        ushort ghost = PartitionIds.Compose(true, priority, ghostRandom);
        crafted.Run(0, 10_000, (20, CraftedNeighbours.Candidate(rank: 3 * Rank.StepMin, partition: ghost)));
        Assert.True(node.IsRoot, $"roots its own tree instead of joining the ghost (parent {node.ParentId})");
        Assert.Equal(PartitionIds.Compose(true, priority, expectedRandom), node.PartitionId);

        // Not even while it still listened before claiming: a ghost's member may sit in its own old subtree.
        Assert.DoesNotContain(ParentSelectionTests.Drain(node), e => e.Kind == MeshEventKind.ParentSelected);
    }

    [Fact]
    public void A_restarted_relay_takes_no_parent_whose_parent_still_names_it_as_its_parent()
    {
        // Node 20 still names the restarted node as its parent (it has not heard the restart yet), and 30 hangs
        // below 20: taking 30 would close the loop 1000 -> 30 -> 20 -> 1000. A fresh node has no feasibility to stop it.
        var node = ParentSelectionTests.Node(out var crafted, limits: Wifi);
        BeaconBody oldChild = CraftedNeighbours.Candidate(rank: 2 * Rank.StepMin);
        oldChild.ParentId = 1000;
        BeaconBody grandchild = CraftedNeighbours.Candidate(rank: 3 * Rank.StepMin);
        grandchild.ParentId = 20;
        crafted.Run(0, 10_000, (20, oldChild), (30, grandchild));
        Assert.Equal(1, node.ChildCount);
        Assert.NotEqual(30u, node.ParentId);
    }

    [Fact]
    public void Two_command_posts_of_the_same_priority_powered_on_together_settle_in_one_tree()
    {
        // Both are in their fresh-start window (about 50 min on LoRa) the whole run, so each takes the other's
        // tree for a ghost when it first roots one; were it to outbid on every claim, the one that joined the
        // other's tree would claim a better tree at its next evaluation, and the two would take turns.
        NodeLimits lora = NodeLimits.Gateway().WithLoraTiming();
        var harness = new NodeHarness(4, i => i < 2
            ? new NodeIdentity((uint)(i + 1), Capabilities.CanParent | Capabilities.RootCapable, 64)
            : new NodeIdentity((uint)(i + 1), Capabilities.CanParent), lora, seed: 3);
        long endMs = 20 * 60_000;
        Assert.True(endMs < lora.FreshStartAnnounceMs);
        harness.RunUntil(endMs);
        int claims = harness.Events.Count(e => e.Event.Kind == MeshEventKind.BecameRoot);
        Assert.True(claims <= 3, $"{claims} root claims");
        Assert.Single(harness.Nodes, n => n.IsRoot);
        Assert.Single(harness.Nodes.Select(n => n.PartitionId).Distinct());
    }
}
