using System;
using System.Collections.Generic;
using System.Globalization;
using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// Safety and liveness, checked every <c>CheckPeriodUs</c> of virtual time and right after every fault:
    /// loops in the parent graph and the telemetry ledger (safety: a violation is counted, logged, handed
    /// to <see cref="ViolationFound"/> with the seed and replay command, and fails the run), then
    /// attachment (liveness: formation time, recovery after each fault, the timeline).
    /// </summary>
    public sealed partial class SimWorld
    {
        private const int StoredViolationsMax = 1000;

        private readonly ParentSnapshot _snapshot;
        private readonly int[] _neighbourCounts;
        private readonly InvariantChecker _invariants = new InvariantChecker();
        private readonly AttachmentCheck _attachment = new AttachmentCheck();
        private readonly RadioComponents _components = new RadioComponents();
        private readonly RootReachability _reachability = new RootReachability();
        private readonly List<InvariantViolation> _violations = new List<InvariantViolation>();
        private readonly List<TimelineSample> _timeline = new List<TimelineSample>();
        private ITelemetryAccounting? _telemetry;
        private TelemetryLedger? _lastLedger;
        private AttachmentResult _lastAttachment;
        private bool _graphDirty = true;
        private long _lastCheckUs = -1;
        private long? _formationUs;
        private long _parentSwitches;
        private long _violationCount;

        /// <summary>First check at which every alive node was attached; null until then.</summary>
        public long? FormationUs => _formationUs;

        /// <summary>Parent changes to a new non-zero parent after formation.</summary>
        public long ParentSwitches => _parentSwitches;

        /// <summary>Safety violations found (each distinct loop once per check).</summary>
        public long InvariantViolationCount => _violationCount;

        /// <summary>The first violations found (up to 1000), with seed and replay command.</summary>
        public IReadOnlyList<InvariantViolation> Violations => _violations;

        /// <summary>Attachment at every check.</summary>
        public IReadOnlyList<TimelineSample> Timeline => _timeline;

        /// <summary>The latest liveness evaluation.</summary>
        public AttachmentResult LastAttachment => _lastAttachment;

        /// <summary>Depth per node at the latest check: 0 for a root, -1 when not attached or dead.</summary>
        public int DepthOf(int index) => _attachment.Depths.Length > index ? _attachment.Depths[index] : -1;

        /// <summary>Connected parts of the radio graph among alive nodes at the latest check.</summary>
        public int RadioComponentCount => _components.Count;

        /// <summary>False when node <paramref name="index"/> could attach to nothing at the latest check (no parent-capable node in range and may not parent).</summary>
        public bool CanAttach(int index) => _reachability.CanAttach(index);

        /// <summary>Alive nodes that could not reach a root-capable node through parent-capable hops at the latest check.</summary>
        public int UnreachableNodeCount => _reachability.UnreachableCount;

        /// <summary>The telemetry ledger at the latest check, when accounting is attached.</summary>
        public TelemetryLedger? LastTelemetryLedger => _lastLedger;

        /// <summary>Runs the checks now (the world also runs them on its own schedule).</summary>
        public void RunChecks()
        {
            _lastCheckUs = NowUs;
            FillSnapshot();
            List<RoutingLoop> loops = _invariants.FindLoops(_snapshot);
            foreach (RoutingLoop loop in loops)
            {
                ReportViolation(loop.IsSelfParent ? "self-parent" : "routing-loop", loop.Describe());
            }

            if (_telemetry != null)
            {
                TelemetryLedger ledger = _telemetry.Snapshot();
                _lastLedger = ledger;
                string? problem = TelemetryInvariant.Check(ledger);
                if (problem != null)
                {
                    ReportViolation("telemetry-accounting", problem);
                }
            }

            if (_graphDirty)
            {
                _components.Compute(_snapshot, this);
                _reachability.Compute(_snapshot, this);
                _graphDirty = false;
            }

            _lastAttachment = _attachment.Evaluate(_snapshot, this, _reachability);
            _timeline.Add(new TimelineSample(NowUs, _lastAttachment.Alive, _lastAttachment.Attached));
            if (!_lastAttachment.AllAttached)
            {
                return;
            }

            if (!_formationUs.HasValue)
            {
                _formationUs = NowUs;
                _log.Line(NowUs, "formation complete");
            }

            for (int k = 0; k < _faults.Count; k++)
            {
                FaultRecord fault = _faults[k];
                if (!fault.RecoveredAfterUs.HasValue)
                {
                    fault.RecoveredAfterUs = NowUs - fault.AtUs;
                    _log.Line(NowUs, "recovered from fault " + k.ToString(CultureInfo.InvariantCulture) + " (" + FaultNames.Of(fault.Kind) + ")");
                }
            }
        }

        private void FillSnapshot()
        {
            for (int i = 0; i < _nodes.Length; i++)
            {
                SimNode node = _nodes[i];
                _snapshot.Alive[i] = node.Alive;
                _snapshot.ParentId[i] = node.Alive ? node.EffectiveParentId : 0;
                _snapshot.IsRoot[i] = node.Alive && node.EffectiveIsRoot;
                _snapshot.Capabilities[i] = node.Plan.Capabilities;
            }
        }

        private void ReportViolation(string kind, string what)
        {
            _violationCount++;
            string message = string.Create(CultureInfo.InvariantCulture,
                $"INVARIANT VIOLATION at t={EventLog.FormatTime(NowUs)} s: {what}; seed {_config.Seed}; replay: {_config.ReplayCommand}");
            InvariantViolation violation = new InvariantViolation { AtUs = NowUs, Kind = kind, What = what, Message = message };
            if (_violations.Count < StoredViolationsMax)
            {
                _violations.Add(violation);
            }

            _log.Line(NowUs, "violation " + kind + ": " + what);
            ViolationFound?.Invoke(violation);
        }

        int IRadioTopology.NodeCount => _nodes.Length;

        bool IRadioTopology.IsLinkUp(int a, int b)
        {
            return !IsCut(_air[a], _air[b]) && _graph.InRange(a, b);
        }

        bool IRadioTopology.CanParentOver(int parent, int child)
        {
            if (IsCut(_air[parent], _air[child]) || !_graph.TryGetLink(parent, child, out RadioLink link))
            {
                return false;
            }

            // The configured loss only: LoRa collisions come on top, and depend on the traffic, not on the link.
            double loss = Math.Min(1.0, link.BaseLossProbability + ExtraLossNow);
            return (1.0 - loss) * 1000 >= _nodes[child].Limits.ParentLinkQualityMinPermille;
        }

        void IRadioTopology.GetNeighbours(int node, List<int> into)
        {
            into.Clear();
            foreach (RadioLink link in _graph.LinksOf(node))
            {
                if (!IsCut(_air[node], _air[link.To]))
                {
                    into.Add(link.To);
                }
            }
        }
    }
}
