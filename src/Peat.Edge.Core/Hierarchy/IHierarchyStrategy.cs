using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Hierarchy
{
    /// <summary>
    /// Decides a node's level and role (a port: static, dynamic and hybrid adapters). Called on every
    /// topology evaluation; implementations keep their state in fields and allocate nothing.
    /// </summary>
    public interface IHierarchyStrategy
    {
        /// <summary>True when the level is the parent's level + 1 (any neighbour may be a parent); false when levels are assigned and a parent must sit above. Fixed for the strategy's lifetime: the topology engine reads it once.</summary>
        bool LevelFollowsParent { get; }

        /// <summary>Hysteresis for leader elections, in percent of score.</summary>
        int ElectionHysteresisPercent { get; }

        /// <summary>This node's level.</summary>
        byte DecideLevel(HierarchyContext context);

        /// <summary>This node's role.</summary>
        NodeRole DecideRole(HierarchyContext context);

        /// <summary>True when this node may become the root of a tree now.</summary>
        bool MayBecomeRoot(HierarchyContext context);

        /// <summary>A node's leader-election score (0..1000) from its beacon, so every node computes the same score for every other.</summary>
        int ElectionScore(BeaconBody beacon);
    }
}
