using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Node;

/// <summary>The steady state allocates nothing; construction stays inside a documented budget.</summary>
public sealed class AllocationTests
{
    /// <summary>Bytes constructing an ESP32-leaf node may take (docs/architecture.md, "Memory").</summary>
    private const long Esp32LeafConstructionBudgetBytes = 16 * 1024;

    private readonly ITestOutputHelper _output;

    public AllocationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Steady_state_with_64_neighbours_allocates_zero_bytes() => SteadyState.AssertAllocatesNothing(SteadyStateWith64Neighbours);

    private long SteadyStateWith64Neighbours()
    {
        const int Neighbours = 64;
        var limits = NodeLimits.Gateway();
        var metrics = new CounterMetrics();
        var node = new MeshNode(new NodeIdentity(1000, Capabilities.CanParent), limits, metrics, 7);
        node.UpdateSelf(SelfReading.At(473977000, 85456000, 70));
        byte[][] frames = Fuzz.ValidBeaconFrames(Neighbours, limits.AuthTagBytes);
        byte[] outgoing = new byte[limits.FrameBytesMax];
        ushort sequence = 1;
        long now = 0;
        int operations = 0;

        void Step()
        {
            // Each round: every neighbour beacons (one in eight stays silent for a while, so expiry and
            // re-adding run too), the node ticks, sends its own beacons and the host drains its events.
            now += 250;
            sequence++;
            for (int i = 0; i < Neighbours; i++)
            {
                if ((i & 7) == 0 && (sequence / 32) % 2 == 1)
                {
                    continue;
                }

                byte[] frame = frames[i];
                frame[6] = (byte)(sequence >> 8);
                frame[7] = (byte)sequence;
                node.Receive(frame, 0, frame.Length, LinkInfo.None, now);
                operations++;
            }

            node.Tick(now);
            while (node.TryDequeueOutgoing(outgoing, 0, out _, out _))
            {
                operations++;
            }

            while (node.TryDequeueEvent(out _))
            {
            }

            operations++;
        }

        for (int warm = 0; warm < 200; warm++)
        {
            Step();
        }

        operations = 0;
        var before = metrics.Snapshot();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        while (operations < 100_000)
        {
            Step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var after = metrics.Snapshot();
        _output.WriteLine($"{operations} operations, {allocated} bytes allocated; beacons applied {after.BeaconsApplied - before.BeaconsApplied}, "
            + $"lost {after.NeighboursLost - before.NeighboursLost}, added {after.NeighboursAdded - before.NeighboursAdded}, sent {after.FramesSent - before.FramesSent}");
        // The run really exercised the paths it claims to.
        Assert.True(after.NeighboursLost - before.NeighboursLost > 100);
        Assert.True(after.NeighboursAdded - before.NeighboursAdded > 100);
        Assert.True(after.FramesSent - before.FramesSent > 100);
        Assert.Equal(0, after.FramesDropped - before.FramesDropped);
        return allocated;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Telemetry_up_two_hops_with_lost_acknowledgements_allocates_zero_bytes(bool largerFramesBelow)
        => SteadyState.AssertAllocatesNothing(() => TelemetryUpTwoHops(largerFramesBelow));

    private long TelemetryUpTwoHops(bool largerFramesBelow)
    {
        // Root 1 - relay 2 - leaf 3 on a line, the host loop written out: frames go only to the addressee,
        // every seventh acknowledgement is lost (timeouts, copies, retries); the root's host takes what
        // arrived only every 2 s into an 8-record inbox (refusals, smaller frames), and the leaf's 4-record
        // buffer overflows (evictions, also of records in flight). With larger frames below, the relay and
        // the leaf build 1,200-byte frames under the root's 255: the relay learns the root's limit from a
        // refusal and drops the leaf's 300-byte records, which no frame of the root's fits; a stranger's
        // oversize frame to the root every 2 s is refused with its limit.
        NodeLimits limits = new NodeLimits().WithWifiTiming();
        limits.FirstBeaconDelayMsMax = 200;
        NodeLimits rootLimits = limits.Clone();
        rootLimits.TelemetryInboxCount = 8;
        if (largerFramesBelow)
        {
            limits.FrameBytesMax = 1200;
            limits.TelemetryPayloadBytesMax = 400;
        }

        NodeLimits leafLimits = limits.Clone();
        leafLimits.TelemetryBufferCount = 4;
        var metrics = new[] { new CounterMetrics(), new CounterMetrics(), new CounterMetrics() };
        var nodes = new MeshNode[3];
        for (int i = 0; i < 3; i++)
        {
            Capabilities caps = i == 0 ? Capabilities.CanParent | Capabilities.RootCapable : Capabilities.CanParent;
            nodes[i] = new MeshNode(new NodeIdentity((uint)(i + 1), caps, (byte)(i == 0 ? 100 : 0)), i == 0 ? rootLimits : i == 2 ? leafLimits : limits, metrics[i], (ulong)(i + 1));
            nodes[i].UpdateSelf(SelfReading.At(473977000 + (i * 10000), 85456000, 80));
        }

        byte[] frame = new byte[limits.FrameBytesMax];
        byte[] payload = new byte[16];
        byte[] largePayload = new byte[300];
        byte[] strangers = new byte[400];
        int strangersLength = TelemetryBody.WriteHeader(strangers, FrameHeader.Bytes, 1, 8);
        for (int i = 0; i < 8; i++)
        {
            strangersLength = TelemetryRecord.Write(strangers, strangersLength, 9, (uint)i, 0, new byte[30], 0, 30);
        }

        new FrameHeader(FrameType.Telemetry, FrameFlags.None, 0, 9, 1).WriteTo(strangers, 0);
        strangersLength += limits.AuthTagBytes;
        long now = 0;
        long acks = 0;

        void Step()
        {
            now += 50;
            for (int i = 0; i < 3; i++)
            {
                if (nodes[i].NextDeadlineMs <= now)
                {
                    nodes[i].Tick(now);
                }
            }

            if (now % 500 == 0)
            {
                nodes[2].TrySubmitTelemetry(payload, 0, payload.Length, now, out _);
            }

            if (now % 2000 == 0)
            {
                nodes[1].TrySubmitTelemetry(payload, 0, payload.Length, now, out _);
                if (largerFramesBelow)
                {
                    nodes[0].Receive(strangers, 0, strangersLength, LinkInfo.None, now);
                }
            }

            if (largerFramesBelow && now % 5000 == 0)
            {
                nodes[2].TrySubmitTelemetry(largePayload, 0, largePayload.Length, now, out _);
            }

            bool moved = true;
            while (moved)
            {
                moved = false;
                for (int i = 0; i < 3; i++)
                {
                    while (nodes[i].TryDequeueOutgoing(frame, 0, out int count, out uint to))
                    {
                        moved = true;
                        bool lostAck = (frame[0] & 0x0f) == (byte)FrameType.TelemetryAck && ++acks % 7 == 0;
                        for (int j = 0; j < 3; j++)
                        {
                            bool addressed = to == FrameHeader.NodeIdBroadcast || to == nodes[j].NodeId;
                            if (j != i && Math.Abs(i - j) == 1 && addressed && !lostAck)
                            {
                                nodes[j].Receive(frame, 0, count, LinkInfo.None, now);
                            }
                        }
                    }
                }
            }

            while (now % 2000 == 0 && nodes[0].TryDequeueTelemetry(frame, 0, out _, out _, out _))
            {
            }

            for (int i = 0; i < 3; i++)
            {
                while (nodes[i].TryDequeueEvent(out _))
                {
                }
            }
        }

        for (int warm = 0; warm < 4000; warm++)
        {
            Step();
        }

        Assert.Equal(1u, nodes[2].ParentId == 2 ? nodes[1].ParentId : 0);
        var rootBefore = metrics[0].Snapshot();
        var leafBefore = metrics[2].Snapshot();
        var relayBefore = metrics[1].Snapshot();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 40_000; step++)
        {
            Step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long delivered = metrics[0].Snapshot().TelemetryDelivered - rootBefore.TelemetryDelivered;
        long timeouts = metrics[2].Snapshot().TelemetryAckTimeouts - leafBefore.TelemetryAckTimeouts + metrics[1].Snapshot().TelemetryAckTimeouts - relayBefore.TelemetryAckTimeouts;
        long copies = metrics[1].Snapshot().DroppedDuplicate - relayBefore.DroppedDuplicate + metrics[0].Snapshot().DroppedDuplicate - rootBefore.DroppedDuplicate;
        long refused = metrics[0].Snapshot().TelemetryRefused - rootBefore.TelemetryRefused;
        long evicted = metrics[2].Snapshot().TelemetryDroppedOverflow - leafBefore.TelemetryDroppedOverflow;
        _output.WriteLine($"{allocated} bytes allocated; delivered {delivered}, timeouts {timeouts}, copies {copies}, refused {refused}, evicted {evicted}");
        Assert.True(delivered > 1000, "telemetry flowed");
        Assert.True(timeouts > 10 && copies > 10, "lost acknowledgements were exercised");
        Assert.True(refused > 10 && evicted > 10, "refusals and evictions were exercised");
        if (largerFramesBelow)
        {
            Assert.True(metrics[0].Snapshot().DroppedTooLarge - rootBefore.DroppedTooLarge > 100, "oversize frames were refused");
            Assert.True(metrics[1].Snapshot().TelemetryDroppedTooLarge - relayBefore.TelemetryDroppedTooLarge > 50, "records too large for the root's frames were dropped");
        }

        return allocated;
    }

    [Fact]
    public void Constructing_an_Esp32_leaf_node_stays_inside_its_budget()
    {
        var limits = NodeLimits.Esp32Leaf();
        var identity = new NodeIdentity(1, Capabilities.Sensor);
        _ = new MeshNode(identity, limits, NoOpMetrics.Instance, 1); // warm up type loading
        long before = GC.GetAllocatedBytesForCurrentThread();
        var node = new MeshNode(identity, limits, NoOpMetrics.Instance, 1);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        _output.WriteLine($"ESP32 leaf node construction: {bytes} bytes (budget {Esp32LeafConstructionBudgetBytes})");
        Assert.InRange(bytes, 1, Esp32LeafConstructionBudgetBytes);
        GC.KeepAlive(node);

        var gatewayLimits = NodeLimits.Gateway();
        before = GC.GetAllocatedBytesForCurrentThread();
        var gateway = new MeshNode(identity, gatewayLimits, NoOpMetrics.Instance, 1);
        _output.WriteLine($"gateway node construction: {GC.GetAllocatedBytesForCurrentThread() - before} bytes");
        GC.KeepAlive(gateway);
    }
}
