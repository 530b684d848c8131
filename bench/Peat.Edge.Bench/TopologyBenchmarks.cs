using BenchmarkDotNet.Attributes;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Bench
{
    /// <summary>
    /// One full topology evaluation (candidate scan with the multi-factor score, tree and root decision,
    /// lateral peers, cell election, level and role) against a table of N parent-capable neighbours.
    /// The cost should grow linearly with N.
    /// </summary>
    [MemoryDiagnoser]
    public class TopologyBenchmarks
    {
        private MeshNode _node = null!;
        private BeaconBody _self;
        private long _nowMs;

        [Params(16, 64, 256)]
        public int Neighbours { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            NodeLimits limits = NodeLimits.Gateway();
            limits.NeighbourCapacity = 512;
            limits.LateralPeerCapacity = 64;
            _node = new MeshNode(new NodeIdentity(100000, Capabilities.CanParent), limits, NoOpMetrics.Instance, 1);
            _node.UpdateSelf(SelfReading.At(473977000, 85456000, 80));
            byte[] frame = new byte[64];
            for (int i = 0; i < Neighbours; i++)
            {
                BeaconBody body = new BeaconBody
                {
                    Level = (byte)(1 + (i % 3)),
                    Role = NodeRole.Member,
                    HasPosition = true,
                    LatitudeE7 = 473977000 + (i * 50),
                    LongitudeE7 = 85456000 - (i * 50),
                    Capabilities = Capabilities.CanParent,
                    BatteryPercent = (byte)(40 + (i % 60)),
                    LoadPercent = (byte)(i % 90),
                    PartitionId = 0x8A01,
                    Rank = (ushort)(Rank.Root + ((1 + (i % 3)) * Rank.StepMin) + (i % 100)),
                    IntervalHintDs = 10,
                };
                // Four beacons each: a full 4-slot reception window, so every neighbour is a real candidate
                // (a link heard once is below ParentLinkQualityMinPermille and would be skipped unscored).
                for (ushort sequence = 1; sequence <= 4; sequence++)
                {
                    int length = FrameCodec.WriteBeacon(new FrameHeader(FrameType.Beacon, FrameFlags.None, 0, (uint)(i + 1), sequence), body, limits.AuthTagBytes, frame, 0, frame.Length);
                    _node.Receive(frame, 0, length, LinkInfo.None, sequence * 100);
                }
            }

            _nowMs = 500;
            if (_node.ParentId == 0)
            {
                throw new System.InvalidOperationException("no parent chosen: the benchmark would measure an empty candidate scan");
            }
            _self = new BeaconBody { HasPosition = true, LatitudeE7 = 473977000, LongitudeE7 = 85456000, Capabilities = Capabilities.CanParent, BatteryPercent = 80, IntervalHintDs = 10 };
            if (_node.Neighbours.Count != Neighbours)
            {
                throw new System.InvalidOperationException("the table holds " + _node.Neighbours.Count + " neighbours, expected " + Neighbours);
            }
        }

        [Benchmark]
        public uint EvaluateTopology()
        {
            _node.Topology.Evaluate(_nowMs, _self);
            return _node.ParentId;
        }
    }
}
