using System;
using System.Globalization;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Peat.Edge.Sim.Checks;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// Telemetry in the simulation: every alive node submits a record each <c>TelemetryIntervalUs</c>
    /// (its first at a random moment of its first interval), sinks' hosts take what reaches them at once,
    /// and every record's fate goes to the accounting (<see cref="RoutedTelemetryAccounting"/> unless a
    /// test sets another). Telemetry frames on the air are measured for the report's aggregation: the
    /// bytes sent, against the bytes the same records would have taken one per frame.
    /// </summary>
    public sealed partial class SimWorld
    {
        private byte[] _telemetryPayload = Array.Empty<byte>();
        private byte[] _telemetryTaken = Array.Empty<byte>(); // a delivered record's payload: at most a frame
        private uint _telemetryMade;
        private long _telemetryFrameBytes;
        private long _telemetryUnaggregatedBytes;

        /// <summary>Bytes of telemetry frames put on the air (every transmission, retries included).</summary>
        public long TelemetryFrameBytes => _telemetryFrameBytes;

        /// <summary>What the same transmissions would have taken with one record per frame.</summary>
        public long TelemetryUnaggregatedBytes => _telemetryUnaggregatedBytes;

        private void PlanTelemetry()
        {
            if (_config.TelemetryIntervalUs == 0)
            {
                return;
            }

            int frameBytesMax = 0;
            for (int i = 0; i < _nodes.Length; i++)
            {
                frameBytesMax = Math.Max(frameBytesMax, _nodes[i].Limits.FrameBytesMax);
                int max = _nodes[i].Limits.TelemetryPayloadBytesCap;
                if (_config.TelemetryPayloadBytes > max)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"SimConfig.TelemetryPayloadBytes ({_config.TelemetryPayloadBytes}) is more than node {_nodes[i].NodeId}'s TelemetryPayloadBytesCap ({max})"));
                }
            }

            _telemetryPayload = new byte[_config.TelemetryPayloadBytes];
            _telemetryTaken = new byte[frameBytesMax];
            SimRandom start = new SimRandom(_config.Seed, RandomStream.Telemetry);
            for (int i = 0; i < _nodes.Length; i++)
            {
                long offsetUs = (long)(start.NextDouble() * _config.TelemetryIntervalUs);
                _queue.Schedule(_nodes[i].Plan.BootAtUs + offsetUs, new SimEvent(SimEventKind.Telemetry, i, 0));
            }

            _telemetry = new RoutedTelemetryAccounting();
            _telemetry.Attach(this);
        }

        private void OnTelemetry(SimNode node)
        {
            long nextUs = NowUs + _config.TelemetryIntervalUs;
            if (nextUs <= _config.DurationUs)
            {
                _queue.Schedule(nextUs, new SimEvent(SimEventKind.Telemetry, node.Index, 0));
            }

            if (!node.Alive)
            {
                return;
            }

            // Recognisable bytes: who, and how many records the mesh made before.
            uint made = _telemetryMade++;
            _telemetryPayload[0] = (byte)(node.NodeId >> 8);
            _telemetryPayload[1] = (byte)node.NodeId;
            for (int b = 2; b < _telemetryPayload.Length; b++)
            {
                _telemetryPayload[b] = (byte)(made >> (8 * (b & 3)));
            }

            node.Mesh.TrySubmitTelemetry(_telemetryPayload, 0, _telemetryPayload.Length, node.NodeNowMs(NowUs), out uint sequence);
            _telemetry?.OnGenerated(node.Index, node.NodeId, sequence);
            AfterActivity(node);
        }

        // A sink's host takes every record as soon as the node has it, so no inbox ever fills in a run.
        private void TakeDeliveredTelemetry(SimNode node)
        {
            MeshNode mesh = node.Mesh;
            while (mesh.TryDequeueTelemetry(_telemetryTaken, 0, out _, out uint originId, out uint sequence))
            {
                _telemetry?.OnDelivered(node.Index, originId, sequence);
            }
        }

        private void OnTelemetryDropped(SimNode node, in MeshEvent meshEvent)
        {
            _telemetry?.OnDropped(node.Index, meshEvent.NodeId, unchecked((uint)meshEvent.Value), meshEvent.Kind == MeshEventKind.TelemetryDroppedOverflow);
        }

        private void MeasureTelemetryFrame(SimNode sender, byte[] frame, int count)
        {
            int tagBytes = sender.Limits.AuthTagBytes;
            int bodyCount = count - FrameHeader.Bytes - tagBytes;
            if (bodyCount <= 0 || TelemetryBody.TryRead(frame, FrameHeader.Bytes, bodyCount, out uint nextHop, out int records, out _) != WireError.None)
            {
                return;
            }

            int header = TelemetryBody.HeaderLength(nextHop, records);
            int oneRecordOverhead = FrameHeader.Bytes + TelemetryBody.HeaderLength(nextHop, 1) + tagBytes;
            _telemetryFrameBytes += count;
            _telemetryUnaggregatedBytes += (bodyCount - header) + ((long)records * oneRecordOverhead);
        }
    }
}
