using Peat.Edge.Sim.Cli;
using Xunit;

namespace Peat.Edge.Sim.Tests.Cli;

/// <summary>Bad options get a one-line error naming the option; good ones replay exactly.</summary>
public sealed class SimOptionsTests
{
    [Theory]
    [InlineData("--nodes", 1, null, null, "formation", "wifi")]
    [InlineData("--nodes", 5001, null, null, "formation", "wifi")]
    [InlineData("--loss", 100, 1.5, null, "formation", "wifi")]
    [InlineData("--loss", 100, -0.1, null, "formation", "wifi")]
    [InlineData("--duration-s", 100, null, -1.0, "formation", "wifi")]
    [InlineData("--duration-s", 100, null, 0.0, "formation", "wifi")]
    [InlineData("--scenario", 100, null, null, "nope", "wifi")]
    [InlineData("--link", 100, null, null, "formation", "zigbee")]
    public void Bad_options_name_the_option(string option, int nodes, double? loss, double? durationS, string scenario, string link)
    {
        var options = new SimOptions { Nodes = nodes, Loss = loss, DurationS = durationS, Scenario = scenario, Link = link };
        string? error = options.Validate();
        Assert.NotNull(error);
        Assert.StartsWith(option + " ", error);
        Assert.DoesNotContain('\n', error);

        var output = new StringWriter();
        Assert.Equal(SimRunner.ExitBadOptions, SimRunner.Run(options, output));
        Assert.Contains(option, output.ToString());
    }

    [Theory]
    [InlineData("r.json", "r.json", null, "--report and --svg name the same file")]
    [InlineData("r.json", null, "./r.json", "--report and --event-log name the same file")]
    [InlineData(null, "out/../x.svg", "x.svg", "--svg and --event-log name the same file")]
    public void Two_outputs_into_one_file_are_refused(string? report, string? svg, string? eventLog, string expected)
    {
        var options = new SimOptions { ReportPath = report, SvgPath = svg, EventLogPath = eventLog };
        Assert.StartsWith(expected, options.Validate());
        Assert.Null(new SimOptions { ReportPath = "r.json", SvgPath = "r.svg", EventLogPath = "events.log" }.Validate());
    }

    [Fact]
    public void Defaults_are_a_good_first_run()
    {
        var options = new SimOptions();
        Assert.Null(options.Validate());
        Assert.Equal(100, options.Nodes);
        Assert.Equal("wifi", options.Link);
        Assert.Equal("tour", options.Scenario);
        Assert.Equal("peat-edge sim --scenario tour --nodes 100 --seed 1 --duration-s 300 --link wifi", options.ReplayCommand());
    }

    [Fact]
    public void The_replay_command_carries_every_given_option_in_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var options = new SimOptions { Scenario = "swarm", Nodes = 250, Seed = 18446744073709551615, DurationS = 12.5, Link = "lora", Loss = 0.05, AreaM = 3000 };
            Assert.Equal("peat-edge sim --scenario swarm --nodes 250 --seed 18446744073709551615 --duration-s 12.5 --link lora --loss 0.05 --area-m 3000", options.ReplayCommand());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Lora_scenario_defaults_are_longer()
    {
        Assert.Contains("--duration-s 1800 --link lora", new SimOptions { Link = "lora" }.ReplayCommand());
        Assert.Contains("--duration-s 120 ", new SimOptions { Scenario = "formation" }.ReplayCommand());
    }
}
