using System;
using BenchmarkDotNet.Attributes;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Bench
{
    /// <summary>
    /// The whole receive path of a gateway with a busy neighbourhood: envelope and body decode, sequence
    /// and reception-window bookkeeping, and the table lookup among 64 live neighbours. Every op is a
    /// fresh (not duplicate) beacon from the next neighbour in turn.
    /// </summary>
    [MemoryDiagnoser]
    public class ReceiveBenchmarks
    {
        private const int NeighbourCount = 64;
        private const uint ReceiverId = 1;

        // 64 neighbours beaconing once a second arrive about every 16 ms.
        private const long ArrivalStepMs = 16;

        private readonly byte[][] _frames = new byte[NeighbourCount][];
        private readonly int[] _frameBytes = new int[NeighbourCount];
        private MeshNode _node = null!;
        private long _nowMs;
        private int _next;

        [GlobalSetup]
        public void Setup()
        {
            NodeLimits limits = NodeLimits.Gateway();
            _node = new MeshNode(new NodeIdentity(ReceiverId, Capabilities.CanParent | Capabilities.Uplink), limits, NoOpMetrics.Instance, seed: 42);
            for (int i = 0; i < NeighbourCount; i++)
            {
                _frames[i] = new byte[limits.FrameBytesMax];
                _frameBytes[i] = EncodeNeighbourBeacon(i, limits.AuthTagBytes, _frames[i]);
            }

            // One full rotation fills the table; a second proves every op is accepted, not dropped.
            for (int round = 0; round < 2 * NeighbourCount; round++)
            {
                Require(Receive_IntoTable() == ReceiveResult.Accepted, "a rotated beacon is accepted");
            }

            Require(_node.Neighbours.Count == NeighbourCount, "the table holds every neighbour");
            DrainEvents();
        }

        [Benchmark]
        public ReceiveResult Receive_IntoTable()
        {
            int index = _next;
            _next = index + 1 == NeighbourCount ? 0 : index + 1;
            byte[] frame = _frames[index];
            BumpSequence(frame);
            _nowMs += ArrivalStepMs;
            ReceiveResult result = _node.Receive(frame, 0, _frameBytes[index], LinkInfo.None, _nowMs);
            if (_next == 0)
            {
                // A host drains once in a while; refreshes raise no events, so this is usually empty.
                DrainEvents();
            }

            return result;
        }

        private static int EncodeNeighbourBeacon(int index, int tagBytes, byte[] frame)
        {
            uint sourceId = ReceiverId + 1 + (uint)index;
            BeaconBody body = SampleBeacon.Body();
            // Spread the neighbours over a few hundred metres so their beacons are not identical.
            body.LatitudeE7 += index * 1000;
            body.LongitudeE7 -= index * 1500;
            body.BatteryPercent = (byte)(40 + index % 60);
            FrameHeader header = new FrameHeader(FrameType.Beacon, FrameFlags.None, 0, sourceId, (ushort)(index * 1000));
            int length = FrameCodec.WriteBeacon(header, body, tagBytes, frame, 0, frame.Length);
            Require(length > 0, "the beacon fits");
            return length;
        }

        // The sequence is bytes 6-7 of the envelope, big-endian; one step forward makes it a new beacon.
        private static void BumpSequence(byte[] frame)
        {
            ushort sequence = (ushort)(((frame[6] << 8) | frame[7]) + 1);
            frame[6] = (byte)(sequence >> 8);
            frame[7] = (byte)sequence;
        }

        private void DrainEvents()
        {
            while (_node.TryDequeueEvent(out MeshEvent _))
            {
            }
        }

        private static void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException("benchmark setup broken: " + what);
            }
        }
    }
}
