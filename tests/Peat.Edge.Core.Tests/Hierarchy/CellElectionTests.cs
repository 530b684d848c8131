using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Hierarchy;

/// <summary>Members of one geohash cell elect one leader, agree on it, keep it through small changes and hand it over when it weakens.</summary>
public sealed class CellElectionTests
{
    private readonly ITestOutputHelper _output;

    public CellElectionTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Every_member_of_a_cell_agrees_on_one_leader_within_two_beacon_intervals()
    {
        var (harness, limits) = Cell(batteries: new byte[] { 90, 40, 70, 95, 60, 50 });
        long formed = RunUntilAttached(harness);
        harness.RunUntil(formed + (2 * limits.BeaconIntervalMsMax));
        var members = harness.Nodes.Skip(1).ToList(); // node 1 is the root, alone at level 0
        uint leader = members[0].CellLeaderId;
        Assert.All(members, m => Assert.Equal(leader, m.CellLeaderId));
        Assert.Single(members, m => m.Role == NodeRole.Leader);
        Assert.Equal(4u, leader); // battery 95: the best score when all else is equal
        Assert.All(members.Where(m => m.NodeId != leader), m => Assert.Equal(NodeRole.Member, m.Role));
        Assert.Equal(NodeRole.Standalone, harness.Nodes[0].Role);
        _output.WriteLine($"formed at {formed} ms; leader {leader}");
    }

    [Fact]
    public void A_challenger_within_the_hysteresis_does_not_take_over_but_a_clearly_better_one_does()
    {
        var (harness, limits) = Cell(batteries: new byte[] { 90, 60, 55, 50 });
        harness.RunUntil(RunUntilAttached(harness) + (2 * limits.BeaconIntervalMsMax));
        Assert.Equal(2u, harness.Nodes[1].CellLeaderId);

        SetBattery(harness, 2, 66); // score 732 vs the leader's 720 x 1.1: not enough
        harness.RunUntil(harness.NowMs + (3 * limits.BeaconIntervalMsMax));
        Assert.All(harness.Nodes.Skip(1), n => Assert.Equal(2u, n.CellLeaderId));

        SetBattery(harness, 2, 100); // 800 > 792
        harness.RunUntil(harness.NowMs + (3 * limits.BeaconIntervalMsMax));
        Assert.All(harness.Nodes.Skip(1), n => Assert.Equal(3u, n.CellLeaderId));
        Assert.Equal(NodeRole.Leader, harness.Nodes[2].Role);
        Assert.Equal(NodeRole.Member, harness.Nodes[1].Role);
    }

    [Fact]
    public void A_leader_whose_battery_falls_below_the_threshold_hands_over()
    {
        var (harness, limits) = Cell(batteries: new byte[] { 90, 95, 30, 40 });
        harness.RunUntil(RunUntilAttached(harness) + (2 * limits.BeaconIntervalMsMax));
        Assert.Equal(2u, harness.Nodes[2].CellLeaderId);
        SetBattery(harness, 1, (byte)(limits.LeaderBatteryMinPercent - 1));
        harness.RunUntil(harness.NowMs + (3 * limits.BeaconIntervalMsMax));
        Assert.All(harness.Nodes.Skip(1), n => Assert.Equal(4u, n.CellLeaderId));
    }

    [Fact]
    public void A_moving_node_loses_leadership_to_a_stationary_one()
    {
        var (harness, limits) = Cell(batteries: new byte[] { 90, 95, 70, 40 });
        harness.RunUntil(RunUntilAttached(harness) + (2 * limits.BeaconIntervalMsMax));
        Assert.Equal(2u, harness.Nodes[3].CellLeaderId);
        var reading = harness.Nodes[1].Self;
        reading.IsMoving = true;
        harness.Nodes[1].UpdateSelf(reading);
        harness.RunUntil(harness.NowMs + (3 * limits.BeaconIntervalMsMax));
        Assert.All(harness.Nodes.Skip(1), n => Assert.Equal(3u, n.CellLeaderId));
    }

    [Fact]
    public void A_node_that_moves_into_another_cell_elects_there_and_its_old_cell_elects_without_it()
    {
        var (harness, limits) = Cell(batteries: new byte[] { 90, 60, 70, 95, 50 });
        harness.RunUntil(RunUntilAttached(harness) + (2 * limits.BeaconIntervalMsMax));
        Assert.All(harness.Nodes.Skip(1), n => Assert.Equal(4u, n.CellLeaderId)); // battery 95

        // Node 4 moves about 2 km north (still in radio range in this harness): a cell of its own.
        var reading = harness.Nodes[3].Self;
        reading.LatitudeE7 += 180000;
        harness.Nodes[3].UpdateSelf(reading);
        harness.RunUntil(harness.NowMs + (3 * limits.BeaconIntervalMsMax));
        Assert.Equal(0u, harness.Nodes[3].CellLeaderId); // no same-level peer in its new cell
        var stayed = new[] { harness.Nodes[1], harness.Nodes[2], harness.Nodes[4] };
        Assert.All(stayed, n => Assert.Equal(3u, n.CellLeaderId)); // battery 70, now the best of the old cell

        // And back: it rejoins its old cell's election, where the incumbent keeps the lead (score 640 with
        // the 10% hysteresis against its 690).
        reading.LatitudeE7 -= 180000;
        harness.Nodes[3].UpdateSelf(reading);
        harness.RunUntil(harness.NowMs + (3 * limits.BeaconIntervalMsMax));
        Assert.All(harness.Nodes.Skip(1), n => Assert.Equal(3u, n.CellLeaderId));
    }

    private static (NodeHarness Harness, NodeLimits Limits) Cell(byte[] batteries)
    {
        var limits = NodeLimits.Gateway().WithWifiTiming();
        var harness = new NodeHarness(
            batteries.Length,
            i => new NodeIdentity((uint)(i + 1), i == 0 ? Capabilities.CanParent | Capabilities.RootCapable : Capabilities.CanParent | Capabilities.BatteryPowered),
            limits);
        for (int i = 0; i < batteries.Length; i++)
        {
            // All within a few metres: one precision-7 geohash cell (about 150 m x 150 m).
            harness.Nodes[i].UpdateSelf(SelfReading.At(473977000 + (i * 20), 85456000 + (i * 20), batteries[i]));
        }

        return (harness, limits);
    }

    private static long RunUntilAttached(NodeHarness harness)
    {
        for (long t = 1000; t <= 30_000; t += 500)
        {
            harness.RunUntil(t);
            if (harness.AllAttachedTo(1))
            {
                return t;
            }
        }

        throw new Xunit.Sdk.XunitException("the cell never attached: " + Peat.Edge.Core.Tests.Topology.FormationTests.Describe(harness));
    }

    private static void SetBattery(NodeHarness harness, int index, byte battery)
    {
        var reading = harness.Nodes[index].Self;
        reading.BatteryPercent = battery;
        harness.Nodes[index].UpdateSelf(reading);
    }
}
