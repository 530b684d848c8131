namespace Peat.Edge.Sim.Faults
{
    /// <summary>
    /// How a fault picks its node, at the moment it fires, from the live state. When no node qualifies the
    /// selector falls back deterministically and the fault record says so.
    /// </summary>
    public enum FaultTarget : byte
    {
        /// <summary>No node (partition, heal of everything, loss).</summary>
        None = 0,

        /// <summary>The node with id <c>FaultSpec.NodeId</c>.</summary>
        Explicit = 1,

        /// <summary>A non-root node with children, most children first; fallback: the CanParent node hearing most neighbours.</summary>
        SquadLeader = 2,

        /// <summary>A non-root parent whose children are all leaves; fallback as <see cref="SquadLeader"/>.</summary>
        LeafParent = 3,

        /// <summary>The root with most descendants; fallback: the lowest-id alive root-capable node.</summary>
        TopRoot = 4,

        /// <summary>A seeded pick among alive nodes, never the last alive root-capable one.</summary>
        RandomAlive = 5,

        /// <summary>The node an earlier fault of the plan chose (<c>FaultSpec.SameAsFault</c>): restart what was killed, heal what was isolated.</summary>
        SameAsFault = 6,
    }
}
