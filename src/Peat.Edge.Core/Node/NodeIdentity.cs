using System;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Node
{
    /// <summary>Who a node is: its id (unique in the mesh, never 0 or 0xFFFFFFFF) and what it can do.</summary>
    public sealed class NodeIdentity
    {
        /// <summary>Creates an identity; an invalid id is rejected.</summary>
        public NodeIdentity(uint nodeId, Capabilities capabilities)
        {
            if (!FrameHeader.IsValidNodeId(nodeId))
            {
                throw new ArgumentException("node id must be 1..0xFFFFFFFE (0 means none, 0xFFFFFFFF is broadcast)", "nodeId");
            }

            NodeId = nodeId;
            Capabilities = capabilities;
        }

        /// <summary>The node's id.</summary>
        public uint NodeId { get; }

        /// <summary>What the node advertises it can do.</summary>
        public Capabilities Capabilities { get; }
    }
}
