using Peat.Edge.Tests.Shared;
using Xunit;

namespace Peat.Edge.Sim.Tests.Portability;

/// <summary>
/// The simulator's deterministic parts never read a wall clock, start a thread or draw from an unseeded
/// random source: that is what makes a run byte-identical for its seed (docs/simulator.md, "Determinism").
/// Only the runner (Cli/) reads a stopwatch, for progress lines, wall_time_s and speedup.
/// </summary>
public sealed class DeterminismRulesTests
{
    private static readonly string[] DeterministicFolders = { "Engine", "Links", "Checks", "Faults", "Placement", "Scenarios", "Reports" };

    private static readonly (string Pattern, string Why)[] Banned =
    {
        (@"\bStopwatch\b|\bDateTime(Offset)?\b|Environment\.TickCount|\bTimeProvider\b", "virtual time only: wall time is the runner's"),
        (@"\bThread(Pool)?\b|\b(Value)?Task\b|\basync\b|\bawait\b|\bParallel\b|\w*Timer\b", "one thread, events in a total order"),
        (@"\bRandom\b|\bGuid\.NewGuid\b|\bRandomNumberGenerator\b", "every draw comes from a SimRandom stream of the seed"),
    };

    [Fact]
    public void The_deterministic_parts_use_no_clock_thread_or_unseeded_random()
    {
        List<string> files = DeterministicFolders.SelectMany(folder =>
        {
            List<string> inFolder = SourceRules.SourceFiles(Path.Combine("src", "Peat.Edge.Sim", folder));
            Assert.True(inFolder.Count > 0, $"src/Peat.Edge.Sim/{folder} has no sources: update the list");
            return inFolder;
        }).ToList();
        List<string> violations = SourceRules.Violations(files, Banned);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void The_runner_is_left_out_because_it_reads_a_stopwatch()
    {
        // The rules would catch it: the exemption is real, and the patterns see what they ban.
        List<string> runner = SourceRules.Violations(SourceRules.SourceFiles(Path.Combine("src", "Peat.Edge.Sim", "Cli")), Banned);
        Assert.Contains(runner, line => line.Contains("SimRunner.cs", StringComparison.Ordinal) && line.Contains("Stopwatch", StringComparison.Ordinal));
        Assert.Matches(Banned[2].Pattern, SourceRules.StripCommentsAndStrings("var random = new System.Random(seed);"));
        Assert.Matches(Banned[1].Pattern, SourceRules.StripCommentsAndStrings("using var timer = new PeriodicTimer(period);"));
        Assert.DoesNotMatch(Banned[2].Pattern, SourceRules.StripCommentsAndStrings("SimRandom random = new SimRandom(seed, RandomStream.Channel);"));
    }
}
