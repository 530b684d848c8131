using Peat.Edge.Core.Node;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Engine;

/// <summary>What each fault kind does to the world.</summary>
public sealed class FaultTests
{
    [Fact]
    public void Isolate_cuts_every_link_of_the_node_until_healed()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 25, seed: 4, durationS: 30));
        var deliveries = new List<(long At, int From, int To)>();
        world.FrameDelivered = (at, from, to) => deliveries.Add((at, from, to));
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Isolate, 5_000_000, 7));
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Heal, 15_000_000, 7));
        world.Run();
        const int node = 6;
        Assert.DoesNotContain(deliveries, d => d.At > 5_010_000 && d.At < 15_000_000 && (d.From == node || d.To == node));
        Assert.Contains(deliveries, d => d.At > 15_000_000 && d.From == node);
        Assert.Contains(deliveries, d => d.At > 15_000_000 && d.To == node);
        Assert.True(world.Node(node).Neighbours.Count > 0, "it finds its neighbours again after healing");
    }

    [Fact]
    public void A_partition_stops_every_frame_across_the_middle_until_healed()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("partition-heal", nodes: 40, seed: 4, durationS: 40));
        var deliveries = new List<(long At, int From, int To)>();
        world.FrameDelivered = (at, from, to) => deliveries.Add((at, from, to));
        world.Run();
        bool West(int i) => world.Plan(i).XM < world.Config.AreaM / 2;
        Assert.DoesNotContain(deliveries, d => d.At > 12_010_000 && d.At < 24_000_000 && West(d.From) != West(d.To));
        Assert.Contains(deliveries, d => d.At > 24_010_000 && West(d.From) != West(d.To));
        Assert.Contains(deliveries, d => d.At < 12_000_000 && West(d.From) != West(d.To));
    }

    [Fact]
    public void A_forward_clock_step_makes_the_node_drop_every_neighbour_at_once()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 25, seed: 4, durationS: 20));
        var lostAt = new List<long>();
        world.MeshEventObserved = (at, node, e) =>
        {
            if (node == 0 && e.Kind == MeshEventKind.NeighbourLost)
            {
                lostAt.Add(at);
            }
        };
        world.RunUntil(10_000_000);
        int neighbours = world.Node(0).Neighbours.Count;
        Assert.True(neighbours > 3);
        world.ScheduleFault(new FaultSpec { Kind = FaultKind.ClockStep, AtUs = 10_000_000, Target = FaultTarget.Explicit, NodeId = 1, Value = 30_000 });
        world.RunUntil(10_000_000);
        Assert.Equal(30_000, world.ClockOffsetMs(0));
        Assert.Equal(neighbours, lostAt.Count(t => t == 10_000_000));
        world.Run();
        Assert.True(world.Node(0).Neighbours.Count > 3, "and relearns them from the next beacons");
    }

    [Fact]
    public void Restart_brings_a_fresh_node_with_the_same_id_and_kill_of_a_dead_node_is_a_noted_no_op()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 20, seed: 4, durationS: 20));
        world.RunUntil(5_000_000);
        MeshNode before = world.Node(3);
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Kill, 5_000_000, 4));
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Kill, 6_000_000, 4));
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Restart, 8_000_000, 4));
        world.RunUntil(8_000_000);
        Assert.True(world.IsAlive(3));
        Assert.NotSame(before, world.Node(3));
        Assert.Equal(4u, world.Node(3).NodeId);
        Assert.Equal(0, world.Node(3).Neighbours.Count);
        Assert.Equal("the node was already dead", world.Faults[1].Note);
        world.Run();
        Assert.True(world.Node(3).Neighbours.Count > 0);
    }

    [Fact]
    public void A_loss_fault_raises_loss_for_its_duration_only()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 20, seed: 4, durationS: 20));
        world.ScheduleFault(new FaultSpec { Kind = FaultKind.Loss, AtUs = 5_000_000, Value = 0.9, DurationUs = 5_000_000 });
        world.RunUntil(5_000_000);
        Assert.Equal(0.9, world.FaultLossProbability);
        long lostBefore = world.Radio.LostChannel;
        long deliveredBefore = world.Radio.Delivered;
        world.RunUntil(9_999_999);
        long lostDuring = world.Radio.LostChannel - lostBefore;
        long deliveredDuring = world.Radio.Delivered - deliveredBefore;
        Assert.True(lostDuring > 5 * deliveredDuring, $"lost {lostDuring}, delivered {deliveredDuring}");
        world.RunUntil(10_000_000);
        Assert.Equal(0, world.FaultLossProbability);
    }

    [Fact]
    public void The_end_of_a_loss_fault_is_recorded_as_a_fault_whose_recovery_is_the_merge_back()
    {
        // During a 90% loss no link can carry a new parent, so the cut-off relays lead trees of their own and the
        // loss "recovers" that way; the merge back into the command post's tree once the loss lifts is timed too.
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 20, seed: 4, durationS: 40));
        world.ScheduleFault(new FaultSpec { Kind = FaultKind.Loss, AtUs = 5_000_000, Value = 0.9, DurationUs = 10_000_000 });
        world.Run();
        Assert.Equal(new[] { FaultKind.Loss, FaultKind.LossEnd }, world.Faults.Select(f => f.Kind).ToArray());
        Assert.Equal(15_000_000, world.Faults[1].AtUs);
        Assert.Null(world.Faults[1].NodeId);
        Assert.True(world.Faults[1].RecoveredAfterUs.HasValue, "the mesh merged back within the run");
        Assert.True(world.Faults[1].RecoveredAfterUs > 0, "not at once: nodes had to rejoin the command post's tree");
    }

    [Fact]
    public void While_a_loss_fault_leaves_no_link_able_to_carry_a_parent_no_node_is_expected_to_reach_the_command_post()
    {
        // The liveness check's reachability follows the fault: at 90% loss no link delivers the half of the beacons
        // a new parent needs, so only the root-capable nodes themselves reach one; after the fault, all do again.
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 20, seed: 4, durationS: 20));
        world.ScheduleFault(new FaultSpec { Kind = FaultKind.Loss, AtUs = 5_000_000, Value = 0.9, DurationUs = 5_000_000 });
        world.RunUntil(4_900_000);
        world.RunChecks();
        int unreachableBefore = world.UnreachableNodeCount;
        int rootCapable = Enumerable.Range(0, world.NodeCount).Count(i => (world.Plan(i).Capabilities & Peat.Edge.Core.Wire.Capabilities.RootCapable) != 0);
        Assert.True(unreachableBefore < world.NodeCount - rootCapable, $"{unreachableBefore} unreachable before the fault");
        world.RunUntil(5_000_001);
        world.RunChecks();
        Assert.Equal(world.NodeCount - rootCapable, world.UnreachableNodeCount);
        world.RunUntil(10_000_001);
        world.RunChecks();
        Assert.Equal(unreachableBefore, world.UnreachableNodeCount);
    }

    public static TheoryData<FaultSpec, string> UnusableFaults => new()
    {
        { new FaultSpec { Kind = (FaultKind)99, AtUs = 1, Target = FaultTarget.None }, "unknown fault kind 99" },
        { new FaultSpec { Kind = FaultKind.Kill, AtUs = 1, Target = (FaultTarget)42 }, "kill: unknown target 42" },
        { FaultSpec.Global(FaultKind.Kill, 1), "kill needs a node target" },
        { FaultSpec.Choosing(FaultKind.Partition, 1, FaultTarget.RandomAlive), "partition applies to the whole graph" },
        { new FaultSpec { Kind = FaultKind.Loss, AtUs = 1, Value = 1.5, DurationUs = 1 }, "loss: probability must be within 0..1" },
        { new FaultSpec { Kind = FaultKind.Loss, AtUs = 1, Value = double.NaN, DurationUs = 1 }, "loss: probability must be within 0..1" },
        { new FaultSpec { Kind = FaultKind.ClockStep, AtUs = 1, Target = FaultTarget.Explicit, NodeId = 1, Value = double.PositiveInfinity }, "clock-step: milliseconds must be a whole number within ±1e12" },
        { FaultSpec.OnNode(FaultKind.Kill, -1, 1), "kill: time must be >= 0" },
        { FaultSpec.Global(FaultKind.Restart, 1), "restart needs a node target" },
        { FaultSpec.Global(FaultKind.Isolate, 1), "isolate needs a node target" },
        { FaultSpec.Global(FaultKind.ClockStep, 1), "clock-step needs a node target" },
        { FaultSpec.OnNode(FaultKind.Loss, 1, 1), "loss applies to the whole graph" },
        { FaultSpec.OnNode(FaultKind.Heal, 1, 0), "heal: node id 0 is no node" },
        { FaultSpec.Choosing(FaultKind.Heal, 1, FaultTarget.TopRoot), "heal takes no target, an explicit node or the node of an earlier fault" },
        { new FaultSpec { Kind = FaultKind.Loss, AtUs = 1, Value = 0.5, DurationUs = -1 }, "loss: probability must be within 0..1 and the duration >= 0" },
        { new FaultSpec { Kind = FaultKind.Loss, AtUs = 1, Value = 0.5, DurationUs = long.MaxValue }, "loss: probability must be within 0..1 and the duration >= 0 and end before the end of time" },
        { new FaultSpec { Kind = FaultKind.ClockStep, AtUs = 1, Target = FaultTarget.Explicit, NodeId = 1, Value = 1e16 }, "clock-step: milliseconds must be a whole number within ±1e12" },
        { new FaultSpec { Kind = FaultKind.ClockStep, AtUs = 1, Target = FaultTarget.Explicit, NodeId = 1, Value = 0.5 }, "clock-step: milliseconds must be a whole number" },
        { FaultSpec.Global(FaultKind.LossEnd, 1), "loss-end is recorded when a loss fault ends" },
    };

    [Fact]
    public void Usable_plans_of_every_kind_pass_and_a_node_id_past_the_last_node_is_refused_by_the_config()
    {
        FaultSpec[] usable =
        {
            FaultSpec.OnNode(FaultKind.Kill, 1, 2), FaultSpec.Choosing(FaultKind.Restart, 2, FaultTarget.RandomAlive),
            FaultSpec.Choosing(FaultKind.Isolate, 3, FaultTarget.SquadLeader), FaultSpec.Global(FaultKind.Partition, 4),
            FaultSpec.Global(FaultKind.Heal, 5), new FaultSpec { Kind = FaultKind.Heal, AtUs = 6, Target = FaultTarget.SameAsFault, SameAsFault = 2 },
            FaultSpec.OnNode(FaultKind.Heal, 6, 1), new FaultSpec { Kind = FaultKind.Loss, AtUs = 7, Value = 1, DurationUs = 1_000_000 },
            new FaultSpec { Kind = FaultKind.ClockStep, AtUs = 8, Target = FaultTarget.TopRoot, Value = -FaultSpec.ClockStepMsMax },
        };
        Assert.All(usable, f => Assert.Null(f.Problem(nodeCount: 2)));
        SimConfig config = Worlds.HandPlaced(Peat.Edge.Sim.Links.LinkParameters.Wifi(), 100, 5, (10.0, 10.0), (20.0, 20.0)) with { Faults = usable };
        config.Validate();

        SimConfig pastTheEnd = config with { Faults = new[] { FaultSpec.OnNode(FaultKind.Heal, 1, 3) } };
        Assert.Contains("SimConfig.Faults[0]: heal: no node has id 3", Assert.Throws<ArgumentException>(pastTheEnd.Validate).Message);
        Assert.Contains("no node has id 3", Assert.Throws<ArgumentException>(() => Worlds.Silent(config with { Faults = Array.Empty<FaultSpec>() }).ScheduleFault(FaultSpec.OnNode(FaultKind.Heal, 1, 3))).Message);
    }

    [Fact]
    public void A_same_as_reference_to_a_fault_without_a_node_is_refused()
    {
        // It would heal nothing, or (before this check) pass for a heal of every cut.
        FaultSpec[] plan =
        {
            FaultSpec.Global(FaultKind.Partition, 1),
            new FaultSpec { Kind = FaultKind.Heal, AtUs = 2, Target = FaultTarget.SameAsFault, SameAsFault = 0 },
        };
        SimConfig config = Worlds.HandPlaced(Peat.Edge.Sim.Links.LinkParameters.Wifi(), 100, 5, (10.0, 10.0), (20.0, 20.0));
        Assert.Contains("SimConfig.Faults[1]: SameAsFault must name an earlier fault with a node", Assert.Throws<ArgumentException>((config with { Faults = plan }).Validate).Message);
        SimWorld world = Worlds.Silent(config);
        world.ScheduleFault(plan[0]);
        Assert.Contains("SameAsFault must name an earlier planned fault with a node", Assert.Throws<ArgumentOutOfRangeException>(() => world.ScheduleFault(plan[1])).Message);
    }

    [Fact]
    public void A_heal_of_an_isolation_that_found_no_node_heals_nothing_rather_than_every_cut()
    {
        // One node, the only root-capable one: a random pick never takes it, so the isolation chooses nobody.
        SimWorld world = Worlds.Silent(Worlds.HandPlaced(Peat.Edge.Sim.Links.LinkParameters.Wifi(), 100, 5, (10.0, 10.0)));
        world.ScheduleFault(FaultSpec.Choosing(FaultKind.Isolate, 1_000_000, FaultTarget.RandomAlive));
        world.ScheduleFault(FaultSpec.Global(FaultKind.Partition, 1_000_000));
        world.ScheduleFault(new FaultSpec { Kind = FaultKind.Heal, AtUs = 2_000_000, Target = FaultTarget.SameAsFault, SameAsFault = 0 });
        world.RunUntil(2_000_000);
        Assert.Null(world.Faults[0].NodeId);
        Assert.Null(world.Faults[2].NodeId);
        Assert.True(world.IsPartitioned, "the partition stays: this heal was for the isolation");
        Assert.Contains("chose no node", world.Faults[2].Note);
    }

    [Theory]
    [MemberData(nameof(UnusableFaults))]
    public void An_unusable_fault_is_refused_before_the_run_with_its_index_and_reason(FaultSpec fault, string reason)
    {
        SimConfig config = Worlds.HandPlaced(Peat.Edge.Sim.Links.LinkParameters.Wifi(), 100, 5, (10.0, 10.0), (20.0, 20.0)) with
        {
            Faults = new[] { FaultSpec.OnNode(FaultKind.Kill, 1, 2), fault },
        };
        ArgumentException refused = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Contains("SimConfig.Faults[1]: " + reason, refused.Message);

        SimWorld world = Worlds.Silent(config with { Faults = Array.Empty<FaultSpec>() });
        ArgumentException scheduled = Assert.Throws<ArgumentException>(() => world.ScheduleFault(fault));
        Assert.Contains(reason, scheduled.Message);
    }
}
