using Peat.Edge.Core.Beacons;
using Xunit;

namespace Peat.Edge.Core.Tests.Beacons;

/// <summary>The looked-up loss rule gives exactly the rule's own answer.</summary>
public sealed class LossRuleTableTests
{
    [Fact]
    public void Every_reception_share_gets_the_rules_own_miss_count_for_every_K()
    {
        for (int missedBeaconsBeforeLoss = 1; missedBeaconsBeforeLoss <= 85; missedBeaconsBeforeLoss++)
        {
            Check(missedBeaconsBeforeLoss);
        }
    }

    private static void Check(int missedBeaconsBeforeLoss)
    {
        var table = new LossRuleTable(missedBeaconsBeforeLoss);
        var seen = new HashSet<int>();
        for (int receptionPermille = 0; receptionPermille <= 1000; receptionPermille++)
        {
            int expected = NeighbourEntry.MissesBeforeLoss(missedBeaconsBeforeLoss, receptionPermille);
            Assert.True(expected == table.MissesBeforeLoss(receptionPermille), $"K {missedBeaconsBeforeLoss}, reception {receptionPermille}‰: rule {expected}, table {table.MissesBeforeLoss(receptionPermille)}");
            seen.Add(expected);
        }

        // Not a vacuous match: the shares span K up to 3K misses.
        Assert.Contains(missedBeaconsBeforeLoss, seen);
        Assert.Contains(3 * missedBeaconsBeforeLoss, seen);
        Assert.True(seen.Count > 2 || missedBeaconsBeforeLoss == 1, "several counts in between");
    }
}
