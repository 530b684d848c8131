using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Core.Tests.Node;

/// <summary>What a node tells its host about its neighbour table: evictions (event and counter) and topology updates.</summary>
public sealed class NeighbourEventTests
{
    private readonly NodeLimits _limits = NodeLimits.Esp32Leaf();
    private readonly CounterMetrics _metrics = new();
    private readonly MeshNode _node;
    private readonly CraftedNeighbours _neighbours;
    private readonly List<MeshEvent> _events = new();

    public NeighbourEventTests()
    {
        _node = new MeshNode(new NodeIdentity(1000, Capabilities.Sensor), _limits, _metrics, 1);
        _neighbours = new CraftedNeighbours(_node);
    }

    /// <summary>A leaf sensor beaconing once a second: never a parent candidate, so nothing is protected from eviction.</summary>
    private static BeaconBody Leaf()
    {
        BeaconBody body = CraftedNeighbours.Candidate(Rank.Infinite);
        body.Capabilities = Capabilities.Sensor;
        return body;
    }

    // Delivers one beacon and collects the events it caused (the ring holds only 16 on a leaf).
    private ReceiveResult Send(uint source, BeaconBody body, long nowMs)
    {
        ReceiveResult result = _neighbours.Send(source, body, nowMs);
        while (_node.TryDequeueEvent(out MeshEvent meshEvent))
        {
            _events.Add(meshEvent);
        }

        return result;
    }

    [Fact]
    public void An_eviction_leaves_the_beacon_interval_alone_but_a_lost_neighbour_resets_it()
    {
        // Dense LoRa runs evicted all the time; resetting the Trickle timer on each eviction kept the leaves
        // of full tables beaconing at the minimum interval (11-12% airtime instead of about 2%).
        int capacity = _limits.NeighbourCapacity;
        long t = 0;
        void Tick(long untilMs)
        {
            for (; t <= untilMs; t += 100)
            {
                if (_node.NextDeadlineMs <= t)
                {
                    _node.Tick(t);
                }

                while (_node.TryDequeueOutgoing(new byte[256], 0, out _, out _))
                {
                }
            }
        }

        for (long beaconAt = 0; beaconAt <= 20000; beaconAt += 1000)
        {
            for (uint id = 1; id <= capacity; id++)
            {
                Send(id, Leaf(), beaconAt + id);
            }

            Tick(beaconAt + 999);
        }

        int grown = _node.BeaconIntervalMs;
        Assert.True(grown > _limits.BeaconIntervalMsMin, $"a stable node's interval grows ({grown} ms)");

        // 1.3 s after the last round every entry has missed a beacon: the newcomer evicts the stalest.
        Tick(22299);
        Assert.Equal(ReceiveResult.Accepted, Send(501, Leaf(), 22300));
        Assert.Equal(1, _metrics.Snapshot().TableEvictions);
        Assert.Equal(grown, _node.BeaconIntervalMs);

        // Nobody is heard again: after three missed beacons the neighbours are lost, and that resets it.
        while (_metrics.Snapshot().NeighboursLost == 0 && t < 26000)
        {
            Tick(t);
        }

        Assert.True(_metrics.Snapshot().NeighboursLost > 0, "lost within three intervals");
        Assert.Equal(_limits.BeaconIntervalMsMin, _node.BeaconIntervalMs);
    }

    [Fact]
    public void A_full_table_refuses_while_every_entry_is_fresh_then_evicts_the_stalest_with_an_event_and_a_counter()
    {
        int capacity = _limits.NeighbourCapacity;
        for (uint id = 1; id <= capacity; id++)
        {
            Assert.Equal(ReceiveResult.Accepted, Send(id, Leaf(), 10 * id));
        }

        // Every entry heard within its 1 s interval: the newcomer is refused, nothing is evicted.
        Assert.Equal(ReceiveResult.DroppedTableFull, Send(500, Leaf(), 900));
        Assert.Equal(0, _metrics.Snapshot().TableEvictions);
        Assert.Equal(capacity, _events.Count);

        // At 1.2 s every entry has missed a beacon (none is lost yet: that takes 3), and node 1 is the stalest.
        Assert.Equal(ReceiveResult.Accepted, Send(501, Leaf(), 1200));
        Assert.Equal(1, _metrics.Snapshot().TableEvictions);
        Assert.Equal(1, _metrics.Snapshot().DroppedTableFull);
        Assert.Equal(new[] { (MeshEventKind.NeighbourEvicted, 1u), (MeshEventKind.NeighbourAdded, 501u) }, _events.Skip(capacity).Select(e => (e.Kind, e.NodeId)));
        Assert.Equal(capacity, _node.Neighbours.Count);
        Assert.False(_node.Neighbours.TryGet(1, out _));
        Assert.True(_node.Neighbours.TryGet(501, out _));
    }

    [Fact]
    public void A_change_of_rank_parent_level_role_or_partition_is_a_NeighbourUpdated_event_and_other_beacons_are_not()
    {
        BeaconBody body = Leaf();
        Send(7, body, 0);
        Send(7, body, 1000); // the same again: a refresh
        body.BatteryPercent = 20;
        Send(7, body, 2000); // not topology-relevant
        body.Rank = 1024;
        Send(7, body, 3000);
        body.ParentId = 9;
        Send(7, body, 4000);
        body.Level = 1;
        Send(7, body, 5000);
        body.Role = NodeRole.Leader;
        Send(7, body, 6000);
        body.PartitionId = 0x8202;
        Send(7, body, 7000);
        Send(7, body, 8000);

        Assert.Equal(new long[] { 3000, 4000, 5000, 6000, 7000 }, _events.Where(e => e.Kind == MeshEventKind.NeighbourUpdated && e.NodeId == 7).Select(e => e.AtMs));
        Assert.Single(_events, e => e.Kind == MeshEventKind.NeighbourAdded);
    }
}
