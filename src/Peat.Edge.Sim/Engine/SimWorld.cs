using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// N unmodified <see cref="MeshNode"/> instances on one virtual clock. A discrete-event loop: each
    /// node has at most one live wake event at its own <see cref="MeshNode.NextDeadlineMs"/>; frames are
    /// events that arrive after their airtime and link delay; faults and checks are events too. The order
    /// is total (time, then insertion), nothing reads a wall clock and nothing runs on another thread, so
    /// the same config gives the same run, byte for byte.
    /// <para>Virtual time is kept in microseconds (LoRa airtimes are fractional milliseconds); a node sees
    /// <c>nowMs = timeUs / 1000</c> plus its clock offset.</para>
    /// </summary>
    public sealed partial class SimWorld : IRadioTopology
    {
        private readonly SimConfig _config;
        private readonly SimNode[] _nodes;
        private readonly AirState[] _air;
        private readonly ILinkModel _link;
        private readonly RadioGraph _graph;
        private readonly EventQueue _queue = new EventQueue();
        private readonly SimRandom _channel;
        private readonly SimRandom _faultRandom;
        private readonly EventLog _log;
        private readonly long _steadyStartUs;
        private bool _finished;
        private long _eventsProcessed;

        /// <summary>Builds the nodes, the radio graph and the event plan; nothing runs until <see cref="RunUntil"/>.</summary>
        public SimWorld(SimConfig config, TextWriter? eventLog = null)
        {
            ArgumentNullException.ThrowIfNull(config);
            config.Validate();
            _config = config;
            _link = LinkModels.Create(config.Link);
            _graph = RadioGraph.Build(config.Nodes, _link, config.Seed);
            _channel = new SimRandom(config.Seed, RandomStream.Channel);
            _faultRandom = new SimRandom(config.Seed, RandomStream.Faults);
            _log = new EventLog(eventLog);
            _steadyStartUs = config.DurationUs / 2;
            _nodes = new SimNode[config.Nodes.Length];
            _air = new AirState[config.Nodes.Length];
            for (int i = 0; i < _nodes.Length; i++)
            {
                NodePlan plan = config.Nodes[i];
                var limits = config.LimitsFor != null ? config.LimitsFor(plan) : SimProfile.LimitsFor(config.Link, plan);
                limits.Validate();
                CounterMetrics metrics = new CounterMetrics();
                MeshNode mesh = new MeshNode(plan.Identity, limits, metrics, NodeSeed(plan.NodeId, 0));
                mesh.UpdateSelf(plan.Reading);
                _nodes[i] = new SimNode(i, plan, limits, mesh, metrics, _air) { WestSide = plan.XM < config.AreaM / 2.0 };
                _queue.Schedule(plan.BootAtUs, new SimEvent(SimEventKind.Boot, i, 0));
            }

            _snapshot = new ParentSnapshot(_nodes.Length);
            _neighbourCounts = new int[_nodes.Length];
            for (int k = 0; k < config.Faults.Count; k++)
            {
                ScheduleFault(config.Faults[k]);
            }

            _queue.Schedule(Math.Min(config.CheckPeriodUs, config.DurationUs), new SimEvent(SimEventKind.Check, -1, 0));
            PlanTelemetry();
        }

        /// <summary>The resolved configuration.</summary>
        public SimConfig Config => _config;

        /// <summary>The virtual clock in microseconds.</summary>
        public long NowUs => _queue.NowUs;

        /// <summary>Virtual run length.</summary>
        public long DurationUs => _config.DurationUs;

        /// <summary>True after <see cref="Finish"/>.</summary>
        public bool IsFinished => _finished;

        /// <summary>Nodes (node i has id i + 1).</summary>
        public int NodeCount => _nodes.Length;

        /// <summary>Who can hear whom (before fault cuts).</summary>
        public RadioGraph Graph => _graph;

        /// <summary>The link model in use.</summary>
        public ILinkModel Link => _link;

        /// <summary>Events dispatched so far.</summary>
        public long EventsProcessed => _eventsProcessed;

        /// <summary>Entries waiting in the queue (one for all the arrivals still due of a Wi-Fi frame).</summary>
        public int EventsPending => _queue.Count;

        /// <summary>The command that replays this run.</summary>
        public string ReplayCommand => _config.ReplayCommand;

        /// <summary>
        /// Telemetry accounting: a <see cref="RoutedTelemetryAccounting"/> when the config has telemetry, else
        /// null (the report's telemetry is then null). A test may set another before the first <see cref="RunUntil"/>.
        /// </summary>
        public ITelemetryAccounting? TelemetryAccounting
        {
            get => _telemetry;
            set
            {
                _telemetry = value;
                value?.Attach(this);
            }
        }

        /// <summary>Observer of every event a node reports: (virtual µs, node index, event). For tests and tools.</summary>
        public Action<long, int, MeshEvent>? MeshEventObserved { get; set; }

        /// <summary>Observer of every frame handed to a node: (virtual µs, sender index, receiver index).</summary>
        public Action<long, int, int>? FrameDelivered { get; set; }

        /// <summary>Called for every safety violation as it is found (the runner prints it at once).</summary>
        public Action<InvariantViolation>? ViolationFound { get; set; }

        /// <summary>The current MeshNode at <paramref name="index"/> (a restart replaces it).</summary>
        public MeshNode Node(int index) => _nodes[index].Mesh;

        /// <summary>Counters of the current MeshNode at <paramref name="index"/>.</summary>
        public MetricsSnapshot NodeCounters(int index) => _nodes[index].Metrics.Snapshot();

        /// <summary>A copy of the limits node <paramref name="index"/> runs with.</summary>
        public NodeLimits Limits(int index) => _nodes[index].Limits.Clone();

        /// <summary>The plan of node <paramref name="index"/>.</summary>
        public NodePlan Plan(int index) => _nodes[index].Plan;

        /// <summary>True when node <paramref name="index"/> has booted and is not killed.</summary>
        public bool IsAlive(int index) => _nodes[index].Alive;

        /// <summary>The parent the world sees for node <paramref name="index"/> (the node's own, or a debug override).</summary>
        public uint ParentOf(int index) => _nodes[index].EffectiveParentId;

        /// <summary>Whether the world sees node <paramref name="index"/> as a root (the node's own IsRoot, or a debug override).</summary>
        public bool IsRoot(int index) => _nodes[index].Alive && _nodes[index].EffectiveIsRoot;

        /// <summary>Clock offset of node <paramref name="index"/> in ms (clock-step faults).</summary>
        public long ClockOffsetMs(int index) => _nodes[index].ClockOffsetMs;

        /// <summary>
        /// Test hook: from now on the world reports <paramref name="parentId"/> as node
        /// <paramref name="nodeIndex"/>'s parent (the node itself is untouched), so a test can corrupt the
        /// parent graph and watch the checks catch it.
        /// </summary>
        public void DebugParentOverride(int nodeIndex, uint parentId)
        {
            SimNode node = _nodes[nodeIndex];
            node.HasParentOverride = true;
            node.ParentOverride = parentId;
            TrackParent(node);
        }

        /// <summary>
        /// Test hook: from now on the world reports <paramref name="isRoot"/> as node
        /// <paramref name="nodeIndex"/>'s root flag. With <see cref="DebugParentOverride"/> a test can lay a
        /// hand-made tree over the mesh and exercise formation and recovery measurement end to end.
        /// </summary>
        public void DebugRootOverride(int nodeIndex, bool isRoot)
        {
            _nodes[nodeIndex].HasRootOverride = true;
            _nodes[nodeIndex].RootOverride = isRoot;
        }

        /// <summary>Removes a <see cref="DebugParentOverride"/>.</summary>
        public void DebugClearParentOverride(int nodeIndex)
        {
            _nodes[nodeIndex].HasParentOverride = false;
            TrackParent(_nodes[nodeIndex]);
        }

        /// <summary>Processes every event up to and including <paramref name="untilUs"/> (capped at the duration), then sets the clock there.</summary>
        public void RunUntil(long untilUs)
        {
            long endUs = Math.Min(untilUs, _config.DurationUs);
            while (ProcessNext(endUs))
            {
            }

            _queue.AdvanceTo(endUs);
        }

        // One event, outside the loop that calls it: the JIT moves a method to optimised code after enough
        // calls, while a loop running inside one call (a run's slice) gets on-stack-replacement code only;
        // with the event handling inlined into RunUntil, 30% of a run went through the slower OSR versions.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private bool ProcessNext(long endUs)
        {
            if (!_queue.TryPeek(endUs, out SimEvent simEvent))
            {
                return false;
            }

            _eventsProcessed++;
            if (simEvent.Kind == SimEventKind.Arrival)
            {
                OnArrival(simEvent.Arg); // moves the frame's entry on to its next arrival itself
            }
            else
            {
                _queue.RemoveNext();
                Dispatch(simEvent);
            }

            return true;
        }

        /// <summary>Runs to the end and finishes.</summary>
        public void Run()
        {
            RunUntil(_config.DurationUs);
            Finish();
        }

        /// <summary>Runs to the end if needed and takes the final check (idempotent).</summary>
        public void Finish()
        {
            if (_finished)
            {
                return;
            }

            RunUntil(_config.DurationUs);
            if (_lastCheckUs != NowUs)
            {
                RunChecks();
            }

            _finished = true;
        }

        private void Dispatch(in SimEvent simEvent)
        {
            switch (simEvent.Kind)
            {
                case SimEventKind.Wake:
                    OnWake(_nodes[simEvent.Node], simEvent.Arg);
                    break;
                case SimEventKind.RadioFree:
                    OnRadioFree(_nodes[simEvent.Node], simEvent.Arg);
                    break;
                case SimEventKind.ReceptionStart:
                    OnReceptionStart(_nodes[simEvent.Node], simEvent.Arg);
                    break;
                case SimEventKind.ReceptionEnd:
                    OnReceptionEnd(_nodes[simEvent.Node], simEvent.Arg);
                    break;
                case SimEventKind.Fault:
                    ApplyFault(simEvent.Arg);
                    break;
                case SimEventKind.LossEnd:
                    EndLoss(simEvent.Arg);
                    break;
                case SimEventKind.Check:
                    RunChecks();
                    long nextUs = NowUs + _config.CheckPeriodUs;
                    if (nextUs <= _config.DurationUs)
                    {
                        _queue.Schedule(nextUs, new SimEvent(SimEventKind.Check, -1, 0));
                    }

                    break;
                case SimEventKind.Boot:
                    Boot(_nodes[simEvent.Node]);
                    break;
                case SimEventKind.Telemetry:
                    OnTelemetry(_nodes[simEvent.Node]);
                    break;
                default:
                    throw new InvalidOperationException("unknown event kind " + simEvent.Kind.ToString());
            }
        }

        private void Boot(SimNode node)
        {
            node.Alive = true;
            _graphDirty = true;
            node.RadioFreeAtUs = NowUs;
            node.TransmittingUntilUs = NowUs;
            Reschedule(node);
        }

        private void OnWake(SimNode node, int generation)
        {
            if (!node.Alive || generation != node.WakeGeneration)
            {
                return; // a stale wake: the node was rescheduled earlier, killed or restarted
            }

            node.WakeAtUs = long.MaxValue;
            long nodeNowMs = node.NodeNowMs(NowUs);
            if (node.Mesh.NextDeadlineMs > nodeNowMs)
            {
                Reschedule(node); // the deadline moved later since this wake was queued
                return;
            }

            node.Mesh.Tick(nodeNowMs);
            if (node.Mesh.NextDeadlineMs <= nodeNowMs)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"node {node.NodeId} is still due at {nodeNowMs} ms after Tick (no progress); seed {_config.Seed}; replay: {_config.ReplayCommand}"));
            }

            AfterActivity(node);
        }

        // After every Tick or Receive: drain what the node produced, then make sure its one wake is right.
        private void AfterActivity(SimNode node)
        {
            DrainEvents(node);
            TakeDeliveredTelemetry(node);
            TrackParent(node);
            PumpRadio(node);
            Reschedule(node);
        }

        // Lazy cancellation: a wake that is now too early stays queued and re-arms when it fires; only an
        // earlier deadline queues a new wake (and bumps the generation so the old one is void).
        private void Reschedule(SimNode node)
        {
            if (!node.Alive)
            {
                return;
            }

            long deadlineUs = node.SimUsOf(node.Mesh.NextDeadlineMs);
            deadlineUs = deadlineUs < NowUs ? NowUs : deadlineUs;
            if (deadlineUs >= node.WakeAtUs)
            {
                return;
            }

            node.WakeGeneration++;
            node.WakeAtUs = deadlineUs;
            _queue.Schedule(deadlineUs, new SimEvent(SimEventKind.Wake, node.Index, node.WakeGeneration));
        }

        private void DrainEvents(SimNode node)
        {
            while (node.Mesh.TryDequeueEvent(out MeshEvent meshEvent))
            {
                MeshEventObserved?.Invoke(NowUs, node.Index, meshEvent);
                if (meshEvent.Kind >= MeshEventKind.TelemetryDroppedOverflow && meshEvent.Kind <= MeshEventKind.TelemetryDroppedTooLarge)
                {
                    OnTelemetryDropped(node, meshEvent);
                }

                if (_log.Enabled)
                {
                    LogMeshEvent(node, meshEvent);
                }
            }
        }

        private void LogMeshEvent(SimNode node, in MeshEvent meshEvent)
        {
            string? what;
            switch (meshEvent.Kind)
            {
                case MeshEventKind.NeighbourAdded: what = "neighbour-added"; break;
                case MeshEventKind.NeighbourLost: what = "neighbour-lost"; break;
                case MeshEventKind.NeighbourLeft: what = "neighbour-left"; break;
                case MeshEventKind.NeighbourEvicted: what = "neighbour-evicted"; break;
                case MeshEventKind.NeighbourRestarted: what = "neighbour-restarted"; break;
                case MeshEventKind.ParentSuspected: what = "parent-suspected"; break;
                default: what = null; break; // updates would drown the log once topology runs
            }

            if (what != null)
            {
                _log.Line(NowUs, string.Create(CultureInfo.InvariantCulture, $"node {node.NodeId} {what} {meshEvent.NodeId}"));
            }
        }

        private void TrackParent(SimNode node)
        {
            uint parentId = node.EffectiveParentId;
            if (parentId == node.LastParentId)
            {
                return;
            }

            _log.Line(NowUs, string.Create(CultureInfo.InvariantCulture, $"node {node.NodeId} parent {node.LastParentId} -> {parentId}"));
            if (parentId != 0 && parentId != node.LastAttachedParentId && _formationUs.HasValue && node.Alive)
            {
                _parentSwitches++;
            }

            node.LastParentId = parentId;
            node.LastAttachedParentId = parentId != 0 ? parentId : node.LastAttachedParentId;
        }

        private ulong NodeSeed(uint nodeId, int restarts)
        {
            return SimRandom.Derive(_config.Seed, nodeId | ((ulong)restarts << 32));
        }
    }
}
