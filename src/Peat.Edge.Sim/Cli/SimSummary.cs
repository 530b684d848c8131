using System.Globalization;
using System.IO;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Reports;

namespace Peat.Edge.Sim.Cli
{
    /// <summary>The readable text the runner prints: a header before the run, progress lines, and the summary after it.</summary>
    public static class SimSummary
    {
        /// <summary>What is about to run, and whether the radio graph is connected.</summary>
        public static void WriteHeader(TextWriter output, SimWorld world, string description)
        {
            SimConfig config = world.Config;
            int components = world.Graph.CountComponents();
            output.WriteLine(F($"peat-edge sim: scenario {config.Scenario} ({description}), {world.NodeCount} nodes, {Links.LinkParameters.NameOf(config.Link.Kind)}, seed {config.Seed}, {config.DurationUs / 1e6:0.###} s virtual"));
            output.WriteLine(F($"  area {config.AreaM:0} m square, range {config.Link.RangeM:0} m, mean {world.Graph.MeanDegree:0.0} nodes in range, radio graph {(components == 1 ? "connected" : "in " + components.ToString(CultureInfo.InvariantCulture) + " separate parts")}"));
        }

        /// <summary>One progress line.</summary>
        public static void WriteProgress(TextWriter output, SimWorld world, double wallS)
        {
            double virtualS = world.NowUs / 1e6;
            double share = 100.0 * world.NowUs / world.DurationUs;
            var attachment = world.LastAttachment;
            string speed = wallS > 0 ? F($"{virtualS / wallS:0}x") : "-";
            output.WriteLine(F($"  [{share,3:0}%] t={virtualS:0.0} s  alive {attachment.Alive}/{world.NodeCount}  attached {attachment.Attached}  trees {attachment.ValidRoots}  faults {world.Faults.Count}  violations {world.InvariantViolationCount}  events {world.EventsProcessed / 1e6:0.00}M  {speed}"));
        }

        /// <summary>The end-of-run summary.</summary>
        public static void WriteSummary(TextWriter output, SimWorld world, SimReport report)
        {
            output.WriteLine(F($"result: {report.DurationS:0.###} s simulated in {report.WallTimeS:0.000} s wall ({(report.Speedup.HasValue ? F($"{report.Speedup.Value:0}x real time") : "-")})"));
            output.WriteLine(report.FormationTimeS.HasValue
                ? F($"  formation: every alive node that can attach was attached at {report.FormationTimeS.Value:0.###} s")
                : "  formation: never complete (no check saw every alive node that can attach attached)");
            if (world.Faults.Count == 0)
            {
                output.WriteLine("  faults: none");
            }

            foreach (FaultRecord fault in world.Faults)
            {
                string node = fault.NodeId.HasValue ? " node " + fault.NodeId.Value.ToString(CultureInfo.InvariantCulture) : "";
                string recovered = fault.RecoveredAfterUs.HasValue ? F($"recovered after {fault.RecoveredAfterUs.Value / 1e6:0.###} s") : "not recovered";
                output.WriteLine(F($"  fault at {fault.AtUs / 1e6:0.###} s: {FaultNames.Of(fault.Kind)}{node}, {recovered}{(fault.Note != null ? " (" + fault.Note + ")" : "")}"));
            }

            if (report.RecoveryMaxS.HasValue)
            {
                output.WriteLine(F($"  recovery p50 {report.RecoveryP50S:0.###} s, p95 {report.RecoveryP95S:0.###} s, max {report.RecoveryMaxS:0.###} s"));
            }

            output.WriteLine(F($"  end: orphans {report.OrphansAtEnd}, cannot attach {world.LastAttachment.Unattachable}, trees {report.PartitionsAtEnd}, max depth {(report.MaxDepth.HasValue ? report.MaxDepth.Value.ToString(CultureInfo.InvariantCulture) : "-")}, parent switches {(report.ParentSwitches.HasValue ? report.ParentSwitches.Value.ToString(CultureInfo.InvariantCulture) : "-")}, radio parts {world.RadioComponentCount}"));
            RadioCounters radio = world.Radio;
            output.WriteLine(F($"  air: {radio.Transmissions} frames, beacon {report.BeaconBytes} B, data {report.DataBytes} B, control airtime share {(report.ControlAirtimeShare.HasValue ? F($"{report.ControlAirtimeShare.Value * 100:0.###} %") : "-")}"));
            output.WriteLine(F($"  receptions: delivered {radio.Delivered}, lost to link {radio.LostChannel}, collisions {radio.LostCollision}, half-duplex {radio.LostHalfDuplex}, receiver down {radio.LostReceiverDown}"));
            if (report.Telemetry != null)
            {
                SimReportTelemetry t = report.Telemetry;
                string aggregation = report.Aggregation?.Reduction != null ? F($", aggregation saved {report.Aggregation.Reduction.Value * 100:0.#} % of telemetry bytes") : "";
                output.WriteLine(F($"  telemetry: generated {t.Generated}, delivered {t.Delivered} (+{t.Duplicates} duplicates), buffered {t.BufferedAtEnd}, dropped by full buffers {t.DroppedOverflow}, lost {t.Lost}{aggregation}"));
            }

            output.WriteLine(report.InvariantViolations == 0
                ? "  invariants: no violation"
                : F($"  invariants: {report.InvariantViolations} VIOLATIONS (seed {world.Config.Seed}); replay: {world.ReplayCommand}"));
        }

        private static string F(System.FormattableString text)
        {
            return text.ToString(CultureInfo.InvariantCulture);
        }
    }
}
