using Peat.Edge.Core.Hierarchy;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Rng;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Topology;

/// <summary>Topology evaluation and strategy decisions allocate nothing, while the neighbourhood keeps changing.</summary>
public sealed class TopologyAllocationTests
{
    private readonly ITestOutputHelper _output;

    public TopologyAllocationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> Strategies() => new() { "dynamic", "hybrid", "static" };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Parent_switches_tree_changes_elections_and_lateral_churn_allocate_zero_bytes(string strategyName)
        => SteadyState.AssertAllocatesNothing(() => ChurnWith(strategyName));

    private long ChurnWith(string strategyName)
    {
        const int Neighbours = 64;
        var limits = NodeLimits.Gateway().WithWifiTiming();
        limits.ParentDwellMs = 2000; // switches happen within the run
        IHierarchyStrategy strategy = strategyName switch
        {
            "dynamic" => new DynamicHierarchyStrategy(),
            "hybrid" => new HybridHierarchyStrategy(baselineLevel: 3, maxPromotionLevels: 2, promotionBatteryMinPercent: 30, cooldownMs: 5000),
            _ => new StaticHierarchyStrategy(3, NodeRole.Member),
        };
        var metrics = new CounterMetrics();
        var node = new MeshNode(new NodeIdentity(5000, Capabilities.CanParent), limits, metrics, 11, strategy);
        node.UpdateSelf(SelfReading.At(473977000, 85456000, 70));
        var random = new Pcg32(2026);
        byte[] frame = new byte[64];
        byte[] outgoing = new byte[limits.FrameBytesMax];
        ushort[] sequences = new ushort[Neighbours];
        long now = 0;
        int parentChanges = 0, partitionChanges = 0, lateralEvents = 0, roleOrLevelChanges = 0, operations = 0;

        void Step()
        {
            now += 20;
            int i = (int)random.NextBelow(Neighbours);
            sequences[i]++;
            var body = new BeaconBody
            {
                // Levels 0..3, ranks moving, two trees, loads and batteries changing: the best parent keeps changing.
                Level = (byte)(i % 4),
                Role = NodeRole.Member,
                HasPosition = true,
                LatitudeE7 = 473977000 + (i * 30),
                LongitudeE7 = 85456000 + ((int)random.NextBelow(200) * 30),
                Capabilities = Capabilities.CanParent | ((i & 1) == 0 ? Capabilities.BatteryPowered : Capabilities.None),
                BatteryPercent = (byte)random.NextBelow(101),
                LoadPercent = (byte)random.NextBelow(100),
                ParentId = (i % 5 == 0) ? 5000u : 0, // some name us as their parent: children come and go
                PartitionId = (ushort)((now / 60_000) % 2 == 0 ? 0x8A01 : (i < 32 ? 0x8A01 : 0x8B02)),
                Rank = (ushort)(Rank.Root + ((i % 4) * Rank.StepMin) + random.NextBelow(200)),
                IntervalHintDs = 10,
            };
            int length = FrameCodec.WriteBeacon(new FrameHeader(FrameType.Beacon, FrameFlags.None, 0, (uint)(i + 1), sequences[i]), body, limits.AuthTagBytes, frame, 0, frame.Length);
            node.Receive(frame, 0, length, LinkInfo.None, now);
            if (node.NextDeadlineMs <= now)
            {
                node.Tick(now);
            }

            while (node.TryDequeueOutgoing(outgoing, 0, out _, out _))
            {
            }

            while (node.TryDequeueEvent(out MeshEvent e))
            {
                parentChanges += e.Kind is MeshEventKind.ParentChanged or MeshEventKind.ParentSelected ? 1 : 0;
                partitionChanges += e.Kind == MeshEventKind.PartitionChanged ? 1 : 0;
                lateralEvents += e.Kind is MeshEventKind.LateralDiscovered or MeshEventKind.LateralLost ? 1 : 0;
                roleOrLevelChanges += e.Kind is MeshEventKind.RoleChanged or MeshEventKind.LevelChanged ? 1 : 0;
            }

            operations++;
        }

        for (int warm = 0; warm < 5000; warm++)
        {
            Step();
        }

        parentChanges = partitionChanges = lateralEvents = roleOrLevelChanges = operations = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (operations < 100_000)
        {
            Step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        _output.WriteLine($"{strategyName}: {operations} beacons, {allocated} bytes; parent changes {parentChanges}, partition changes {partitionChanges}, "
            + $"lateral events {lateralEvents}, role/level changes {roleOrLevelChanges}, children now {node.ChildCount}");
        Assert.True(parentChanges > 10, "parent selection really switched");
        Assert.True(partitionChanges > 2, "tree changes really happened");
        Assert.True(lateralEvents > 10, "lateral peers really came and went");
        if (strategyName != "static")
        {
            Assert.True(roleOrLevelChanges > 2, "the strategy really decided something");
        }

        return allocated;
    }
}
