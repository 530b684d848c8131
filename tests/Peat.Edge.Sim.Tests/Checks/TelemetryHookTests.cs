using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Reports;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Checks;

/// <summary>The hook the routing issue will implement: a balanced ledger reaches the report, an unbalanced one is a violation.</summary>
public sealed class TelemetryHookTests
{
    private sealed class FakeAccounting : ITelemetryAccounting
    {
        public TelemetryLedger Ledger;
        public SimWorld? World;
        public List<int> Stopped { get; } = new();

        public void Attach(SimWorld world) => World = world;

        public void OnNodeStopping(int nodeIndex, long atUs) => Stopped.Add(nodeIndex);

        public TelemetryLedger Snapshot() => Ledger;
    }

    [Fact]
    public void A_balanced_ledger_is_reported_with_lost_derived()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 10, durationS: 5));
        var accounting = new FakeAccounting { Ledger = new TelemetryLedger(100, 80, 4, 10, 3, 5, 2, aggregationRawBytes: 1000, aggregationBytes: 250) };
        world.TelemetryAccounting = accounting;
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Kill, 2_000_000, 4));
        world.Run();

        Assert.Same(world, accounting.World);
        Assert.Equal(new[] { 3 }, accounting.Stopped);
        SimReport report = world.BuildReport(1);
        Assert.Equal(0, report.InvariantViolations);
        Assert.NotNull(report.Telemetry);
        Assert.Equal(100, report.Telemetry!.Generated);
        Assert.Equal(100 - 80 - 10 - 5, report.Telemetry.Lost);
        Assert.Equal(0.75, report.Aggregation!.Reduction);
        string json = ReportJsonWriter.ToJson(report);
        Assert.Contains("\"lost\": 5", json);
    }

    [Fact]
    public void An_unaccounted_packet_fails_the_run_with_the_seed()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 10, seed: 77, durationS: 2));
        world.TelemetryAccounting = new FakeAccounting { Ledger = new TelemetryLedger(10, 5, 0, 2, 0, 1, 0) };
        world.Run();
        Assert.True(world.InvariantViolationCount > 0);
        Assert.Equal("telemetry-accounting", world.Violations[0].Kind);
        Assert.Contains("2 unaccounted", world.Violations[0].Message);
        Assert.Contains("seed 77", world.Violations[0].Message);
    }

    [Fact]
    public void Without_accounting_telemetry_and_aggregation_are_null()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 5, durationS: 2));
        world.Run();
        string json = ReportJsonWriter.ToJson(world.BuildReport(0));
        Assert.Contains("\"telemetry\": null", json);
        Assert.Contains("\"aggregation\": null", json);
        Assert.Contains("\"data\": 0", json);
    }
}
