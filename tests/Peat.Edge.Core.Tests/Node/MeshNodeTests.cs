using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Node;

public sealed class MeshNodeTests
{
    private readonly ITestOutputHelper _output;

    public MeshNodeTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Two_nodes_discover_each_other_within_one_beacon_interval()
    {
        var limits = NodeLimits.Esp32Leaf();
        var harness = new NodeHarness(2, limits);
        harness.RunUntil(limits.BeaconIntervalMsMin + 1);
        Assert.True(harness.Nodes[0].Neighbours.TryGet(2, out var seenByOne));
        Assert.True(harness.Nodes[1].Neighbours.TryGet(1, out var seenByTwo));
        Assert.Equal(473977000 + 10000, seenByOne.Beacon.LatitudeE7);
        Assert.Equal(473977000, seenByTwo.Beacon.LatitudeE7);
        Assert.Equal(90, seenByOne.Beacon.BatteryPercent);
        Assert.Contains(harness.Events, e => e.Node == 0 && e.Event.Kind == MeshEventKind.NeighbourAdded && e.Event.NodeId == 2);
        Assert.Contains(harness.Events, e => e.Node == 1 && e.Event.Kind == MeshEventKind.NeighbourAdded && e.Event.NodeId == 1);
    }

    [Fact]
    public void Beacon_intervals_double_to_the_maximum_and_every_hint_bounds_the_next_gap()
    {
        var limits = NodeLimits.Esp32Leaf();
        var node = new MeshNode(new NodeIdentity(1, Capabilities.None), limits, NoOpMetrics.Instance, 99);
        byte[] frame = new byte[limits.FrameBytesMax];
        var sends = new List<(long AtMs, int HintMs)>();
        long now = 0;
        for (int step = 0; step < 400; step++)
        {
            node.Tick(now);
            while (node.TryDequeueOutgoing(frame, 0, out int count, out uint destination))
            {
                Assert.Equal(FrameHeader.NodeIdBroadcast, destination);
                Assert.Equal(WireError.None, FrameCodec.TryRead(frame, 0, count, limits.AuthTagBytes, out _, out int bodyOffset, out int bodyCount));
                Assert.Equal(WireError.None, BeaconBody.TryRead(frame, bodyOffset, bodyCount, out var body));
                sends.Add((now, body.IntervalHintMs));
            }

            Assert.True(node.NextDeadlineMs > now);
            now = node.NextDeadlineMs;
        }

        var gaps = sends.Zip(sends.Skip(1), (a, b) => (Gap: b.AtMs - a.AtMs, a.HintMs)).ToArray();
        Assert.All(gaps, g => Assert.True(g.Gap <= g.HintMs, $"gap {g.Gap} ms exceeds the announced hint {g.HintMs} ms"));
        Assert.True(gaps[0].Gap <= 3 * limits.BeaconIntervalMsMin, "starts fast: the rest of the first Imin interval plus the second, 2 Imin");
        var steady = gaps.Skip(gaps.Length / 2).Select(g => g.Gap).ToArray();
        long earliest = limits.BeaconIntervalMsMax - (limits.BeaconIntervalMsMax * limits.BeaconJitterPercent / 100);
        Assert.All(steady, gap => Assert.InRange(gap, earliest - limits.BeaconIntervalMsMax / 4, limits.BeaconIntervalMsMax + limits.BeaconIntervalMsMax / 4));
        Assert.Equal(limits.BeaconIntervalMsMax, node.BeaconIntervalMs);
        Assert.True(steady.Distinct().Count() > 10, "jitter varies the gaps");
        _output.WriteLine($"first gaps {string.Join(", ", gaps.Take(6).Select(g => g.Gap))} ms; steady {steady.Min()}..{steady.Max()} ms");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_gateway_beacons_at_power_on_and_other_nodes_within_their_first_interval(bool gateway)
    {
        var limits = (gateway ? NodeLimits.Gateway() : NodeLimits.Esp32Leaf()).WithWifiTiming();
        byte[] frame = new byte[limits.FrameBytesMax];
        var firstSendMs = new List<long>();
        for (ulong seed = 1; seed <= 64; seed++)
        {
            var node = new MeshNode(new NodeIdentity(1, Capabilities.CanParent), limits, NoOpMetrics.Instance, seed);
            long now = 1000;
            node.Tick(now);
            while (!node.TryDequeueOutgoing(frame, 0, out _, out _))
            {
                now = node.NextDeadlineMs;
                node.Tick(now);
            }

            firstSendMs.Add(now - 1000);
        }

        if (gateway)
        {
            Assert.All(firstSendMs, ms => Assert.Equal(0, ms));
        }
        else
        {
            Assert.All(firstSendMs, ms => Assert.InRange(ms, 0, limits.BeaconIntervalMsMin));
            Assert.True(firstSendMs.Distinct().Count() > 16, "nodes switched on together spread their first beacons");
        }
    }

    [Fact]
    public void A_silent_neighbour_is_reported_lost_and_a_leave_beacon_removes_at_once()
    {
        var limits = NodeLimits.Esp32Leaf();
        var harness = new NodeHarness(3, limits);
        harness.RunUntil(5000);
        Assert.Equal(2, harness.Nodes[0].Neighbours.Count);

        harness.Silenced.Add(1); // node 2 dies
        Assert.True(harness.Nodes[0].Neighbours.TryGet(2, out var lastSeen));
        long expected = lastSeen.LossDeadlineMs();
        harness.RunUntil(expected + 1000);
        var lost = harness.Events.Single(e => e.Node == 0 && e.Event.Kind == MeshEventKind.NeighbourLost);
        Assert.Equal(2u, lost.Event.NodeId);
        Assert.Equal(expected, lost.Event.AtMs); // exactly K announced intervals (+1/8 grace) after the last beacon

        Assert.True(harness.Nodes[2].Leave(harness.NowMs));
        harness.RunUntil(harness.NowMs + 1);
        Assert.Contains(harness.Events, e => e.Node == 0 && e.Event.Kind == MeshEventKind.NeighbourLeft && e.Event.NodeId == 3);
        Assert.False(harness.Nodes[0].Neighbours.TryGet(3, out _));
    }

    [Fact]
    public void Own_frames_coming_back_are_dropped_and_counted()
    {
        var limits = NodeLimits.Esp32Leaf();
        var metrics = new CounterMetrics();
        var node = new MeshNode(new NodeIdentity(5, Capabilities.None), limits, metrics, 1);
        node.Tick(0);
        node.Tick(node.NextDeadlineMs);
        byte[] frame = new byte[limits.FrameBytesMax];
        Assert.True(node.TryDequeueOutgoing(frame, 0, out int count, out _));
        Assert.Equal(ReceiveResult.DroppedOwnFrame, node.Receive(frame, 0, count, LinkInfo.None, 2000));
        Assert.Equal(1, metrics.Snapshot().DroppedOwnFrame);
        Assert.Equal(0, node.Neighbours.Count);
    }

    [Fact]
    public void Gps_noise_and_impossible_battery_are_not_beaconed()
    {
        var node = new MeshNode(new NodeIdentity(5, Capabilities.None), NodeLimits.Esp32Leaf(), NoOpMetrics.Instance, 1);
        Assert.False(node.UpdateSelf(SelfReading.At(950000000, 85456000, 50)));
        Assert.False(node.Self.HasPosition);
        Assert.Equal(50, node.Self.BatteryPercent);
        Assert.False(node.UpdateSelf(SelfReading.At(473977000, 85456000, 180)));
        Assert.True(node.Self.HasPosition);
        Assert.Equal(BeaconBody.BatteryUnknown, node.Self.BatteryPercent);
        Assert.True(node.UpdateSelf(SelfReading.Unknown));
    }

    [Fact]
    public void Full_outgoing_queue_and_event_ring_are_counted_not_grown()
    {
        var limits = NodeLimits.Esp32Leaf();
        var metrics = new CounterMetrics();
        var node = new MeshNode(new NodeIdentity(5, Capabilities.None), limits, metrics, 1);
        for (int i = 0; i < limits.OutgoingQueueCapacity + 3; i++)
        {
            node.Leave(i);
        }

        Assert.Equal(limits.OutgoingQueueCapacity, node.OutgoingCount);
        Assert.Equal(3, metrics.Snapshot().QueueFullEvents);

        var roomy = limits.Clone();
        roomy.NeighbourCapacity = 64; // room in the table, so every beacon is a NeighbourAdded event
        var listener = new MeshNode(new NodeIdentity(999, Capabilities.None), roomy, metrics, 1);
        var beacons = Fuzz.ValidBeaconFrames(limits.EventRingCapacity + 5, limits.AuthTagBytes);
        foreach (byte[] frame in beacons)
        {
            listener.Receive(frame, 0, frame.Length, LinkInfo.None, 10);
        }

        Assert.Equal(limits.EventRingCapacity, listener.EventCount);
        Assert.True(metrics.Snapshot().EventsDropped > 0);
    }

    [Fact]
    public void Clock_going_backwards_does_not_rewind_the_node()
    {
        var limits = NodeLimits.Esp32Leaf();
        var harness = new NodeHarness(2, limits);
        harness.RunUntil(3000);
        var node = harness.Nodes[0];
        long deadline = node.NextDeadlineMs;
        node.Tick(10); // host clock stepped back
        Assert.Equal(deadline, node.NextDeadlineMs);
        Assert.Equal(1, node.Neighbours.Count);
    }

    [Fact]
    public void Invalid_construction_is_refused_with_a_named_reason()
    {
        var limits = NodeLimits.Esp32Leaf();
        limits.ChildCapacity = 500;
        var error = Assert.Throws<ArgumentException>(() => new MeshNode(new NodeIdentity(1, Capabilities.None), limits, NoOpMetrics.Instance, 1));
        Assert.Contains("ChildCapacity", error.Message);
        Assert.Throws<ArgumentException>(() => new NodeIdentity(0, Capabilities.None));
        Assert.Throws<ArgumentException>(() => new NodeIdentity(0xFFFFFFFF, Capabilities.None));
    }
}
