using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Checks;

/// <summary>
/// Formation and recovery measurement end to end, with a hand-laid tree (debug overrides) standing in for
/// the topology issue: the numbers appear as soon as the world reports parents and roots.
/// </summary>
public sealed class LivenessEndToEndTests
{
    [Fact]
    public void Formation_and_recovery_times_are_measured_from_the_parent_graph()
    {
        var options = Worlds.Options("formation", nodes: 30, seed: 8, durationS: 12);
        options.AreaM = 400; // dense enough to be one radio component
        SimWorld world = Worlds.FromOptions(options);
        Assert.Equal(1, world.Graph.CountComponents());
        Worlds.OverlayOrphans(world); // the core's own topology is masked: the test decides who is attached
        world.RunUntil(1_999_999);
        Worlds.OverlayBfsTree(world);
        world.RunUntil(2_000_000);
        Assert.Equal(2_000_000, world.FormationUs);

        // Kill a node with children at 5 s: its subtree is orphaned until the tree is laid again at 7 s.
        int parentIndex = Enumerable.Range(1, world.NodeCount - 1).First(i => Enumerable.Range(0, world.NodeCount).Any(j => world.ParentOf(j) == (uint)(i + 1)));
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Kill, 5_000_000, (uint)(parentIndex + 1)));
        world.RunUntil(6_999_999);
        Assert.Null(world.Faults[0].RecoveredAfterUs);
        Assert.True(world.LastAttachment.Orphans > 0);
        Worlds.OverlayBfsTree(world);
        world.Run();

        Assert.Equal(2_000_000, world.Faults[0].RecoveredAfterUs);
        var report = world.BuildReport(0.5);
        Assert.Equal(2.0, report.FormationTimeS);
        Assert.Equal(2.0, report.RecoveryMaxS);
        Assert.Equal(0, report.OrphansAtEnd);
        Assert.Equal(1, report.PartitionsAtEnd);
        Assert.NotNull(report.MaxDepth);
        Assert.True(report.MaxDepth >= 1);
        Assert.True(report.ParentSwitches > 0, "the re-laid tree moved the orphans to new parents");
        Assert.Equal(0, report.InvariantViolations);
    }

    [Fact]
    public void A_partition_cuts_hops_that_cross_the_middle_until_healed()
    {
        var options = Worlds.Options("formation", nodes: 30, seed: 8, durationS: 12);
        options.AreaM = 400;
        SimWorld world = Worlds.FromOptions(options);
        Worlds.OverlayOrphans(world);
        world.RunUntil(999_999);
        Worlds.OverlayBfsTree(world);
        world.ScheduleFault(FaultSpec.Global(FaultKind.Partition, 3_000_000));
        world.ScheduleFault(FaultSpec.Global(FaultKind.Heal, 6_000_000));
        world.Run();
        Assert.Equal(1_000_000, world.FormationUs);
        Assert.Equal(3_000_000, world.Faults[0].RecoveredAfterUs); // whole again only once healed
        Assert.Equal(0, world.Faults[1].RecoveredAfterUs);
        Assert.Contains(world.Timeline, s => s.AtUs > 3_000_000 && s.AtUs < 6_000_000 && s.Attached < s.Alive);
    }
}
