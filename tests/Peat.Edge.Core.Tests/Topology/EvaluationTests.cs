using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Core.Tests.Topology;

/// <summary>What one evaluation decides is consistent within itself: the level follows a parent chosen in the same evaluation.</summary>
public sealed class EvaluationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void A_node_takes_its_new_parents_level_in_the_evaluation_that_attaches_it(byte parentLevel)
    {
        NodeLimits limits = NodeLimits.Gateway().WithWifiTiming();
        var node = new MeshNode(new NodeIdentity(50, Capabilities.CanParent), limits, NoOpMetrics.Instance, 1);
        node.UpdateSelf(SelfReading.At(473977000, 85456000, 80));
        node.Tick(0);
        var parent = new BeaconBody
        {
            Level = parentLevel,
            Role = NodeRole.Member,
            HasPosition = true,
            LatitudeE7 = 473977100,
            LongitudeE7 = 85456100,
            Capabilities = Capabilities.CanParent,
            BatteryPercent = 90,
            PartitionId = 0x8A01,
            Rank = (ushort)(Rank.Root + (parentLevel * Rank.StepMin)),
            IntervalHintDs = 3,
        };
        byte[] frame = new byte[64];
        bool attached = false;
        for (ushort sequence = 1; sequence <= 8 && !attached; sequence++)
        {
            int length = FrameCodec.WriteBeacon(new FrameHeader(FrameType.Beacon, FrameFlags.None, 0, 7, sequence), parent, limits.AuthTagBytes, frame, 0, frame.Length);
            node.Receive(frame, 0, length, LinkInfo.None, sequence * 250L);
            attached = node.ParentId == 7;
        }

        Assert.True(attached, "the node chose the only candidate within eight of its beacons");
        // Checked right after the Receive whose evaluation attached it: no later evaluation has run.
        Assert.Equal(parentLevel + 1, node.Level);
    }
}
