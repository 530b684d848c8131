using Peat.Edge.Core.Beacons;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Core.Tests.Discovery;

/// <summary>Static discovery: configured peers seed the table, never expire, and are parents only once heard.</summary>
public sealed class StaticPeerTests
{
    private readonly byte[] _frame = new byte[256];
    private ushort _sequence;

    [Fact]
    public void A_seeded_peer_stays_for_five_minutes_unheard_and_is_never_a_parent_candidate()
    {
        var node = new MeshNode(new NodeIdentity(1, Capabilities.CanParent), new NodeLimits(), NoOpMetrics.Instance, 1);
        Assert.True(node.AddStaticPeer(9));
        Assert.True(node.AddStaticPeer(9)); // again: already there
        long now = 0;
        int ticks = 0;
        while (now < 300_000)
        {
            node.Tick(now);
            Drain(node);
            Assert.True(node.NextDeadlineMs > now, "a seeded peer adds no deadline that is already due");
            now = node.NextDeadlineMs;
            ticks++;
        }

        Assert.True(node.Neighbours.TryGet(9, out NeighbourEntry entry));
        Assert.True(entry.IsStatic && entry.IsAwaitingBeacon);
        Assert.Equal(Rank.Infinite, entry.Beacon.Rank);
        Assert.Equal(long.MaxValue, entry.LossDeadlineMs());
        Assert.Equal(0u, node.ParentId);
        Assert.True(ticks < 400, $"{ticks} ticks: the node sleeps between beacons");
    }

    [Fact]
    public void A_heard_static_peer_becomes_the_parent_and_when_silent_goes_back_to_awaiting_instead_of_leaving()
    {
        var node = new MeshNode(new NodeIdentity(1, Capabilities.CanParent), new NodeLimits(), NoOpMetrics.Instance, 1);
        node.UpdateSelf(SelfReading.At(473977000, 85456000, 80));
        Assert.True(node.AddStaticPeer(10));
        Beacon(node, 10, 0);
        Beacon(node, 10, 500); // two beacons: a link heard once is not yet usable for a parent
        Assert.Equal(10u, node.ParentId);
        Assert.True(node.Neighbours.TryGet(10, out NeighbourEntry heard));
        Assert.True(heard.IsStatic);
        Assert.False(heard.IsAwaitingBeacon);
        Assert.Contains(Events(node), e => e.Kind == MeshEventKind.NeighbourAdded && e.NodeId == 10);
        for (long t = 1000; t <= 20_000; t += 1000)
        {
            Beacon(node, 10, t);
        }

        long now = 20_000;
        while (now < 40_000)
        {
            now = node.NextDeadlineMs;
            node.Tick(now);
            Drain(node);
        }

        var events = Events(node);
        Assert.Contains(events, e => e.Kind == MeshEventKind.NeighbourLost && e.NodeId == 10);
        Assert.Contains(events, e => e.Kind == MeshEventKind.ParentLost && e.NodeId == 10);
        Assert.Equal(0u, node.ParentId);
        Assert.True(node.Neighbours.TryGet(10, out NeighbourEntry lost));
        Assert.True(lost.IsStatic && lost.IsAwaitingBeacon);
        Assert.Equal(Rank.Infinite, lost.Beacon.Rank);

        Beacon(node, 10, now);
        Beacon(node, 10, now + 500);
        Assert.Equal(10u, node.ParentId);
        Assert.Contains(Events(node), e => e.Kind == MeshEventKind.NeighbourAdded && e.NodeId == 10);
    }

    [Fact]
    public void A_leave_beacon_from_a_static_peer_puts_it_back_to_awaiting()
    {
        var node = new MeshNode(new NodeIdentity(1, Capabilities.CanParent), new NodeLimits(), NoOpMetrics.Instance, 1);
        Assert.True(node.AddStaticPeer(10));
        Beacon(node, 10, 0);
        Beacon(node, 10, 500); // two beacons: a link heard once is not yet usable for a parent
        Assert.Equal(10u, node.ParentId);
        Beacon(node, 10, 500, FrameFlags.Leave);
        Assert.Equal(0u, node.ParentId);
        Assert.True(node.Neighbours.TryGet(10, out NeighbourEntry entry));
        Assert.True(entry.IsAwaitingBeacon);
        Assert.Equal(1, node.Neighbours.Count);
    }

    [Fact]
    public void Static_peers_are_never_evicted_and_seeding_needs_a_free_slot()
    {
        var table = new NeighbourTable(2, 3);
        Assert.True(table.TrySeedStatic(5));
        Assert.Equal(UpsertOutcome.Added, table.Upsert(6, 1, Candidate(), LinkInfo.None, 0, 0, out uint _));
        Assert.False(table.TrySeedStatic(7)); // full: seeding never evicts
        // Much later both are stale, but only the learnt neighbour may make room.
        Assert.Equal(UpsertOutcome.Added, table.Upsert(8, 1, Candidate(), LinkInfo.None, 100_000, 0, out uint evicted));
        Assert.Equal(6u, evicted);
        Assert.True(table.TryGet(5, out _));
        Assert.Equal(UpsertOutcome.Added, table.Upsert(5, 1, Candidate(), LinkInfo.None, 200_000, 0, out evicted));
        Assert.Equal(0u, evicted); // the first beacon of a seeded peer takes its reserved slot
        Assert.Equal(UpsertOutcome.Refreshed, table.Upsert(8, 2, Candidate(), LinkInfo.None, 200_000, 0, out uint _));
        Assert.Equal(UpsertOutcome.Full, table.Upsert(9, 1, Candidate(), LinkInfo.None, 200_000, 0, out _)); // both fresh
        Assert.Equal(UpsertOutcome.Added, table.Upsert(9, 1, Candidate(), LinkInfo.None, 400_000, 0, out evicted));
        Assert.Equal(8u, evicted);
    }

    private static BeaconBody Candidate() => new()
    {
        Level = 0, Role = NodeRole.Member, HasPosition = true, LatitudeE7 = 473977000 + 9000, LongitudeE7 = 85456000,
        Capabilities = Capabilities.CanParent, BatteryPercent = 80, LoadPercent = 10, PartitionId = 0x8101, Rank = Rank.Root, IntervalHintDs = 10,
    };

    private void Beacon(MeshNode node, uint source, long nowMs, FrameFlags flags = FrameFlags.None)
    {
        _sequence++;
        int length = FrameCodec.WriteBeacon(new FrameHeader(FrameType.Beacon, flags, 0, source, _sequence), Candidate(), 8, _frame, 0, _frame.Length);
        Assert.Equal(ReceiveResult.Accepted, node.Receive(_frame, 0, length, LinkInfo.None, nowMs));
    }

    private void Drain(MeshNode node)
    {
        while (node.TryDequeueOutgoing(_frame, 0, out _, out _))
        {
        }
    }

    private readonly List<MeshEvent> _events = new();

    private List<MeshEvent> Events(MeshNode node)
    {
        while (node.TryDequeueEvent(out MeshEvent e))
        {
            _events.Add(e);
        }

        return _events;
    }
}
