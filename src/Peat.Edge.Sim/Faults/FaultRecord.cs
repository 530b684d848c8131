namespace Peat.Edge.Sim.Faults
{
    /// <summary>A fault as it happened: the node it hit, and when the mesh was whole again.</summary>
    public sealed class FaultRecord
    {
        /// <summary>Creates a record.</summary>
        public FaultRecord(FaultKind kind, uint? nodeId, long atUs, string? note)
        {
            Kind = kind;
            NodeId = nodeId;
            AtUs = atUs;
            Note = note;
        }

        /// <summary>What happened.</summary>
        public FaultKind Kind { get; }

        /// <summary>The node hit, or null for mesh-wide faults (and when no node could be chosen).</summary>
        public uint? NodeId { get; }

        /// <summary>When.</summary>
        public long AtUs { get; }

        /// <summary>How the node was chosen when the selector fell back, or why the fault did nothing; null otherwise.</summary>
        public string? Note { get; }

        /// <summary>First check at or after the fault with every alive node attached, minus <see cref="AtUs"/>; null until then.</summary>
        public long? RecoveredAfterUs { get; set; }
    }
}
