using MessagePack;

namespace Peat.Edge.Bench
{
    /// <summary>
    /// The beacon body as a MessagePack-CSharp contract: the same 11 positional fields, with nullable
    /// fields where the wire sends nil for "unknown", so it serializes to exactly the core's bytes.
    /// A class, as a typical MessagePack-CSharp user would write it; decoding therefore allocates one.
    /// </summary>
    [MessagePackObject]
    public sealed class BeaconDto
    {
        [Key(0)] public byte Level;
        [Key(1)] public byte Role;
        [Key(2)] public int? LatitudeE7;
        [Key(3)] public int? LongitudeE7;
        [Key(4)] public ushort Capabilities;
        [Key(5)] public int? BatteryPercent;
        [Key(6)] public byte LoadPercent;
        [Key(7)] public uint? ParentId;
        [Key(8)] public ushort PartitionId;
        [Key(9)] public ushort Rank;
        [Key(10)] public ushort IntervalHintDs;
    }
}
