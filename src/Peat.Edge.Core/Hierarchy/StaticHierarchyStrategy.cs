using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Hierarchy
{
    /// <summary>Fixed organisational hierarchy: a configured level and role that never change (a command structure).</summary>
    public sealed class StaticHierarchyStrategy : IHierarchyStrategy
    {
        private readonly byte _level;
        private readonly NodeRole _role;

        /// <summary>A node fixed at <paramref name="level"/> with <paramref name="role"/>.</summary>
        public StaticHierarchyStrategy(byte level, NodeRole role)
        {
            Invariant.InRange(level <= BeaconBody.LevelMax, "level", "must be 0..15");
            _level = level;
            _role = role;
        }

        /// <inheritdoc />
        public bool LevelFollowsParent => false;

        /// <inheritdoc />
        public int ElectionHysteresisPercent => 0;

        /// <inheritdoc />
        public byte DecideLevel(HierarchyContext context) => _level;

        /// <inheritdoc />
        public NodeRole DecideRole(HierarchyContext context) => _role;

        /// <inheritdoc />
        public bool MayBecomeRoot(HierarchyContext context) => context.RootCapable && _level == 0;

        /// <inheritdoc />
        public int ElectionScore(BeaconBody beacon) => 0;
    }
}
