using System.Text.Json;
using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Reports;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Checks;

/// <summary>The hook the routing issue will implement: a balanced ledger reaches the report, an unbalanced one is a violation.</summary>
public sealed class TelemetryHookTests
{
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
    public void Without_telemetry_telemetry_and_aggregation_are_null()
    {
        SimOptions options = Worlds.Options("formation", nodes: 5, durationS: 2);
        options.TelemetryIntervalS = 0;
        SimWorld world = Worlds.FromOptions(options);
        Assert.Null(world.TelemetryAccounting);
        world.Run();
        string json = ReportJsonWriter.ToJson(world.BuildReport(0));
        Assert.Contains("\"telemetry\": null", json);
        Assert.Contains("\"aggregation\": null", json);
        Assert.Contains("\"data\": 0", json);
    }

    [Fact]
    public void The_telemetry_and_aggregation_objects_have_exactly_the_contract_keys_in_order_and_lost_balances()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 5, durationS: 2));
        // In flight (7) and other counted drops (3) are not buckets of the report: they end up in lost.
        world.TelemetryAccounting = new FakeAccounting { Ledger = new TelemetryLedger(200, 150, 6, 20, 7, 20, 3, aggregationRawBytes: 4000, aggregationBytes: 1000) };
        world.Run();
        using JsonDocument document = JsonDocument.Parse(ReportJsonWriter.ToJson(world.BuildReport(0)));

        JsonElement telemetry = document.RootElement.GetProperty("telemetry");
        Assert.Equal(new[] { "generated", "delivered", "duplicates", "buffered_at_end", "dropped_overflow", "lost" }, telemetry.EnumerateObject().Select(p => p.Name));
        long Count(string key) => telemetry.GetProperty(key).GetInt64();
        Assert.Equal(Count("generated") - Count("delivered") - Count("buffered_at_end") - Count("dropped_overflow"), Count("lost"));
        Assert.Equal(new long[] { 200, 150, 6, 20, 20, 10 }, telemetry.EnumerateObject().Select(p => p.Value.GetInt64()));

        JsonElement aggregation = document.RootElement.GetProperty("aggregation");
        Assert.Equal(new[] { "raw_bytes", "aggregated_bytes", "reduction" }, aggregation.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4000, aggregation.GetProperty("raw_bytes").GetInt64());
        Assert.Equal(1000, aggregation.GetProperty("aggregated_bytes").GetInt64());
        Assert.Equal(0.75, aggregation.GetProperty("reduction").GetDouble());
    }
}
