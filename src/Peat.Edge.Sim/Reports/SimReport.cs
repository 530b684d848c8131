using System.Collections.Generic;

namespace Peat.Edge.Sim.Reports
{
    /// <summary>
    /// The outcome of a run, one property per JSON key of the report (docs/simulator.md defines each).
    /// Null means "not applicable" (or not measurable yet) and is written as JSON null.
    /// </summary>
    public sealed class SimReport
    {
        /// <summary>scenario</summary>
        public string Scenario { get; init; } = "";

        /// <summary>seed</summary>
        public ulong Seed { get; init; }

        /// <summary>nodes</summary>
        public int Nodes { get; init; }

        /// <summary>link ("wifi" or "lora")</summary>
        public string Link { get; init; } = "";

        /// <summary>duration_s: virtual seconds simulated.</summary>
        public double DurationS { get; init; }

        /// <summary>formation_time_s: first check with every alive node attached.</summary>
        public double? FormationTimeS { get; init; }

        /// <summary>faults</summary>
        public IReadOnlyList<SimReportFault> Faults { get; init; } = new List<SimReportFault>();

        /// <summary>recovery_time_s.p50 (nearest rank over faults that recovered).</summary>
        public double? RecoveryP50S { get; init; }

        /// <summary>recovery_time_s.p95</summary>
        public double? RecoveryP95S { get; init; }

        /// <summary>recovery_time_s.max</summary>
        public double? RecoveryMaxS { get; init; }

        /// <summary>telemetry (null until routing provides accounting).</summary>
        public SimReportTelemetry? Telemetry { get; init; }

        /// <summary>bytes_on_air.beacon</summary>
        public long BeaconBytes { get; init; }

        /// <summary>bytes_on_air.data</summary>
        public long DataBytes { get; init; }

        /// <summary>bytes_on_air.total</summary>
        public long TotalBytes => BeaconBytes + DataBytes;

        /// <summary>control_airtime_share</summary>
        public double? ControlAirtimeShare { get; init; }

        /// <summary>aggregation (null until aggregation exists).</summary>
        public SimReportAggregation? Aggregation { get; init; }

        /// <summary>parent_switches (null when the mesh never formed).</summary>
        public long? ParentSwitches { get; init; }

        /// <summary>max_depth (null when nothing is attached at the end).</summary>
        public int? MaxDepth { get; init; }

        /// <summary>orphans_at_end</summary>
        public int OrphansAtEnd { get; init; }

        /// <summary>partitions_at_end</summary>
        public int PartitionsAtEnd { get; init; }

        /// <summary>invariant_violations</summary>
        public long InvariantViolations { get; init; }

        /// <summary>wall_time_s (not deterministic).</summary>
        public double WallTimeS { get; init; }

        /// <summary>speedup: virtual seconds per wall second (not deterministic); null when wall time is 0.</summary>
        public double? Speedup { get; init; }
    }

    /// <summary>One entry of the report's faults.</summary>
    public sealed class SimReportFault
    {
        /// <summary>kind</summary>
        public string Kind { get; init; } = "";

        /// <summary>node (null for mesh-wide faults).</summary>
        public uint? Node { get; init; }

        /// <summary>at_s</summary>
        public double AtS { get; init; }

        /// <summary>recovered_after_s (null if never).</summary>
        public double? RecoveredAfterS { get; init; }
    }

    /// <summary>The report's telemetry object.</summary>
    public sealed class SimReportTelemetry
    {
        /// <summary>generated</summary>
        public long Generated { get; init; }

        /// <summary>delivered</summary>
        public long Delivered { get; init; }

        /// <summary>duplicates</summary>
        public long Duplicates { get; init; }

        /// <summary>buffered_at_end</summary>
        public long BufferedAtEnd { get; init; }

        /// <summary>dropped_overflow</summary>
        public long DroppedOverflow { get; init; }

        /// <summary>lost = generated − delivered − buffered_at_end − dropped_overflow</summary>
        public long Lost => Generated - Delivered - BufferedAtEnd - DroppedOverflow;
    }

    /// <summary>The report's aggregation object.</summary>
    public sealed class SimReportAggregation
    {
        /// <summary>raw_bytes</summary>
        public long RawBytes { get; init; }

        /// <summary>aggregated_bytes</summary>
        public long AggregatedBytes { get; init; }

        /// <summary>reduction = 1 − aggregated/raw (null when raw is 0).</summary>
        public double? Reduction => RawBytes > 0 ? 1.0 - ((double)AggregatedBytes / RawBytes) : null;
    }
}
