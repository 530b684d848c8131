using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Core.Tests.Limits;

public sealed class NodeLimitsTests
{
    [Fact]
    public void Presets_are_valid_and_ordered_by_size()
    {
        var leaf = NodeLimits.Esp32Leaf();
        var gateway = NodeLimits.Gateway();
        leaf.Validate();
        gateway.Validate();
        new NodeLimits().Validate();
        Assert.True(leaf.NeighbourCapacity < gateway.NeighbourCapacity);
        Assert.True(leaf.FrameBytesMax <= 255, "a leaf frame fits a LoRa payload");
        Assert.True(FrameCodec.BeaconFrameBytesMax(leaf.AuthTagBytes) <= leaf.FrameBytesMax);
    }

    public static TheoryData<string, Action<NodeLimits>> InvalidCases() => new()
    {
        { "NeighbourCapacity", l => l.NeighbourCapacity = 1 },
        { "NeighbourCapacity", l => l.NeighbourCapacity = 5000 },
        { "ChildCapacity", l => l.ChildCapacity = 128 },
        { "ChildCapacity", l => { l.NeighbourCapacity = 4; l.ChildCapacity = 4; } },
        { "LateralPeerCapacity", l => l.LateralPeerCapacity = -1 },
        { "EventRingCapacity", l => l.EventRingCapacity = 0 },
        { "OutgoingQueueCapacity", l => l.OutgoingQueueCapacity = 1 },
        { "FrameBytesMax", l => l.FrameBytesMax = 40 },
        { "TelemetryBufferBytes", l => l.TelemetryBufferBytes = 10 },
        { "DuplicateCacheCapacity", l => l.DuplicateCacheCapacity = 0 },
        { "HopLimit", l => l.HopLimit = 0 },
        { "BeaconIntervalMsMin", l => l.BeaconIntervalMsMin = 10 },
        { "BeaconIntervalMsMax", l => { l.BeaconIntervalMsMin = 5000; l.BeaconIntervalMsMax = 1000; } },
        { "BeaconIntervalMsMax", l => l.BeaconIntervalMsMax = 7_000_000 },
        { "BeaconJitterPercent", l => l.BeaconJitterPercent = 60 },
        { "MissedBeaconsBeforeLoss", l => l.MissedBeaconsBeforeLoss = 0 },
        { "AuthTagBytes", l => l.AuthTagBytes = 2 },
        { "RankIncreaseMax", l => l.RankIncreaseMax = 0 },
        { "RankIncreaseMax", l => l.RankIncreaseMax = 0xFFFF },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_values_are_rejected_naming_the_field(string field, Action<NodeLimits> breakIt)
    {
        var limits = NodeLimits.Esp32Leaf();
        breakIt(limits);
        var error = Assert.Throws<ArgumentException>(limits.Validate);
        Assert.Equal(field, error.ParamName);
        Assert.StartsWith("NodeLimits." + field, error.Message);
    }

    [Fact]
    public void Clone_is_independent()
    {
        var original = NodeLimits.Gateway();
        var copy = original.Clone();
        copy.NeighbourCapacity = 3;
        Assert.Equal(256, original.NeighbourCapacity);
    }
}
