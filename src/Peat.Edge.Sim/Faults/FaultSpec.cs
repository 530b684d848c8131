namespace Peat.Edge.Sim.Faults
{
    /// <summary>One planned fault: what, when, and how it picks its node.</summary>
    public sealed record FaultSpec
    {
        /// <summary>What happens.</summary>
        public FaultKind Kind { get; init; }

        /// <summary>When, in virtual microseconds.</summary>
        public long AtUs { get; init; }

        /// <summary>How the node is chosen.</summary>
        public FaultTarget Target { get; init; }

        /// <summary>Node id for <see cref="FaultTarget.Explicit"/>.</summary>
        public uint NodeId { get; init; }

        /// <summary>Index (in the world's fault list) of the fault whose node to reuse, for <see cref="FaultTarget.SameAsFault"/>.</summary>
        public int SameAsFault { get; init; } = -1;

        /// <summary>Loss probability (Loss) or milliseconds (ClockStep).</summary>
        public double Value { get; init; }

        /// <summary>How long a Loss fault lasts.</summary>
        public long DurationUs { get; init; }

        /// <summary>Fault at <paramref name="atUs"/> without a node.</summary>
        public static FaultSpec Global(FaultKind kind, long atUs) => new FaultSpec { Kind = kind, AtUs = atUs, Target = FaultTarget.None };

        /// <summary>Fault at <paramref name="atUs"/> on node <paramref name="nodeId"/>.</summary>
        public static FaultSpec OnNode(FaultKind kind, long atUs, uint nodeId) => new FaultSpec { Kind = kind, AtUs = atUs, Target = FaultTarget.Explicit, NodeId = nodeId };

        /// <summary>Fault at <paramref name="atUs"/> on a node chosen by <paramref name="target"/>.</summary>
        public static FaultSpec Choosing(FaultKind kind, long atUs, FaultTarget target) => new FaultSpec { Kind = kind, AtUs = atUs, Target = target };
    }
}
