using System;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Node
{
    /// <summary>Who a node is: its id (unique in the mesh, never 0 or 0xFFFFFFFF) and what it can do.</summary>
    public sealed class NodeIdentity
    {
        /// <summary>Highest root priority (it is the low 7 bits of a partition's weight).</summary>
        public const byte RootPriorityMax = 127;

        /// <summary>Creates an identity; an invalid id or priority is rejected.</summary>
        public NodeIdentity(uint nodeId, Capabilities capabilities, byte rootPriority = 64)
        {
            if (!FrameHeader.IsValidNodeId(nodeId))
            {
                throw new ArgumentException("node id must be 1..0xFFFFFFFE (0 means none, 0xFFFFFFFF is broadcast)", "nodeId");
            }

            if (rootPriority > RootPriorityMax)
            {
                throw new ArgumentException("root priority must be 0..127", "rootPriority");
            }

            NodeId = nodeId;
            Capabilities = capabilities;
            RootPriority = rootPriority;
        }

        /// <summary>
        /// Preference for this node's tree when it is a root (0..127, higher wins): a command post above
        /// its alternates. Trees of root-capable roots always beat fallback trees.
        /// </summary>
        public byte RootPriority { get; }

        /// <summary>The node's id.</summary>
        public uint NodeId { get; }

        /// <summary>What the node advertises it can do.</summary>
        public Capabilities Capabilities { get; }
    }
}
