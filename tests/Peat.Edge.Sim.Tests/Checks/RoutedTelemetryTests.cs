using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Reports;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Checks;

/// <summary>Real telemetry through real cores: every record accounted for once, a silent loss caught, held records flushed after a cut heals.</summary>
public sealed class RoutedTelemetryTests
{
    [Theory]
    [InlineData("tour", "wifi", 300.0, true)]
    [InlineData("churn", "wifi", 300.0, true)]
    [InlineData("partition-heal", "lora", 1800.0, false)]
    public void A_scenario_reports_real_telemetry_that_balances_with_no_violation(string scenario, string link, double durationS, bool killsNodes)
    {
        SimOptions options = Worlds.Options(scenario, nodes: 60, seed: 3, durationS, link);
        SimWorld world = Worlds.FromOptions(options);
        Assert.IsType<RoutedTelemetryAccounting>(world.TelemetryAccounting);
        world.Run();
        SimReport report = world.BuildReport(1);
        Assert.True(world.InvariantViolationCount == 0, "violations; replay: " + options.ReplayCommand());
        SimReportTelemetry telemetry = report.Telemetry!;
        long perNode = (long)(durationS * 1e6 / SimProfile.TelemetryIntervalUs(LinkParameters.ForName(link)!.Kind));
        Assert.InRange(telemetry.Generated, 50 * (perNode - 1), 60 * (perNode + 1));
        Assert.True(telemetry.Delivered > telemetry.Generated / 2, $"delivered {telemetry.Delivered} of {telemetry.Generated}; replay: {options.ReplayCommand()}");
        // Lost is what died with a node (no hop or size limit is reached in these meshes): none without kills.
        Assert.True(killsNodes ? telemetry.Lost >= 0 : telemetry.Lost == 0, $"lost {telemetry.Lost}");
        Assert.True(report.DataBytes > 0);
        Assert.True(report.Aggregation!.AggregatedBytes > 0 && report.Aggregation.AggregatedBytes < report.Aggregation.RawBytes, "relays share frames");
    }

    [Fact]
    public void A_record_that_vanishes_from_a_node_without_a_counted_reason_fails_the_run_with_the_seed()
    {
        SimOptions options = Worlds.Options("formation", nodes: 30, seed: 11, durationS: 60);
        SimWorld world = Worlds.FromOptions(options);
        world.RunUntil(30_000_000);
        Assert.Equal(0, world.InvariantViolationCount);
        int holder = Enumerable.Range(0, world.NodeCount).First(i => world.IsAlive(i) && world.Node(i).TelemetryHeld.Count > 0);
        world.Node(holder).TelemetryHeld.RemoveOldest(1); // a bug that loses a record silently
        world.Run();
        InvariantViolation violation = Assert.Single(world.Violations.Where(v => v.Kind == "telemetry-accounting").Take(1));
        Assert.Contains("1 unaccounted", violation.Message);
        Assert.Contains("seed 11", violation.Message);
    }

    [Fact]
    public void A_settled_record_keeps_the_kind_it_was_counted_under_when_a_late_copy_is_delivered()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 30, seed: 11, durationS: 60));
        world.RunUntil(30_000_000);
        var accounting = (RoutedTelemetryAccounting)world.TelemetryAccounting!;
        int holder = Enumerable.Range(0, world.NodeCount).First(i => world.IsAlive(i) && world.Node(i).TelemetryHeld.Count > 0);
        uint origin = world.Node(holder).TelemetryHeld.OriginAt(0);
        uint sequence = world.Node(holder).TelemetryHeld.SequenceAt(0);
        accounting.OnDropped(holder, origin, sequence, overflow: true);
        world.Node(holder).TelemetryHeld.RemoveOldest(1); // dropped by overflow: settled as that at the next check
        world.RunChecks();
        TelemetryLedger settled = accounting.Snapshot();
        accounting.OnNodeStopping((holder + 1) % world.NodeCount, world.NowUs); // unrelated to it
        accounting.OnDropped(holder, origin, sequence, overflow: false); // a later drop of another copy
        accounting.OnDelivered(0, origin, sequence); // and yet a copy arrives
        TelemetryLedger after = accounting.Snapshot();
        Assert.Equal(settled.DroppedOverflow - 1, after.DroppedOverflow);
        Assert.Equal(settled.DroppedOtherCounted, after.DroppedOtherCounted);
        Assert.Equal(settled.Delivered + 1, after.Delivered);
    }

    [Fact]
    public void A_record_whose_key_was_already_taken_counts_as_unaccounted()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 30, seed: 11, durationS: 60));
        world.RunUntil(30_000_000);
        int holder = Enumerable.Range(0, world.NodeCount).First(i => world.IsAlive(i) && world.Node(i).TelemetryHeld.Count > 0);
        var accounting = (RoutedTelemetryAccounting)world.TelemetryAccounting!;
        accounting.OnGenerated(holder, world.Node(holder).TelemetryHeld.OriginAt(0), world.Node(holder).TelemetryHeld.SequenceAt(0));
        world.Run();
        Assert.Equal(1, accounting.KeyCollisions);
        Assert.Contains(world.Violations, v => v.Kind == "telemetry-accounting" && v.Message.Contains("1 unaccounted"));
    }

    [Fact]
    public void What_a_killed_node_held_is_lost_and_counted_not_a_violation()
    {
        SimOptions options = Worlds.Options("formation", nodes: 30, seed: 11, durationS: 60);
        SimWorld world = Worlds.FromOptions(options);
        world.RunUntil(30_000_000);
        int holder = Enumerable.Range(1, world.NodeCount - 1).First(i => world.IsAlive(i) && world.Node(i).TelemetryHeld.Count > 0);
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Kill, world.NowUs, (uint)(holder + 1)));
        world.Run();
        Assert.Equal(0, world.InvariantViolationCount);
        Assert.True(world.BuildReport(1).Telemetry!.Lost >= 1);
    }

    [Fact]
    public void Records_held_while_a_node_is_cut_off_reach_the_root_once_the_cut_heals()
    {
        SimConfig config = Worlds.HandPlaced(LinkParameters.Wifi(), 400, 200, (0, 0), (100, 0)) with
        {
            TelemetryIntervalUs = 10_000_000,
            Faults = new[] { FaultSpec.OnNode(FaultKind.Isolate, 30_000_000, 2), FaultSpec.OnNode(FaultKind.Heal, 120_000_000, 2) },
        };
        SimWorld world = new SimWorld(config);
        world.RunUntil(119_000_000);
        int heldDuringCut = world.Node(1).TelemetryHeld.Count;
        Assert.InRange(heldDuringCut, 8, 10); // 90 s cut off at one record per 10 s
        world.Run();
        SimReportTelemetry telemetry = world.BuildReport(1).Telemetry!;
        Assert.Equal(0, world.InvariantViolationCount);
        Assert.True(world.Node(1).TelemetryHeld.Count <= 1, "flushed after the heal");
        Assert.Equal(0, telemetry.Lost);
        Assert.Equal(0, telemetry.DroppedOverflow);
        Assert.Equal(telemetry.Generated - telemetry.BufferedAtEnd, telemetry.Delivered);
    }
}
