using System.Text.Json.Nodes;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Reports;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Engine;

/// <summary>The same seed, scenario and parameters give a byte-identical report and event log.</summary>
public sealed class DeterminismTests
{
    private static (string Report, string Log) Run(SimOptions options)
    {
        var log = new StringWriter();
        SimReport report = SimRunner.RunToReport(options, log);
        return (WithoutWallClock(ReportJsonWriter.ToJson(report)), log.ToString());
    }

    // wall_time_s and speedup are the only keys that depend on the machine.
    private static string WithoutWallClock(string json)
    {
        JsonObject root = JsonNode.Parse(json)!.AsObject();
        root.Remove("wall_time_s");
        root.Remove("speedup");
        return root.ToJsonString();
    }

    [Theory]
    [InlineData("tour", "wifi", 60, 60.0)]
    [InlineData("swarm", "wifi", 50, 60.0)]
    [InlineData("churn", "lora", 25, 300.0)]
    public void Two_runs_with_the_same_options_are_identical(string scenario, string link, int nodes, double durationS)
    {
        SimOptions options = Worlds.Options(scenario, nodes, seed: 1234, durationS, link);
        var first = Run(options);
        var second = Run(options);
        Assert.True(first.Log.Length > 1000, "the event log has content");
        Assert.Equal(first.Report, second.Report);
        Assert.True(first.Log == second.Log, "event logs differ; replay: " + options.ReplayCommand());
    }

    [Fact]
    public void A_different_seed_gives_a_different_run()
    {
        var first = Run(Worlds.Options("tour", 40, seed: 1, durationS: 30));
        var second = Run(Worlds.Options("tour", 40, seed: 2, durationS: 30));
        Assert.NotEqual(first.Log, second.Log);
    }

    [Fact]
    public void The_svg_is_deterministic_too()
    {
        SimOptions options = Worlds.Options("tour", 40, seed: 9, durationS: 30);
        string Render()
        {
            var world = Worlds.FromOptions(options);
            world.Run();
            return SvgWriter.Render(world);
        }

        Assert.Equal(Render(), Render());
    }
}
