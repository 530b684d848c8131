using Peat.Edge.Core.Topology;
using Xunit;

namespace Peat.Edge.Core.Tests.Topology;

/// <summary>How many unanswered uplink frames make a parent suspect, by its link quality.</summary>
public sealed class UplinkSuspicionTests
{
    [Theory]
    [InlineData(1000, 3, 3)] // a perfect link: the configured count
    [InlineData(900, 3, 3)] // 0.19^3 < 1%
    [InlineData(800, 3, 5)] // 0.36^5 = 0.6%, 0.36^4 = 1.7%
    [InlineData(500, 3, 17)] // 0.75^17 = 0.75%, 0.75^16 = 1.0%
    [InlineData(500, 30, 30)] // never below the configured count
    [InlineData(0, 3, UplinkSuspicion.FailuresCeiling)]
    public void The_count_grows_until_a_run_of_failures_from_loss_alone_is_unlikely(int qualityPermille, int configured, int expected)
    {
        Assert.Equal(expected, UplinkSuspicion.FailuresBeforeSuspect(configured, qualityPermille));
    }

    [Fact]
    public void A_better_link_never_needs_more_failures_and_the_rule_holds_for_every_quality()
    {
        int previous = int.MaxValue;
        for (int q = 0; q <= 1000; q++)
        {
            int needed = UplinkSuspicion.FailuresBeforeSuspect(1, q);
            Assert.True(needed <= previous, $"quality {q}");
            double lossOnly = Math.Pow(1 - ((q / 1000.0) * (q / 1000.0)), needed);
            Assert.True(needed == UplinkSuspicion.FailuresCeiling || lossOnly < 0.01, $"quality {q}: {needed} failures happen from loss alone with p={lossOnly}");
            previous = needed;
        }
    }
}
