using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Hierarchy
{
    /// <summary>
    /// A static baseline level with controlled transitions (a unit that adapts): a node that wins its
    /// cell's election while no parent one level up is reachable is promoted one level, at most
    /// <c>maxPromotionLevels</c> above its baseline, only with enough battery and only after a cooldown
    /// since its last transition; it is demoted one level (after the cooldown) when it loses the
    /// election or its battery drops. A root-capable node within reach of level 0 may take the top at
    /// once when the root is lost: a headless mesh is worse than a hasty promotion.
    /// </summary>
    public sealed class HybridHierarchyStrategy : IHierarchyStrategy
    {
        private readonly byte _baselineLevel;
        private readonly int _maxPromotionLevels;
        private readonly int _promotionBatteryMinPercent;
        private readonly long _cooldownMs;
        private readonly ElectionScore _score;
        private readonly int _hysteresisPercent;
        private int _promotion;
        private long _lastTransitionMs = long.MinValue / 2;

        /// <summary>Creates the strategy.</summary>
        public HybridHierarchyStrategy(byte baselineLevel, int maxPromotionLevels, int promotionBatteryMinPercent, long cooldownMs, ElectionScore? score = null, int hysteresisPercent = 10)
        {
            Invariant.InRange(baselineLevel <= BeaconBody.LevelMax, "baselineLevel", "must be 0..15");
            Invariant.InRange(maxPromotionLevels >= 0 && maxPromotionLevels <= BeaconBody.LevelMax, "maxPromotionLevels", "must be 0..15");
            Invariant.InRange(promotionBatteryMinPercent >= 0 && promotionBatteryMinPercent <= 100, "promotionBatteryMinPercent", "must be 0..100");
            Invariant.InRange(cooldownMs >= 0, "cooldownMs", "must not be negative");
            _baselineLevel = baselineLevel;
            _maxPromotionLevels = maxPromotionLevels;
            _promotionBatteryMinPercent = promotionBatteryMinPercent;
            _cooldownMs = cooldownMs;
            _score = score ?? Hierarchy.ElectionScore.Default();
            _hysteresisPercent = hysteresisPercent;
        }

        /// <summary>Levels above the baseline this node is promoted now.</summary>
        public int Promotion => _promotion;

        /// <inheritdoc />
        public bool LevelFollowsParent => false;

        /// <inheritdoc />
        public int ElectionHysteresisPercent => _hysteresisPercent;

        /// <inheritdoc />
        public byte DecideLevel(HierarchyContext context)
        {
            if (context.IsRoot)
            {
                Transition(_baselineLevel, context.NowMs);
            }
            else if (_baselineLevel > 0 && _promotion >= _baselineLevel)
            {
                Transition(0, context.NowMs); // no longer root: level 0 is the root's alone, back to the baseline at once
            }
            else if (CoolingDown(context.NowMs))
            {
                // Hold the level: no transition within the cooldown.
            }
            else if (ShouldPromote(context))
            {
                Transition(_promotion + 1, context.NowMs);
            }
            else if (_promotion > 0 && (!context.WinsCellElection || !HasBattery(context)))
            {
                Transition(_promotion - 1, context.NowMs);
            }

            return (byte)(_baselineLevel - _promotion);
        }

        /// <inheritdoc />
        public NodeRole DecideRole(HierarchyContext context)
        {
            return DynamicHierarchyStrategy.RoleFromElection(context);
        }

        /// <inheritdoc />
        public bool MayBecomeRoot(HierarchyContext context)
        {
            return context.RootCapable && _baselineLevel <= _maxPromotionLevels && HasBattery(context);
        }

        /// <inheritdoc />
        public int ElectionScore(BeaconBody beacon) => _score.Of(beacon);

        private bool ShouldPromote(in HierarchyContext context)
        {
            return context.WinsCellElection && !context.LevelAboveReachable && HasBattery(context)
                && _promotion < _maxPromotionLevels && _promotion < _baselineLevel;
        }

        private bool HasBattery(in HierarchyContext context)
        {
            return context.BatteryPercent == BeaconBody.BatteryUnknown || context.BatteryPercent >= _promotionBatteryMinPercent;
        }

        private bool CoolingDown(long nowMs)
        {
            return nowMs - _lastTransitionMs < _cooldownMs;
        }

        private void Transition(int promotion, long nowMs)
        {
            if (promotion != _promotion)
            {
                _promotion = promotion;
                _lastTransitionMs = nowMs;
            }
        }
    }
}
