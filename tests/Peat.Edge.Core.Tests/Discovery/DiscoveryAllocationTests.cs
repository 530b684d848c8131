using Peat.Edge.Core.Discovery;
using Peat.Edge.Core.Geo;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Discovery;

/// <summary>Commands, statuses, relays, assignments and capability queries allocate nothing once the node is built.</summary>
public sealed class DiscoveryAllocationTests
{
    private readonly ITestOutputHelper _output;

    public DiscoveryAllocationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Ten_thousand_command_and_status_frames_and_capability_queries_allocate_zero_bytes()
        => SteadyState.AssertAllocatesNothing(TenThousandCommandAndStatusFrames);

    private long TenThousandCommandAndStatusFrames()
    {
        const int Neighbours = 32;
        const uint Self = 1000;
        var limits = NodeLimits.Gateway();
        var metrics = new CounterMetrics();
        var node = new MeshNode(new NodeIdentity(Self, Capabilities.CanParent | Capabilities.RootCapable), limits, metrics, 9);
        node.UpdateSelf(SelfReading.At(473977000, 85456000, 70));
        byte[][] beacons = Fuzz.ValidBeaconFrames(Neighbours, limits.AuthTagBytes);
        byte[] frame = new byte[64];
        byte[] outgoing = new byte[limits.FrameBytesMax];
        uint[] best = new uint[8];
        ulong cellBits = Geohash.Encode(473977000, 85456000, 6).Bits;
        ushort sequence = 1;
        ushort statusSequence = 1;
        long now = 0;
        int frames = 0;
        int queries = 0;
        int completed = 0;

        void Receive(int length)
        {
            node.Receive(frame, 0, length, LinkInfo.None, now);
            frames++;
        }

        int Command(uint source, uint target, AssignmentKind kind, ulong value, int precision)
        {
            var body = new CommandBody { CommandId = sequence, TargetId = target, Kind = kind, Value = value, Precision = (byte)precision, HopsLeft = 4 };
            return FrameCodec.WriteCommand(new FrameHeader(FrameType.Command, FrameFlags.None, 0, source, sequence), body, limits.AuthTagBytes, frame, 0, frame.Length);
        }

        int Status(uint source, uint commander, ushort commandId, AssignmentState state)
        {
            statusSequence++;
            var body = new CommandStatusBody { CommandId = commandId, CommanderId = commander, TargetId = source, State = state, HopsLeft = 4 };
            return FrameCodec.WriteCommandStatus(new FrameHeader(FrameType.CommandStatus, FrameFlags.None, 0, source, statusSequence), body, limits.AuthTagBytes, frame, 0, frame.Length);
        }

        void Step()
        {
            now += 250;
            sequence++;
            foreach (byte[] beacon in beacons)
            {
                beacon[6] = (byte)(sequence >> 8);
                beacon[7] = (byte)sequence;
                node.Receive(beacon, 0, beacon.Length, LinkInfo.None, now);
            }

            // Floods of others (relayed), commands for this node (applied and answered), and this node's own
            // assignments answered by their target.
            Receive(Command(2000 + (uint)(sequence % 8), 3000, AssignmentKind.Level, 2, 0));
            Receive(Status(4000, 5000, sequence, AssignmentState.Completed));
            switch (sequence % 3)
            {
                case 0: Receive(Command(500, Self, AssignmentKind.Level, (ulong)(sequence % 16), 0)); break;
                case 1: Receive(Command(500, Self, AssignmentKind.Cell, cellBits, 6)); break;
                default: Receive(Command(500, Self, AssignmentKind.Parent, (ulong)(1 + (sequence % Neighbours)), 0)); break;
            }

            if (node.TryAssign(7, AssignmentKind.Level, 2, 0, now, out ushort id))
            {
                Receive(Status(7, Self, id, AssignmentState.InProgress));
                Receive(Status(7, Self, id, AssignmentState.Completed));
            }

            queries++;
            int found = CapabilityQuery.FindBest(node.Neighbours, Capabilities.None, Capabilities.Gps | Capabilities.Sensor, 20, now, best, 0, best.Length);
            Assert.True(found > 0);
            node.Tick(now);
            while (node.TryDequeueOutgoing(outgoing, 0, out _, out _))
            {
            }

            while (node.TryDequeueEvent(out MeshEvent e))
            {
                if (e.Kind == MeshEventKind.AssignmentStatus && AssignmentEventValue.State(e.Value) == AssignmentState.Completed)
                {
                    completed++;
                }
            }
        }

        for (int warm = 0; warm < 200; warm++)
        {
            Step();
        }

        frames = 0;
        queries = 0;
        completed = 0;
        var before = metrics.Snapshot();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        while (frames < 10_000)
        {
            Step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var after = metrics.Snapshot();
        _output.WriteLine($"{frames} command/status frames, {queries} capability queries, {allocated} bytes allocated; "
            + $"relayed {after.FramesRelayed - before.FramesRelayed}, own assignments completed {completed}, dropped {after.FramesDropped - before.FramesDropped}");
        Assert.True(after.FramesRelayed - before.FramesRelayed >= frames / 5 * 2 - 10);
        Assert.True(completed >= frames / 5 - 10);
        Assert.Equal(0, after.FramesDropped - before.FramesDropped);
        Assert.Equal(0, after.QueueFullEvents - before.QueueFullEvents);
        return allocated;
    }
}
