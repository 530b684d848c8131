using System;
using System.Collections.Generic;
using System.Globalization;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Sim.Faults;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// Fault injection. A fault picks its node when it fires (from the live parent graph), changes the
    /// world, is recorded, and is followed at once by a safety and liveness check so its recovery clock
    /// starts at the fault itself.
    /// </summary>
    public sealed partial class SimWorld
    {
        private readonly List<FaultSpec> _faultPlan = new List<FaultSpec>();
        private readonly List<int> _faultChosen = new List<int>();
        private readonly List<FaultRecord> _faults = new List<FaultRecord>();
        private readonly List<int> _activeLosses = new List<int>();
        private bool _partitioned;

        /// <summary>Faults applied so far, in order.</summary>
        public IReadOnlyList<FaultRecord> Faults => _faults;

        /// <summary>True while the partition cut is in place.</summary>
        public bool IsPartitioned => _partitioned;

        /// <summary>True while node <paramref name="index"/> is isolated.</summary>
        public bool IsIsolated(int index) => _nodes[index].Isolated;

        /// <summary>Plans a fault (at or after now). Faults of the config are planned by the constructor.</summary>
        public void ScheduleFault(FaultSpec fault)
        {
            ArgumentNullException.ThrowIfNull(fault);
            string? problem = fault.Problem(_nodes.Length);
            if (problem != null)
            {
                throw new ArgumentException(problem, nameof(fault));
            }

            if (fault.AtUs < NowUs)
            {
                throw new ArgumentOutOfRangeException(nameof(fault), "a fault cannot be planned in the past");
            }

            if (fault.Target == FaultTarget.SameAsFault
                && (fault.SameAsFault < 0 || fault.SameAsFault >= _faultPlan.Count || _faultPlan[fault.SameAsFault].Target == FaultTarget.None))
            {
                throw new ArgumentOutOfRangeException(nameof(fault), "SameAsFault must name an earlier planned fault with a node");
            }

            _faultPlan.Add(fault);
            _faultChosen.Add(-1);
            _queue.Schedule(fault.AtUs, new SimEvent(SimEventKind.Fault, -1, _faultPlan.Count - 1));
        }

        private void ApplyFault(int planIndex)
        {
            FaultSpec spec = _faultPlan[planIndex];
            int target = ChooseTarget(spec, out string? note);
            _faultChosen[planIndex] = target;
            SimNode? node = target >= 0 ? _nodes[target] : null;
            string detail = "";
            switch (spec.Kind)
            {
                case FaultKind.Kill:
                    if (node != null && node.Alive)
                    {
                        Kill(node);
                    }
                    else if (node != null)
                    {
                        note ??= "the node was already dead";
                    }

                    break;
                case FaultKind.Restart:
                    if (node != null)
                    {
                        Restart(node);
                    }

                    break;
                case FaultKind.Isolate:
                    if (node != null)
                    {
                        node.Isolated = true;
                        _graphDirty = true;
                    }

                    break;
                case FaultKind.Partition:
                    _partitioned = true;
                    _graphDirty = true;
                    break;
                case FaultKind.Heal:
                    if (node != null || spec.Target == FaultTarget.None)
                    {
                        Heal(node);
                    }
                    else
                    {
                        note ??= "no node to heal; the fault did nothing"; // never a heal of everything by accident
                    }

                    break;
                case FaultKind.Loss:
                    _activeLosses.Add(planIndex);
                    RecomputeFaultLoss();
                    _queue.Schedule(NowUs + Math.Max(0, spec.DurationUs), new SimEvent(SimEventKind.LossEnd, -1, planIndex));
                    detail = string.Create(CultureInfo.InvariantCulture, $" +{spec.Value:0.###} for {EventLog.FormatTime(spec.DurationUs)} s");
                    break;
                case FaultKind.ClockStep:
                    if (node != null)
                    {
                        node.ClockOffsetMs += (long)spec.Value;
                        detail = string.Create(CultureInfo.InvariantCulture, $" {(long)spec.Value:+0;-0} ms");
                        Reschedule(node);
                    }

                    break;
            }

            if (node == null && FaultSpec.NeedsNode(spec.Kind))
            {
                note ??= "no node qualified; the fault did nothing";
            }

            _faults.Add(new FaultRecord(spec.Kind, node?.NodeId, NowUs, note));
            _log.Line(NowUs, "fault " + FaultNames.Of(spec.Kind) + (node != null ? " node " + node.NodeId.ToString(CultureInfo.InvariantCulture) : "") + detail + (note != null ? " (" + note + ")" : ""));
            RunChecks();
        }

        private int ChooseTarget(FaultSpec spec, out string? note)
        {
            note = null;
            switch (spec.Target)
            {
                case FaultTarget.None:
                    return -1;
                case FaultTarget.Explicit:
                    return (int)spec.NodeId - 1; // in range: FaultSpec.Problem refused anything else
                case FaultTarget.SameAsFault:
                    int chosen = _faultChosen[spec.SameAsFault];
                    note = chosen < 0 ? "the earlier fault chose no node" : null;
                    return chosen;
                default:
                    FillSnapshot();
                    for (int i = 0; i < _nodes.Length; i++)
                    {
                        _neighbourCounts[i] = _nodes[i].Alive ? _nodes[i].Mesh.Neighbours.Count : 0;
                    }

                    return TargetSelector.Choose(spec.Target, _snapshot, _neighbourCounts, _faultRandom, out note);
            }
        }

        private void Kill(SimNode node)
        {
            _telemetry?.OnNodeStopping(node.Index, NowUs);
            node.Alive = false;
            node.Incarnation++; // voids its pending radio events and receptions
            node.WakeGeneration++;
            node.WakeAtUs = long.MaxValue;
            node.RadioFreePending = false;
            node.ActiveReceptions?.Clear();
            node.LastParentId = 0;
            node.LastAttachedParentId = 0;
            _graphDirty = true;
        }

        private void Restart(SimNode node)
        {
            if (node.Alive)
            {
                Kill(node);
            }

            node.Restarts++;
            CounterMetrics metrics = new CounterMetrics();
            MeshNode mesh = new MeshNode(node.Plan.Identity, node.Limits, metrics, NodeSeed(node.NodeId, node.Restarts));
            mesh.UpdateSelf(node.Plan.Reading);
            node.Mesh = mesh;
            node.Metrics = metrics;
            node.Alive = true;
            node.RadioFreeAtUs = NowUs;
            node.TransmittingUntilUs = NowUs;
            _graphDirty = true;
            Reschedule(node);
        }

        private void Heal(SimNode? node)
        {
            if (node != null)
            {
                node.Isolated = false;
            }
            else
            {
                _partitioned = false;
                foreach (SimNode each in _nodes)
                {
                    each.Isolated = false;
                }
            }

            _graphDirty = true;
        }

        private void EndLoss(int planIndex)
        {
            _activeLosses.Remove(planIndex);
            RecomputeFaultLoss();
            _log.Line(NowUs, "loss-end " + _faultPlan[planIndex].Value.ToString("0.###", CultureInfo.InvariantCulture));
            _faults.Add(new FaultRecord(FaultKind.LossEnd, null, NowUs, null));
            RunChecks(); // its recovery clock starts here, as every fault's does
        }

        // Summed afresh from the active faults, so adding and removing never accumulates rounding.
        private void RecomputeFaultLoss()
        {
            double sum = 0;
            foreach (int index in _activeLosses)
            {
                sum += _faultPlan[index].Value;
            }

            _faultLoss = Math.Min(1.0, sum);
            _graphDirty = true; // which links can carry a new parent moves with the loss
        }
    }
}
