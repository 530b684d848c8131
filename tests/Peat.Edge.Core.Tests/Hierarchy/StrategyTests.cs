using Peat.Edge.Core.Hierarchy;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Core.Tests.Hierarchy;

public sealed class StrategyTests
{
    [Fact]
    public void Static_keeps_its_level_and_role_and_roots_only_at_level_zero()
    {
        var strategy = new StaticHierarchyStrategy(2, NodeRole.Leader);
        var context = new HierarchyContext { IsRoot = true, HasParent = false, WinsCellElection = false, RootCapable = true };
        Assert.Equal(2, strategy.DecideLevel(context));
        Assert.Equal(NodeRole.Leader, strategy.DecideRole(context));
        Assert.False(strategy.LevelFollowsParent);
        Assert.False(strategy.MayBecomeRoot(context));
        Assert.True(new StaticHierarchyStrategy(0, NodeRole.Leader).MayBecomeRoot(context));
        Assert.False(new StaticHierarchyStrategy(0, NodeRole.Leader).MayBecomeRoot(context with { RootCapable = false }));
    }

    [Fact]
    public void Dynamic_level_is_depth_and_role_comes_from_the_cell_election()
    {
        var strategy = new DynamicHierarchyStrategy();
        Assert.Equal(0, strategy.DecideLevel(new HierarchyContext { IsRoot = true }));
        Assert.Equal(4, strategy.DecideLevel(new HierarchyContext { HasParent = true, ParentLevel = 3 }));
        Assert.Equal(BeaconBody.LevelMax, strategy.DecideLevel(new HierarchyContext { HasParent = true, ParentLevel = BeaconBody.LevelMax }));
        Assert.Equal(5, strategy.DecideLevel(new HierarchyContext { HasParent = false, CurrentLevel = 5 })); // detached: keeps its level
        Assert.Equal(NodeRole.Standalone, strategy.DecideRole(new HierarchyContext { HasCellPeers = false }));
        Assert.Equal(NodeRole.Leader, strategy.DecideRole(new HierarchyContext { HasCellPeers = true, WinsCellElection = true }));
        Assert.Equal(NodeRole.Member, strategy.DecideRole(new HierarchyContext { HasCellPeers = true, WinsCellElection = false }));
        Assert.True(strategy.MayBecomeRoot(new HierarchyContext { RootCapable = true }));
        Assert.Equal(10, strategy.ElectionHysteresisPercent);
    }

    [Fact]
    public void Election_score_weighs_mobility_resources_and_battery_40_40_20()
    {
        var score = ElectionScore.Default();
        var stationaryMains = new BeaconBody { Capabilities = Capabilities.CanParent | Capabilities.RootCapable | Capabilities.Uplink, BatteryPercent = BeaconBody.BatteryUnknown };
        Assert.Equal(1000, score.Of(stationaryMains));
        var moving = stationaryMains;
        moving.Capabilities |= Capabilities.Mobile;
        Assert.Equal(600, score.Of(moving)); // loses the 40% mobility share
        var battery = new BeaconBody { Capabilities = Capabilities.BatteryPowered, BatteryPercent = 50 };
        Assert.Equal(400 + 0 + 100, score.Of(battery)); // stationary 400, no resources, half battery of 200
        Assert.Equal(1000, new ElectionScore(0, 0, 1).Of(new BeaconBody { BatteryPercent = 100 }));
    }

    [Fact]
    public void Hybrid_promotes_one_level_when_leading_a_cell_with_no_level_above_then_respects_cooldown_cap_and_battery()
    {
        var strategy = new HybridHierarchyStrategy(baselineLevel: 3, maxPromotionLevels: 1, promotionBatteryMinPercent: 30, cooldownMs: 10_000);
        var leading = new HierarchyContext { NowMs = 0, WinsCellElection = true, HasCellPeers = true, LevelAboveReachable = false, BatteryPercent = 80 };
        Assert.Equal(3, strategy.DecideLevel(leading with { LevelAboveReachable = true })); // a parent level exists: no need
        Assert.Equal(2, strategy.DecideLevel(leading));
        Assert.Equal(2, strategy.DecideLevel(leading with { NowMs = 20_000 })); // capped at one level above baseline
        var weak = new HybridHierarchyStrategy(baselineLevel: 3, maxPromotionLevels: 1, promotionBatteryMinPercent: 30, cooldownMs: 10_000);
        Assert.Equal(3, weak.DecideLevel(leading with { BatteryPercent = 20 })); // not enough battery to take on more
        Assert.Equal(2, weak.DecideLevel(leading with { BatteryPercent = BeaconBody.BatteryUnknown })); // mains power is enough
    }

    [Fact]
    public void Hybrid_demotes_after_the_cooldown_when_it_loses_the_election_or_its_battery()
    {
        var strategy = new HybridHierarchyStrategy(3, 2, 30, 10_000);
        var leading = new HierarchyContext { NowMs = 0, WinsCellElection = true, HasCellPeers = true, BatteryPercent = 80 };
        Assert.Equal(2, strategy.DecideLevel(leading));
        Assert.Equal(2, strategy.DecideLevel(leading with { NowMs = 5_000 })); // second promotion must wait for the cooldown
        Assert.Equal(1, strategy.DecideLevel(leading with { NowMs = 10_000 }));
        Assert.Equal(1, strategy.DecideLevel(leading with { NowMs = 15_000, WinsCellElection = false })); // cooling down
        Assert.Equal(2, strategy.DecideLevel(leading with { NowMs = 20_000, WinsCellElection = false }));
        Assert.Equal(3, strategy.DecideLevel(leading with { NowMs = 30_000, BatteryPercent = 10 }));
        Assert.Equal(3, strategy.DecideLevel(leading with { NowMs = 40_000, BatteryPercent = 10 })); // no promotion on a low battery
        Assert.Equal(0, strategy.Promotion);
    }

    [Fact]
    public void Hybrid_takes_the_top_at_once_when_within_reach_of_level_zero_and_leaves_it_when_no_longer_root()
    {
        var alternate = new HybridHierarchyStrategy(baselineLevel: 1, maxPromotionLevels: 1, promotionBatteryMinPercent: 30, cooldownMs: 60_000);
        var context = new HierarchyContext { NowMs = 0, RootCapable = true, BatteryPercent = 90 };
        Assert.True(alternate.MayBecomeRoot(context));
        Assert.False(alternate.MayBecomeRoot(context with { BatteryPercent = 10 }));
        Assert.Equal(0, alternate.DecideLevel(context with { IsRoot = true }));
        Assert.Equal(1, alternate.DecideLevel(context with { NowMs = 1_000, IsRoot = false })); // despite the cooldown
        var sensor = new HybridHierarchyStrategy(baselineLevel: 3, maxPromotionLevels: 1, promotionBatteryMinPercent: 30, cooldownMs: 0);
        Assert.False(sensor.MayBecomeRoot(context)); // three levels from the top, one allowed
    }
}
