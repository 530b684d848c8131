using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Hierarchy
{
    /// <summary>What a hierarchy strategy sees when it decides this node's level and role.</summary>
    public struct HierarchyContext
    {
        /// <summary>Host monotonic time.</summary>
        public long NowMs;

        /// <summary>This node is the root of its tree.</summary>
        public bool IsRoot;

        /// <summary>This node has a parent.</summary>
        public bool HasParent;

        /// <summary>The parent's level (when <see cref="HasParent"/>).</summary>
        public byte ParentLevel;

        /// <summary>This node's level now.</summary>
        public byte CurrentLevel;

        /// <summary>This node's role now.</summary>
        public NodeRole CurrentRole;

        /// <summary>Same-level peers share this node's cell.</summary>
        public bool HasCellPeers;

        /// <summary>This node wins its cell's leader election.</summary>
        public bool WinsCellElection;

        /// <summary>A neighbour one level up that could be a parent exists.</summary>
        public bool LevelAboveReachable;

        /// <summary>Battery, 0..100 or <see cref="BeaconBody.BatteryUnknown"/> (mains power).</summary>
        public byte BatteryPercent;

        /// <summary>This node may lead the top level.</summary>
        public bool RootCapable;
    }
}
