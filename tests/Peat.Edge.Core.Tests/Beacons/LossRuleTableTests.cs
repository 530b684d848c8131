using Peat.Edge.Core.Beacons;
using Xunit;

namespace Peat.Edge.Core.Tests.Beacons;

/// <summary>The looked-up loss rule gives exactly the rule's own answer.</summary>
public sealed class LossRuleTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(85)]
    public void Every_reception_share_gets_the_rules_own_miss_count(int missedBeaconsBeforeLoss)
    {
        var table = new LossRuleTable(missedBeaconsBeforeLoss);
        var seen = new HashSet<int>();
        for (int receptionPermille = 0; receptionPermille <= 1000; receptionPermille++)
        {
            int expected = NeighbourEntry.MissesBeforeLoss(missedBeaconsBeforeLoss, receptionPermille);
            Assert.Equal(expected, table.MissesBeforeLoss(receptionPermille));
            seen.Add(expected);
        }

        // Not a vacuous match: the shares span K up to 3K misses.
        Assert.Contains(missedBeaconsBeforeLoss, seen);
        Assert.Contains(3 * missedBeaconsBeforeLoss, seen);
        Assert.True(seen.Count > 2 || missedBeaconsBeforeLoss == 1, "several counts in between");
    }
}
