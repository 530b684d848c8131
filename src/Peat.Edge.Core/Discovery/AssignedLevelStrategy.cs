using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Hierarchy;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Discovery
{
    /// <summary>
    /// The level hook of directed assignment: wraps the node's own hierarchy strategy and, while a level
    /// is assigned, announces that level instead of the strategy's. Everything else (role, root, parent
    /// rules, election) stays the wrapped strategy's, and the wrapped strategy is still asked every
    /// evaluation so its own state (a hybrid's promotion, cooldown) keeps running and is right when the
    /// assignment is released. <see cref="IHierarchyStrategy.LevelFollowsParent"/> stays the wrapped
    /// one's: under the dynamic strategy an assigned level is a label that children count from, under
    /// static and hybrid ones parents must sit above the assigned level.
    /// <para><c>MeshNode</c> always wraps its strategy in one of these (one object, made at construction),
    /// so the topology engine needs no change for it.</para>
    /// </summary>
    public sealed class AssignedLevelStrategy : IHierarchyStrategy
    {
        private readonly IHierarchyStrategy _inner;
        private bool _assigned;
        private byte _level;

        /// <summary>Wraps <paramref name="inner"/>; no level is assigned at first.</summary>
        public AssignedLevelStrategy(IHierarchyStrategy inner)
        {
            Invariant.InRange(inner != null, "inner", "is required");
            _inner = inner!;
        }

        /// <summary>The node's own strategy.</summary>
        public IHierarchyStrategy Inner => _inner;

        /// <summary>True while a level is assigned.</summary>
        public bool HasAssignedLevel => _assigned;

        /// <summary>The assigned level (meaningful while <see cref="HasAssignedLevel"/>).</summary>
        public byte AssignedLevel => _level;

        /// <inheritdoc />
        public bool LevelFollowsParent => _inner.LevelFollowsParent;

        /// <inheritdoc />
        public int ElectionHysteresisPercent => _inner.ElectionHysteresisPercent;

        /// <summary>Holds the node at <paramref name="level"/> (0..15) from the next evaluation on.</summary>
        public void Assign(byte level)
        {
            Invariant.InRange(level <= BeaconBody.LevelMax, "level", "must be 0..15");
            _assigned = true;
            _level = level;
        }

        /// <summary>Gives the level back to the wrapped strategy.</summary>
        public void Release()
        {
            _assigned = false;
        }

        /// <inheritdoc />
        public byte DecideLevel(HierarchyContext context)
        {
            byte own = _inner.DecideLevel(context);
            return _assigned ? _level : own;
        }

        /// <inheritdoc />
        public NodeRole DecideRole(HierarchyContext context) => _inner.DecideRole(context);

        /// <inheritdoc />
        public bool MayBecomeRoot(HierarchyContext context) => _inner.MayBecomeRoot(context);

        /// <inheritdoc />
        public int ElectionScore(BeaconBody beacon) => _inner.ElectionScore(beacon);
    }
}
