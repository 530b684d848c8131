using System;
using System.Globalization;
using System.IO;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Aot.Demo
{
    /// <summary>
    /// N mesh nodes in one process on a virtual clock: the host loop a device runs, minus the radio and
    /// the sleeping. Each step jumps the clock to the earliest <see cref="MeshNode.NextDeadlineMs"/>,
    /// ticks the nodes that are due, and hands every frame they queued to all other nodes at that same
    /// instant (a lossless shared medium). No wall clock is read, so a run is identical for the same seed
    /// and takes milliseconds however long the virtual duration.
    /// </summary>
    public sealed class InProcessDemo
    {
        private readonly DemoSettings _settings;
        private readonly TextWriter _output;
        private readonly MeshNode[] _nodes;
        private readonly CounterMetrics[] _metrics;
        private readonly byte[] _frame;
        private long _nowMs;

        /// <summary>Creates the nodes (ids 1..N) on the demo grid; nothing runs until <see cref="Run"/>.</summary>
        public InProcessDemo(DemoSettings settings, TextWriter output)
        {
            ArgumentNullException.ThrowIfNull(settings);
            ArgumentNullException.ThrowIfNull(output);
            ArgumentOutOfRangeException.ThrowIfLessThan(settings.NodeCount, DemoSettings.NodeCountMin);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.NodeCount, DemoSettings.NodeCountMax);
            _settings = settings;
            _output = output;
            _nodes = new MeshNode[settings.NodeCount];
            _metrics = new CounterMetrics[settings.NodeCount];
            // Field-device limits: the demo stands for a handful of battery sensors, not gateways.
            NodeLimits limits = NodeLimits.Esp32Leaf();
            _frame = new byte[limits.FrameBytesMax];
            for (int i = 0; i < _nodes.Length; i++)
            {
                uint nodeId = (uint)(i + 1);
                _metrics[i] = new CounterMetrics();
                _nodes[i] = new MeshNode(new NodeIdentity(nodeId, CapabilitiesOf(nodeId)), limits, _metrics[i], settings.Seed);
                (int latitudeE7, int longitudeE7) = DemoLayout.PositionE7(i, _nodes.Length);
                byte batteryPercent = (byte)(100 - (3 * i));
                _nodes[i].UpdateSelf(SelfReading.At(latitudeE7, longitudeE7, batteryPercent));
            }
        }

        /// <summary>The nodes, in id order (node i has id i + 1).</summary>
        public ReadOnlySpan<MeshNode> Nodes => _nodes;

        /// <summary>The virtual clock.</summary>
        public long NowMs => _nowMs;

        /// <summary>Counters of the node at <paramref name="index"/>.</summary>
        public MetricsSnapshot CountersOf(int index) => _metrics[index].Snapshot();

        /// <summary>Runs until the virtual duration is over, printing membership events as they happen.</summary>
        public void Run()
        {
            long endMs = _settings.DurationSeconds * 1000L;
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peat-edge demo: {_nodes.Length} nodes, {_settings.DurationSeconds} s of virtual time, seed {_settings.Seed}"));
            while (true)
            {
                long deadlineMs = EarliestDeadlineMs();
                if (deadlineMs > endMs)
                {
                    break;
                }

                // A deadline in the past cannot happen (Tick does all that is due) but must not move time back.
                _nowMs = Math.Max(_nowMs, deadlineMs);
                TickDueNodes();
                DeliverQueuedFrames();
                PrintEvents();
            }

            _nowMs = endMs;
        }

        private long EarliestDeadlineMs()
        {
            long earliestMs = long.MaxValue;
            foreach (MeshNode node in _nodes)
            {
                earliestMs = Math.Min(earliestMs, node.NextDeadlineMs);
            }

            return earliestMs;
        }

        private void TickDueNodes()
        {
            foreach (MeshNode node in _nodes)
            {
                if (node.NextDeadlineMs <= _nowMs)
                {
                    node.Tick(_nowMs);
                    // Progress guarantee for the loop: after a Tick nothing of that node is still due.
                    if (node.NextDeadlineMs <= _nowMs)
                    {
                        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                            $"node {node.NodeId} is still due at {_nowMs} ms after Tick (seed {_settings.Seed})"));
                    }
                }
            }
        }

        private void DeliverQueuedFrames()
        {
            foreach (MeshNode sender in _nodes)
            {
                while (sender.TryDequeueOutgoing(_frame, 0, out int count, out uint destinationId))
                {
                    foreach (MeshNode receiver in _nodes)
                    {
                        bool addressed = destinationId == FrameHeader.NodeIdBroadcast || destinationId == receiver.NodeId;
                        if (receiver != sender && addressed)
                        {
                            receiver.Receive(_frame, 0, count, LinkInfo.None, _nowMs);
                        }
                    }
                }
            }
        }

        private void PrintEvents()
        {
            foreach (MeshNode node in _nodes)
            {
                while (node.TryDequeueEvent(out MeshEvent meshEvent))
                {
                    string? what = Describe(meshEvent.Kind);
                    if (what != null)
                    {
                        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"t={meshEvent.AtMs / 1000.0:F3}s node {node.NodeId}: neighbour {meshEvent.NodeId} {what}"));
                    }
                }
            }
        }

        // Membership changes only; updates (rank, parent, ...) would drown them once topology is running.
        private static string? Describe(MeshEventKind kind)
        {
            switch (kind)
            {
                case MeshEventKind.NeighbourAdded: return "added";
                case MeshEventKind.NeighbourLost: return "lost";
                case MeshEventKind.NeighbourLeft: return "left";
                case MeshEventKind.NeighbourEvicted: return "evicted";
                case MeshEventKind.NeighbourRestarted: return "restarted";
                case MeshEventKind.ParentSuspected: return "suspected";
                default: return null;
            }
        }

        // Node 1 plays the uplink gateway; the others are battery sensors that can relay.
        private static Capabilities CapabilitiesOf(uint nodeId)
        {
            return nodeId == 1
                ? Capabilities.CanParent | Capabilities.RootCapable | Capabilities.Gps | Capabilities.Uplink
                : Capabilities.CanParent | Capabilities.Gps | Capabilities.BatteryPowered | Capabilities.Sensor;
        }
    }
}
