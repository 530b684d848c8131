using System.Collections.Generic;
using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Reports;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>Turns the world's state into the report (docs/simulator.md defines every key).</summary>
    public sealed partial class SimWorld
    {
        /// <summary>
        /// Control airtime share: the largest, over nodes, of beacon airtime sent or heard at that node during
        /// the steady-state window (the second half of the run) divided by the window's length. Null when the
        /// window is empty.
        /// </summary>
        public double? ControlAirtimeShare
        {
            get
            {
                long windowUs = NowUs - _steadyStartUs;
                if (windowUs <= 0)
                {
                    return null;
                }

                long busiestUs = 0;
                foreach (SimNode node in _nodes)
                {
                    busiestUs = node.SteadyBeaconAirUs > busiestUs ? node.SteadyBeaconAirUs : busiestUs;
                }

                return (double)busiestUs / windowUs;
            }
        }

        /// <summary>Builds the report for the run so far; <paramref name="wallTimeS"/> is measured by the caller (the engine reads no clock).</summary>
        public SimReport BuildReport(double wallTimeS)
        {
            List<SimReportFault> faults = new List<SimReportFault>(_faults.Count);
            List<double> recoveries = new List<double>();
            foreach (FaultRecord fault in _faults)
            {
                double? recoveredS = fault.RecoveredAfterUs.HasValue ? fault.RecoveredAfterUs.Value / 1e6 : null;
                if (recoveredS.HasValue)
                {
                    recoveries.Add(recoveredS.Value);
                }

                faults.Add(new SimReportFault { Kind = FaultNames.Of(fault.Kind), Node = fault.NodeId, AtS = fault.AtUs / 1e6, RecoveredAfterS = recoveredS });
            }

            double durationS = NowUs / 1e6;
            AttachmentResult end = _lastAttachment;
            return new SimReport
            {
                Scenario = _config.Scenario,
                Seed = _config.Seed,
                Nodes = _nodes.Length,
                Link = LinkParameters.NameOf(_config.Link.Kind),
                DurationS = durationS,
                FormationTimeS = _formationUs.HasValue ? _formationUs.Value / 1e6 : null,
                Faults = faults,
                RecoveryP50S = Percentiles.NearestRank(recoveries, 50),
                RecoveryP95S = Percentiles.NearestRank(recoveries, 95),
                RecoveryMaxS = Percentiles.NearestRank(recoveries, 100),
                Telemetry = _lastLedger.HasValue ? ToTelemetry(_lastLedger.Value) : null,
                BeaconBytes = _radio.BeaconBytes,
                DataBytes = _radio.DataBytes,
                ControlAirtimeShare = ControlAirtimeShare,
                Aggregation = _lastLedger.HasValue && _lastLedger.Value.AggregationRawBytes > 0
                    ? new SimReportAggregation { RawBytes = _lastLedger.Value.AggregationRawBytes, AggregatedBytes = _lastLedger.Value.AggregationBytes }
                    : null,
                ParentSwitches = _formationUs.HasValue ? _parentSwitches : null,
                MaxDepth = end.MaxDepth >= 0 ? end.MaxDepth : null,
                OrphansAtEnd = end.Orphans,
                PartitionsAtEnd = end.ValidRoots,
                InvariantViolations = _violationCount,
                WallTimeS = wallTimeS,
                Speedup = wallTimeS > 0 ? durationS / wallTimeS : null,
            };
        }

        private static SimReportTelemetry ToTelemetry(in TelemetryLedger ledger)
        {
            return new SimReportTelemetry
            {
                Generated = ledger.Generated,
                Delivered = ledger.Delivered,
                Duplicates = ledger.Duplicates,
                BufferedAtEnd = ledger.BufferedNow,
                DroppedOverflow = ledger.DroppedOverflow,
            };
        }
    }
}
