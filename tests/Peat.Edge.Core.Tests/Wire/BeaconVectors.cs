using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Tests.Wire;

/// <summary>
/// The normative test vectors of docs/wire-format.md. Each is the frame's bytes in hex (envelope,
/// body, 8-byte tag) and the fields it carries; a test checks the doc shows exactly these bytes.
/// </summary>
public static class BeaconVectors
{
    public sealed record Vector(string Name, string Hex, FrameFlags Flags, byte KeyId, uint SourceId, ushort Sequence, BeaconBody Body);

    public static readonly Vector Typical = new(
        "typical",
        "11000a00000201029b0201ce1c4050a8ce0517f4802d5719ce0a000001cd1234cd0200320000000000000000",
        FrameFlags.None, 0, 0x0A000002, 0x0102,
        new BeaconBody
        {
            Level = 2, Role = NodeRole.Member, HasPosition = true, LatitudeE7 = 473977000, LongitudeE7 = 85456000,
            Capabilities = Capabilities.CanParent | Capabilities.Gps | Capabilities.BatteryPowered | Capabilities.Sensor,
            BatteryPercent = 87, LoadPercent = 25, ParentId = 0x0A000001, PartitionId = 0x1234, Rank = 512, IntervalHintDs = 50,
        });

    public static readonly Vector NoFix = new(
        "no-fix",
        "11000000000700019b0000c0c000c000c000cdffff0a0000000000000000",
        FrameFlags.None, 0, 0x00000007, 1,
        new BeaconBody
        {
            Level = 0, Role = NodeRole.Standalone, HasPosition = false, Capabilities = Capabilities.None,
            BatteryPercent = BeaconBody.BatteryUnknown, LoadPercent = 0, ParentId = 0, PartitionId = 0, Rank = 0xFFFF, IntervalHintDs = 10,
        });

    public static readonly Vector Leave = new(
        "leave",
        "111300c0ffee80019b0102d2ebd00800ce5a20b548cc936464ce00c0ffed0764cd17700000000000000000",
        FrameFlags.Leave, 3, 0x00C0FFEE, 0x8001,
        new BeaconBody
        {
            Level = 1, Role = NodeRole.Leader, HasPosition = true, LatitudeE7 = -338688000, LongitudeE7 = 1512093000,
            Capabilities = Capabilities.CanParent | Capabilities.RootCapable | Capabilities.Uplink | Capabilities.Relay,
            BatteryPercent = 100, LoadPercent = 100, ParentId = 0x00C0FFED, PartitionId = 7, Rank = 100, IntervalHintDs = 6000,
        });

    public static readonly Vector Maximal = new(
        "maximal",
        "113ffffffffeffff9b0f02d2ca5b1701d294b62e01cdffff6464cefffffffecdffffcdffffcdffff0000000000000000",
        FrameFlags.Leave | FrameFlags.AckRequested, FrameHeader.KeyIdMax, 0xFFFFFFFE, 0xFFFF,
        new BeaconBody
        {
            Level = BeaconBody.LevelMax, Role = NodeRole.Leader, HasPosition = true, LatitudeE7 = -899999999, LongitudeE7 = -1799999999,
            Capabilities = (Capabilities)0xFFFF, BatteryPercent = 100, LoadPercent = 100, ParentId = 0xFFFFFFFE,
            PartitionId = 0xFFFF, Rank = 0xFFFF, IntervalHintDs = 0xFFFF,
        });

    public static readonly Vector[] All = { Typical, NoFix, Leave, Maximal };

    /// <summary>
    /// A version-1 reader must accept a beacon array with extra trailing elements (a later version's
    /// fields) and decode the first eleven. Typical's fields, with "x" and 1 appended.
    /// </summary>
    public const string ForwardCompatibleHex = "11000a00000201029d0201ce1c4050a8ce0517f4802d5719ce0a000001cd1234cd020032a178010000000000000000";
}
