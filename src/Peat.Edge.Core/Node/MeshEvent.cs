namespace Peat.Edge.Core.Node
{
    /// <summary>One entry of the event ring: a small value, copied out, never allocated.</summary>
    public struct MeshEvent
    {
        /// <summary>What happened.</summary>
        public MeshEventKind Kind;

        /// <summary>The node it happened to (a neighbour id, or this node's own id).</summary>
        public uint NodeId;

        /// <summary>When, in the host's monotonic milliseconds.</summary>
        public long AtMs;

        /// <summary>Kind-specific detail (documented on each <see cref="MeshEventKind"/>).</summary>
        public int Value;

        /// <summary>Creates an event.</summary>
        public MeshEvent(MeshEventKind kind, uint nodeId, long atMs, int value)
        {
            Kind = kind;
            NodeId = nodeId;
            AtMs = atMs;
            Value = value;
        }
    }
}
