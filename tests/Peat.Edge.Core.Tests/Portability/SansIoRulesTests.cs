using Peat.Edge.Tests.Shared;
using Xunit;

namespace Peat.Edge.Core.Tests.Portability;

/// <summary>
/// Style rules that matter, enforced (as TigerBeetle's tidy does): the core never touches a clock,
/// thread, socket, file or console, and avoids APIs nanoFramework lacks. The nanoFramework build
/// catches missing APIs; this catches the ones mscorlib has but the sans-I/O rule forbids.
/// </summary>
public sealed class SansIoRulesTests
{
    private static readonly (string Pattern, string Why)[] Banned =
    {
        (@"DateTime\.(Utc)?Now|Stopwatch|Environment\.TickCount", "time is passed in as nowMs"),
        (@"\bThread\b|\bTimer\b|\bTask\b|\basync\b|\bawait\b", "the host owns threads and timers"),
        (@"\bSocket\b|\bFile\.|\bConsole\.|\bDebug\.Assert", "no I/O, logging or debug-only checks in the core"),
        (@"\bnew Random\(|\bGuid\.NewGuid", "randomness comes from the node's seeded Pcg32"),
        (@"System\.Linq|System\.Collections\.Generic|\bSpan<|\bMemory<|\bMath\.|\bMathF\.", "not in nanoFramework's mscorlib"),
        (@"\bstackalloc\b|\bunsafe\b|\brecord\b|\byield\b", "not supported on nanoFramework"),
    };

    [Fact]
    public void Core_sources_use_no_banned_api()
    {
        List<string> violations = SourceRules.Violations(SourceRules.SourceFiles(Path.Combine("src", "Peat.Edge.Core")), Banned);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void The_rule_scanner_sees_a_violation()
    {
        Assert.Matches(Banned[0].Pattern, SourceRules.StripCommentsAndStrings("long now = DateTime.UtcNow.Ticks; // fine in a comment"));
        Assert.DoesNotMatch(Banned[0].Pattern, SourceRules.StripCommentsAndStrings("// DateTime.UtcNow is banned"));
        Assert.DoesNotMatch(Banned[0].Pattern, SourceRules.StripCommentsAndStrings("string s = \"DateTime.Now\";"));
    }
}
