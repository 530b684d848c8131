using Peat.Edge.Core.Node;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Tests;

/// <summary>Crafted neighbour beacons fed straight into a node, for unit tests of its decisions.</summary>
internal sealed class CraftedNeighbours
{
    private readonly Dictionary<uint, ushort> _sequences = new();
    private readonly MeshNode _node;

    public CraftedNeighbours(MeshNode node)
    {
        _node = node;
    }

    /// <summary>A parent-capable, attached neighbour in partition 0x8101 at a given rank, 100 m north.</summary>
    public static BeaconBody Candidate(ushort rank = Rank.Root, byte level = 0, ushort partition = 0x8101) => new()
    {
        Level = level, Role = NodeRole.Member, HasPosition = true, LatitudeE7 = 473977000 + 9000, LongitudeE7 = 85456000,
        Capabilities = Capabilities.CanParent, BatteryPercent = 80, LoadPercent = 10, ParentId = 0,
        PartitionId = partition, Rank = rank, IntervalHintDs = 10,
    };

    /// <summary>Delivers the next beacon of <paramref name="source"/> (sequence +<paramref name="step"/>) at <paramref name="nowMs"/>.</summary>
    public ReceiveResult Send(uint source, BeaconBody body, long nowMs, int step = 1, FrameFlags flags = FrameFlags.None)
    {
        ushort sequence = (ushort)(_sequences.GetValueOrDefault(source) + step);
        _sequences[source] = sequence;
        byte[] frame = new byte[64];
        int length = FrameCodec.WriteBeacon(new FrameHeader(FrameType.Beacon, flags, 0, source, sequence), body, 8, frame, 0, frame.Length);
        return _node.Receive(frame, 0, length, LinkInfo.None, nowMs);
    }

    /// <summary>Every source beacons once a second from <paramref name="fromMs"/> to <paramref name="toMs"/>, the node ticking as it asks.</summary>
    public void Run(long fromMs, long toMs, params (uint Source, BeaconBody Body)[] sources)
    {
        for (long t = fromMs; t <= toMs; t += 1000)
        {
            foreach (var (source, body) in sources)
            {
                Send(source, body, t);
            }

            while (_node.NextDeadlineMs <= t + 999)
            {
                _node.Tick(Math.Max(t, _node.NextDeadlineMs));
            }
        }
    }
}
