using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Beacons
{
    /// <summary>
    /// One neighbour as the beacon table holds it: its latest beacon plus reception bookkeeping.
    /// 48 bytes on a 64-bit runtime (a test checks the size; goal ≤ 64). The distance is cached
    /// because parent selection reads it on every evaluation; geohash cells are derived when queried.
    /// </summary>
    public struct NeighbourEntry
    {
        /// <summary>When the latest beacon was applied (host monotonic ms).</summary>
        public long LastHeardMs;

        /// <summary>The neighbour's id.</summary>
        public uint NodeId;

        /// <summary>Distance from this node in metres, or -1 when either position is unknown (kept current by the table).</summary>
        public int DistanceM;

        /// <summary>The latest beacon body.</summary>
        public BeaconBody Beacon;

        /// <summary>Sequence of the latest beacon.</summary>
        public ushort LastSequence;

        /// <summary>Bit i set = the beacon i sequence steps before the latest one arrived (bit 0 = latest).</summary>
        public ushort ReceptionMask;

        /// <summary>How many bits of <see cref="ReceptionMask"/> are meaningful (1..16).</summary>
        public byte ReceptionWindow;

        /// <summary>RSSI of the latest beacon, or <c>LinkInfo.Unknown</c>.</summary>
        public sbyte RssiDbm;

        /// <summary>SNR of the latest beacon, or <c>LinkInfo.Unknown</c>.</summary>
        public sbyte SnrDb;

        /// <summary>The moment this neighbour counts as lost: K expected beacons missed, plus a grace of 1/8 interval for delivery delay.</summary>
        public long LossDeadlineMs(int missedBeaconsBeforeLoss)
        {
            int hintMs = Beacon.IntervalHintMs;
            return LastHeardMs + ((long)hintMs * missedBeaconsBeforeLoss) + (hintMs / 8);
        }
    }
}
