using System;
using System.Collections.Generic;
using Peat.Edge.Core.Limits;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// A fully resolved run: nodes placed, link profile chosen, faults planned. Scenarios build one from
    /// <c>SimOptions</c>; tests build one by hand (nodes at chosen positions, no faults).
    /// </summary>
    public sealed record SimConfig
    {
        /// <summary>Scenario name (for the report).</summary>
        public string Scenario { get; init; } = "custom";

        /// <summary>The seed everything random derives from.</summary>
        public ulong Seed { get; init; } = 1;

        /// <summary>Virtual run length.</summary>
        public long DurationUs { get; init; } = 60_000_000;

        /// <summary>Link profile and parameters.</summary>
        public LinkParameters Link { get; init; } = LinkParameters.Wifi();

        /// <summary>Side of the square area in metres (drawing, partition line).</summary>
        public double AreaM { get; init; } = 1000;

        /// <summary>The nodes; node i has id i + 1.</summary>
        public NodePlan[] Nodes { get; init; } = Array.Empty<NodePlan>();

        /// <summary>Planned faults (any order; a SameAsFault reference must point to an earlier entry that fires no later).</summary>
        public IReadOnlyList<FaultSpec> Faults { get; init; } = Array.Empty<FaultSpec>();

        /// <summary>Period of the safety and liveness checks.</summary>
        public long CheckPeriodUs { get; init; } = 250_000;

        /// <summary>The command that replays this run, printed with every failure.</summary>
        public string ReplayCommand { get; init; } = "";

        /// <summary>Every alive node submits one telemetry record this often (0 = no telemetry, and the report's telemetry is null).</summary>
        public long TelemetryIntervalUs { get; init; }

        /// <summary>Payload bytes of each telemetry record (at most every node's <c>TelemetryPayloadBytesCap</c>).</summary>
        public int TelemetryPayloadBytes { get; init; } = SimProfile.TelemetryPayloadBytes;

        /// <summary>Limits per node; null = <see cref="SimProfile.LimitsFor"/>.</summary>
        public Func<NodePlan, NodeLimits>? LimitsFor { get; init; }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent field.</summary>
        public void Validate()
        {
            string? linkError = Link.Validate();
            if (linkError != null)
            {
                throw new ArgumentException(linkError, nameof(Link));
            }

            if (Nodes.Length < 1)
            {
                throw new ArgumentException("SimConfig.Nodes needs at least one node", nameof(Nodes));
            }

            for (int i = 0; i < Nodes.Length; i++)
            {
                if (Nodes[i].NodeId != (uint)(i + 1))
                {
                    throw new ArgumentException("SimConfig.Nodes[i] must have id i + 1", nameof(Nodes));
                }
            }

            if (DurationUs <= 0 || CheckPeriodUs <= 0)
            {
                throw new ArgumentException("SimConfig.DurationUs and CheckPeriodUs must be positive", nameof(DurationUs));
            }

            if (TelemetryIntervalUs < 0 || (TelemetryIntervalUs > 0 && TelemetryIntervalUs < 1000))
            {
                throw new ArgumentException("SimConfig.TelemetryIntervalUs must be 0 (none) or at least 1 ms", nameof(TelemetryIntervalUs));
            }

            if (TelemetryPayloadBytes < 1)
            {
                throw new ArgumentException("SimConfig.TelemetryPayloadBytes must be at least 1", nameof(TelemetryPayloadBytes));
            }

            for (int k = 0; k < Faults.Count; k++)
            {
                FaultSpec fault = Faults[k];
                string? problem = fault.Problem(Nodes.Length);
                if (problem != null)
                {
                    throw new ArgumentException(FaultEntry(k) + problem, nameof(Faults));
                }

                if (fault.Target == FaultTarget.SameAsFault
                    && (fault.SameAsFault < 0 || fault.SameAsFault >= k || Faults[fault.SameAsFault].AtUs > fault.AtUs))
                {
                    throw new ArgumentException(FaultEntry(k) + "SameAsFault must name an earlier entry that fires no later", nameof(Faults));
                }

                if (fault.Target == FaultTarget.SameAsFault && Faults[fault.SameAsFault].Target == FaultTarget.None)
                {
                    throw new ArgumentException(FaultEntry(k) + "SameAsFault must name an earlier fault with a node", nameof(Faults));
                }
            }
        }

        private static string FaultEntry(int index)
        {
            return "SimConfig.Faults[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]: ";
        }
    }
}
