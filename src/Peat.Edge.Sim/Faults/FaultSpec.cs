using System;

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

        /// <summary>Largest clock step, in milliseconds either way (about 31 years): more cannot be a real clock's jump, and the node's time in microseconds must not overflow.</summary>
        public const double ClockStepMsMax = 1e12;

        /// <summary>
        /// What makes this fault unusable in a world of <paramref name="nodeCount"/> nodes (an unknown kind or
        /// target, a node fault without a way to pick its node, an explicit node id outside 1..nodeCount, a heal
        /// aimed by a chooser, a loss outside 0..1 or lasting past the end of time, a clock step that is not a
        /// whole number of milliseconds within <see cref="ClockStepMsMax"/>), or null. Checked before a run, with
        /// "same as" references checked against the plan by its owner, so a bad plan fails at once rather than
        /// doing nothing, or something else, when it fires.
        /// </summary>
        public string? Problem(int nodeCount)
        {
            if (!Enum.IsDefined(Kind))
            {
                return "unknown fault kind " + ((int)Kind).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (Kind == FaultKind.LossEnd)
            {
                return "loss-end is recorded when a loss fault ends: plan a loss with a duration instead";
            }

            string name = FaultNames.Of(Kind);
            if (!Enum.IsDefined(Target))
            {
                return name + ": unknown target " + ((int)Target).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (AtUs < 0)
            {
                return name + ": time must be >= 0";
            }

            if (NeedsNode(Kind) && Target == FaultTarget.None)
            {
                return name + " needs a node target";
            }

            if ((Kind == FaultKind.Partition || Kind == FaultKind.Loss) && Target != FaultTarget.None)
            {
                return name + " applies to the whole graph and takes no node target";
            }

            if (Target == FaultTarget.Explicit && NodeId == 0)
            {
                return name + ": node id 0 is no node (ids start at 1)";
            }

            if (Target == FaultTarget.Explicit && NodeId > (uint)nodeCount)
            {
                return name + ": no node has id " + NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            // A heal lifts one node's isolation, or with no node every cut: a chooser would pick some node that
            // is probably not isolated, and a heal of nothing would pass for a heal of everything.
            if (Kind == FaultKind.Heal && Target != FaultTarget.None && Target != FaultTarget.Explicit && Target != FaultTarget.SameAsFault)
            {
                return "heal takes no target, an explicit node or the node of an earlier fault";
            }

            if (Kind == FaultKind.Loss && (!(Value >= 0 && Value <= 1) || DurationUs < 0 || DurationUs > long.MaxValue - AtUs))
            {
                return "loss: probability must be within 0..1 and the duration >= 0 and end before the end of time";
            }

            if (Kind == FaultKind.ClockStep && !(Math.Abs(Value) <= ClockStepMsMax && Math.Floor(Value) == Value))
            {
                return "clock-step: milliseconds must be a whole number within ±1e12";
            }

            return null;
        }

        /// <summary>True for the kinds that act on one node (kill, restart, isolate, clock-step).</summary>
        public static bool NeedsNode(FaultKind kind)
        {
            return kind == FaultKind.Kill || kind == FaultKind.Restart || kind == FaultKind.Isolate || kind == FaultKind.ClockStep;
        }

        /// <summary>Fault at <paramref name="atUs"/> without a node.</summary>
        public static FaultSpec Global(FaultKind kind, long atUs) => new FaultSpec { Kind = kind, AtUs = atUs, Target = FaultTarget.None };

        /// <summary>Fault at <paramref name="atUs"/> on node <paramref name="nodeId"/>.</summary>
        public static FaultSpec OnNode(FaultKind kind, long atUs, uint nodeId) => new FaultSpec { Kind = kind, AtUs = atUs, Target = FaultTarget.Explicit, NodeId = nodeId };

        /// <summary>Fault at <paramref name="atUs"/> on a node chosen by <paramref name="target"/>.</summary>
        public static FaultSpec Choosing(FaultKind kind, long atUs, FaultTarget target) => new FaultSpec { Kind = kind, AtUs = atUs, Target = target };
    }
}
