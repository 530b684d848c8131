using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Hierarchy
{
    /// <summary>
    /// Ad-hoc hierarchy (disaster response): the level is the depth in the tree, any root-capable node
    /// may take the top, and leaders are elected within a level and cell by <see cref="Hierarchy.ElectionScore"/>
    /// with hysteresis (default 10%) so leadership does not flap.
    /// </summary>
    public sealed class DynamicHierarchyStrategy : IHierarchyStrategy
    {
        private readonly ElectionScore _score;
        private readonly int _hysteresisPercent;

        /// <summary>Creates the strategy; null score means the default 40/40/20.</summary>
        public DynamicHierarchyStrategy(ElectionScore? score = null, int hysteresisPercent = 10)
        {
            Invariant.InRange(hysteresisPercent >= 0 && hysteresisPercent <= 100, "hysteresisPercent", "must be 0..100");
            _score = score ?? Hierarchy.ElectionScore.Default();
            _hysteresisPercent = hysteresisPercent;
        }

        /// <inheritdoc />
        public bool LevelFollowsParent => true;

        /// <inheritdoc />
        public int ElectionHysteresisPercent => _hysteresisPercent;

        /// <inheritdoc />
        public byte DecideLevel(HierarchyContext context)
        {
            if (context.IsRoot)
            {
                return 0;
            }

            if (!context.HasParent)
            {
                return context.CurrentLevel;
            }

            return context.ParentLevel >= BeaconBody.LevelMax ? BeaconBody.LevelMax : (byte)(context.ParentLevel + 1);
        }

        /// <inheritdoc />
        public NodeRole DecideRole(HierarchyContext context)
        {
            return RoleFromElection(context);
        }

        /// <inheritdoc />
        public bool MayBecomeRoot(HierarchyContext context) => context.RootCapable;

        /// <inheritdoc />
        public int ElectionScore(BeaconBody beacon) => _score.Of(beacon);

        /// <summary>Leader when elected, member when the cell has peers, standalone otherwise.</summary>
        internal static NodeRole RoleFromElection(in HierarchyContext context)
        {
            if (!context.HasCellPeers)
            {
                return NodeRole.Standalone;
            }

            return context.WinsCellElection ? NodeRole.Leader : NodeRole.Member;
        }
    }
}
