using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Scenarios;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Checks;

/// <summary>A corrupted parent pointer in a running world is caught, counted, and reported with the seed and replay command.</summary>
public sealed class ViolationEndToEndTests
{
    [Fact]
    public void A_corrupted_parent_pointer_is_reported_as_a_loop_with_seed_and_replay_command()
    {
        SimOptions options = Worlds.Options("formation", nodes: 20, seed: 42, durationS: 20);
        SimWorld world = Worlds.FromOptions(options);
        var seen = new List<string>();
        world.ViolationFound = violation => seen.Add(violation.Message);
        Worlds.OverlayOrphans(world); // mask the core's own parents, so only the corruption below can loop
        world.RunUntil(5_000_000);
        Assert.Equal(0, world.InvariantViolationCount);

        world.DebugParentOverride(1, 3); // node 2 -> 3
        world.DebugParentOverride(2, 2); // node 3 -> 2
        world.Run();

        var report = world.BuildReport(0);
        Assert.True(report.InvariantViolations > 0);
        // One loop, counted once per check after the corruption: every 250 ms from 5.25 s to 20 s = 60 checks.
        Assert.Equal(60, report.InvariantViolations);
        string message = world.Violations[0].Message;
        Assert.Contains("routing loop 2 -> 3 -> 2", message);
        Assert.Contains("seed 42", message);
        Assert.Contains("peat-edge sim --scenario formation --nodes 20 --seed 42 --duration-s 20 --link wifi", message);
        Assert.Equal(world.Violations.Count, seen.Count);
    }

    [Fact]
    public void A_self_parent_is_reported_and_clears_when_the_pointer_is_fixed()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 10, seed: 3, durationS: 10));
        Worlds.OverlayOrphans(world);
        world.RunUntil(2_000_000);
        world.DebugParentOverride(4, 5);
        world.RunUntil(3_000_000);
        long after = world.InvariantViolationCount;
        Assert.True(after > 0);
        Assert.Equal("self-parent", world.Violations[0].Kind);
        Assert.Contains("node 5 is its own parent", world.Violations[0].Message);

        world.DebugParentOverride(4, 0);
        world.Run();
        Assert.Equal(after, world.InvariantViolationCount);
    }

    [Theory]
    [InlineData("formation", 10, 5.0)]
    [InlineData("tour", 100, 300.0)]
    public void A_clean_run_exits_ok_and_says_so(string scenario, int nodes, double durationS)
    {
        var output = new StringWriter();
        Assert.Equal(SimRunner.ExitOk, SimRunner.Run(Worlds.Options(scenario, nodes, seed: 1, durationS), output));
        string text = output.ToString();
        Assert.Contains("invariants: no violation", text);
        Assert.DoesNotContain("INVARIANT VIOLATION", text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_run_with_a_violation_exits_failed_and_prints_seed_and_replay(bool quiet)
    {
        SimOptions options = Worlds.Options("formation", nodes: 10, seed: 1, durationS: 5);
        options.Quiet = quiet;
        var output = new StringWriter();
        int exitCode = SimRunner.Run(options, ScenarioCatalog.Build(options), output, world =>
        {
            Worlds.OverlayOrphans(world);
            world.DebugParentOverride(1, 3); // node 2 -> 3
            world.DebugParentOverride(2, 2); // node 3 -> 2
        });

        Assert.Equal(SimRunner.ExitFailed, exitCode);
        string text = output.ToString();
        Assert.Contains("INVARIANT VIOLATION at t=", text);
        Assert.Contains("seed 1; replay: " + options.ReplayCommand(), text);
        Assert.Contains(quiet ? " invariant violations; seed 1; replay: " + options.ReplayCommand() : " VIOLATIONS (seed 1); replay: ", text);
    }
}
