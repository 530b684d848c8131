using System.Text.Json;
using System.Xml.Linq;
using Peat.Edge.Core.Limits;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Scenarios;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Cli;

/// <summary>The runner's files and text: the report has exactly the contract's keys, the SVG is well-formed, failures name seed and replay.</summary>
public sealed class SimRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("peat-sim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] TopKeys =
    {
        "scenario", "seed", "nodes", "link", "duration_s", "formation_time_s", "faults", "recovery_time_s", "telemetry",
        "bytes_on_air", "control_airtime_share", "aggregation", "parent_switches", "max_depth", "orphans_at_end",
        "partitions_at_end", "invariant_violations", "wall_time_s", "speedup",
    };

    [Fact]
    public void The_report_has_exactly_the_contract_keys_in_order()
    {
        SimOptions options = Worlds.Options("tour", nodes: 40, seed: 5, durationS: 40);
        options.ReportPath = Path.Combine(_dir, "report.json");
        options.SvgPath = Path.Combine(_dir, "topology.svg");
        options.EventLogPath = Path.Combine(_dir, "events.log");
        var output = new StringWriter();
        Assert.Equal(SimRunner.ExitOk, SimRunner.Run(options, output));

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(options.ReportPath));
        JsonElement root = document.RootElement;
        Assert.Equal(TopKeys, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("tour", root.GetProperty("scenario").GetString());
        Assert.Equal(40, root.GetProperty("nodes").GetInt32());
        Assert.Equal(40.0, root.GetProperty("duration_s").GetDouble());
        JsonElement fault = root.GetProperty("faults")[0];
        Assert.Equal(new[] { "kind", "node", "at_s", "recovered_after_s" }, fault.EnumerateObject().Select(p => p.Name));
        Assert.Equal("kill", fault.GetProperty("kind").GetString());
        Assert.Equal(8.0, fault.GetProperty("at_s").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("faults")[1].GetProperty("node").ValueKind);
        Assert.Equal(new[] { "p50", "p95", "max" }, root.GetProperty("recovery_time_s").EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "beacon", "data", "total" }, root.GetProperty("bytes_on_air").EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("bytes_on_air").GetProperty("beacon").GetInt64() > 0);
        Assert.InRange(root.GetProperty("control_airtime_share").GetDouble(), 0.0001, 0.2);
        Assert.True(root.GetProperty("speedup").GetDouble() > 0);

        XDocument svg = XDocument.Parse(File.ReadAllText(options.SvgPath));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.True(svg.Descendants().Count(e => e.Name.LocalName == "circle") >= 37);
        Assert.Contains("fault kill node", File.ReadAllText(options.EventLogPath));

        string text = output.ToString();
        Assert.Contains("peat-edge sim: scenario tour", text);
        Assert.Contains("[ 50%]", text);
        Assert.Contains("result: 40 s simulated", text);
        Assert.Contains("fault at 8 s: kill node", text);
    }

    [Fact]
    public void Quiet_prints_nothing_on_success()
    {
        SimOptions options = Worlds.Options("formation", nodes: 10, durationS: 5);
        options.Quiet = true;
        var output = new StringWriter();
        Assert.Equal(SimRunner.ExitOk, SimRunner.Run(options, output));
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void An_unwritable_report_path_is_an_io_error()
    {
        SimOptions options = Worlds.Options("formation", nodes: 10, durationS: 2);
        options.ReportPath = Path.Combine(_dir, "missing", "dir", "report.json");
        options.Quiet = true;
        var output = new StringWriter();
        Assert.Equal(SimRunner.ExitIoError, SimRunner.Run(options, output));
        Assert.Contains("cannot write", output.ToString());
    }

    [Theory]
    [InlineData("report")]
    [InlineData("svg")]
    public void An_unwritable_output_fails_before_the_run(string output)
    {
        SimOptions options = Worlds.Options("formation", nodes: 10, durationS: 2);
        string unwritable = Path.Combine(_dir, "missing", "dir", "out");
        if (output == "report")
        {
            options.ReportPath = unwritable;
        }
        else
        {
            options.SvgPath = unwritable;
        }

        options.Quiet = true;
        bool built = false;
        var text = new StringWriter();
        Assert.Equal(SimRunner.ExitIoError, SimRunner.Run(options, ScenarioCatalog.Build(options), text, _ => built = true));
        Assert.False(built, "no world is built, no virtual time passes, before the outputs are known to be writable");
        Assert.StartsWith("peat-edge sim: cannot write output: ", OnlyLine(text));
    }

    [Fact]
    public void A_failed_run_leaves_an_existing_report_untouched_and_creates_no_empty_one()
    {
        SimOptions options = Worlds.Options("formation", nodes: 10, seed: 42, durationS: 5);
        options.Quiet = true;
        options.ReportPath = Path.Combine(_dir, "earlier-report.json");
        options.SvgPath = Path.Combine(_dir, "new.svg");
        File.WriteAllText(options.ReportPath, "{\"earlier\": true}");
        static void Fail(SimWorld world) => world.FrameDelivered = (atUs, from, to) => throw new InvalidOperationException("broken on purpose");

        Assert.Equal(SimRunner.ExitFailed, SimRunner.Run(options, ScenarioCatalog.Build(options), new StringWriter(), Fail));
        Assert.Equal("{\"earlier\": true}", File.ReadAllText(options.ReportPath));
        Assert.False(File.Exists(options.SvgPath));

        // The same outputs of a run that finishes replace the old content (a shorter file is not left with a tail).
        File.WriteAllText(options.SvgPath, new string('x', 1_000_000));
        Assert.Equal(SimRunner.ExitOk, SimRunner.Run(options, new StringWriter()));
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(options.ReportPath));
        Assert.Equal(42, report.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal("svg", XDocument.Parse(File.ReadAllText(options.SvgPath)).Root!.Name.LocalName);
    }

    private const string ReplaySeed42 = "; seed 42; replay: peat-edge sim --scenario formation --nodes 10 --seed 42 --duration-s 5 --link wifi";

    [Fact]
    public void An_engine_failure_while_building_the_world_prints_seed_and_replay_and_exits_failed()
    {
        SimOptions options = Worlds.Options("formation", nodes: 10, seed: 42, durationS: 5);
        SimConfig config = ScenarioCatalog.Build(options) with
        {
            LimitsFor = plan =>
            {
                NodeLimits limits = SimProfile.LimitsFor(LinkParameters.Wifi(), plan);
                limits.NeighbourCapacity = 1; // refused by NodeLimits.Validate in the world's constructor
                return limits;
            },
        };
        var output = new StringWriter();
        Assert.Equal(SimRunner.ExitFailed, SimRunner.Run(options, config, output));

        string line = OnlyLine(output);
        Assert.StartsWith("peat-edge sim: FAILED: ", line);
        Assert.Contains("NeighbourCapacity", line);
        Assert.EndsWith(ReplaySeed42, line);
        Assert.EndsWith("replay: " + options.ReplayCommand(), line);
    }

    [Fact]
    public void An_engine_failure_during_the_run_prints_its_time_seed_and_replay_and_exits_failed()
    {
        SimOptions options = Worlds.Options("formation", nodes: 10, seed: 42, durationS: 5);
        options.Quiet = true;
        // Something in the loop throws at the first delivery from 2 s on, as a bug in the engine or the core would.
        static void FailFromTwoSeconds(SimWorld world) => world.FrameDelivered = (atUs, from, to) =>
        {
            if (atUs >= 2_000_000)
            {
                throw new InvalidOperationException("broken on purpose");
            }
        };
        var output = new StringWriter();
        Assert.Equal(SimRunner.ExitFailed, SimRunner.Run(options, ScenarioCatalog.Build(options), output, FailFromTwoSeconds));

        string line = OnlyLine(output);
        Assert.Matches(@"^peat-edge sim: FAILED at t=2(\.\d+)? s: broken on purpose; seed 42; ", line);
        Assert.EndsWith(ReplaySeed42, line);
    }

    private static string OnlyLine(StringWriter output)
    {
        return Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
