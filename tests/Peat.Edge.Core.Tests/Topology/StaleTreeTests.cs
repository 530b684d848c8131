using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Core.Tests.Topology;

/// <summary>
/// A node without a parent that still has children moves into another tree only on a neighbour's current
/// beacon: feasibility is kept per tree and does not guard that move, and a neighbour last heard long ago may
/// since have moved into the node's own subtree (the simulator's LoRa churn, seed 55, 30% loss: a loop of four).
/// </summary>
public sealed class StaleTreeTests
{
    private static readonly NodeLimits Wifi = NodeLimits.Gateway().WithWifiTiming();
    private const ushort OwnTree = 0x8101;
    private const ushort OtherTree = 0x8100; // worse, so no upgrade while the parent lives

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_parentless_node_with_children_waits_for_a_current_beacon_before_moving_into_another_tree(bool hasChild)
    {
        var node = ParentSelectionTests.Node(out var crafted, limits: Wifi);
        BeaconBody parent = CraftedNeighbours.Candidate(rank: Rank.Root, partition: OwnTree);
        BeaconBody child = CraftedNeighbours.Candidate(rank: 3 * Rank.StepMin, partition: OwnTree);
        child.ParentId = 1000;
        BeaconBody other = CraftedNeighbours.Candidate(rank: Rank.StepMin, partition: OtherTree);
        var withChild = hasChild ? new[] { (20u, child) } : Array.Empty<(uint, BeaconBody)>();

        // The other tree's node is heard for a while, then not (it moved, or its beacons are lost).
        crafted.Run(0, 9_000, withChild.Append((10u, parent)).Append((30u, other)).ToArray());
        crafted.Run(10_000, 10_000, withChild.Append((10u, parent)).ToArray());
        Assert.Equal(10u, node.ParentId);
        Assert.Equal(hasChild ? 1 : 0, node.ChildCount);

        // The parent leaves; node 30 was last heard 1.5 s ago (its hint: 1 s), its link still good and not yet lost.
        byte[] frame = new byte[64];
        int length = FrameCodec.WriteBeacon(new FrameHeader(FrameType.Beacon, FrameFlags.Leave, 0, 10, 500), parent, 8, frame, 0, frame.Length);
        node.Receive(frame, 0, length, LinkInfo.None, 10_500);
        crafted.Run(11_000, 11_000, withChild);
        if (hasChild)
        {
            Assert.NotEqual(30u, node.ParentId);

            // Heard again, and still in its tree: now it is a parent like any other.
            crafted.Run(12_000, 16_000, withChild.Append((30u, other)).ToArray());
        }

        Assert.Equal(30u, node.ParentId);
        Assert.Equal(OtherTree, node.PartitionId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_attached_node_moves_into_a_better_tree_only_on_its_current_beacon(bool stillHeard)
    {
        // A killed command post's entry outlives it by up to 3K of its intervals; on LoRa, nodes moved into its
        // tree on an 850 s old entry once their challenge was over, and sat there orphaned.
        var node = ParentSelectionTests.Node(out var crafted, limits: Wifi);
        BeaconBody parent = CraftedNeighbours.Candidate(rank: Rank.Root, partition: OwnTree);
        BeaconBody better = CraftedNeighbours.Candidate(rank: Rank.Root, partition: 0x8102);
        long challengeMs = Wifi.ParentChallengeMs;
        long silentFromMs = challengeMs - 1_000; // before the challenge is over
        crafted.Run(0, silentFromMs, (10u, parent), (30u, better));
        Assert.Equal(10u, node.ParentId);
        if (stillHeard)
        {
            crafted.Run(silentFromMs + 1_000, challengeMs + 5_000, (10u, parent), (30u, better));
            Assert.Equal(30u, node.ParentId);
        }
        else
        {
            crafted.Run(silentFromMs + 1_000, challengeMs + 5_000, (10u, parent));
            Assert.Equal(10u, node.ParentId);
        }
    }
}
