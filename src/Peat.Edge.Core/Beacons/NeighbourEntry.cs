using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Beacons
{
    /// <summary>
    /// One neighbour as the beacon table holds it: its latest beacon plus reception bookkeeping.
    /// 56 bytes on a 64-bit runtime (a test checks the size; goal ≤ 64): 51 bytes of fields, <see cref="Flags"/>
    /// the last of them in what was padding. The distance is cached
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

        /// <summary>Static peer, awaiting a beacon (see <see cref="NeighbourFlags"/>).</summary>
        public NeighbourFlags Flags;

        /// <summary>Configured by the host (static discovery) rather than only learnt from beacons.</summary>
        public bool IsStatic => (Flags & NeighbourFlags.Static) != 0;

        /// <summary>A static peer not heard since it was seeded or last lost: its beacon fields are placeholders.</summary>
        public bool IsAwaitingBeacon => (Flags & NeighbourFlags.AwaitingBeacon) != 0;

        /// <summary>Share of the beacons in the reception window that arrived, per mille, over at least <see cref="NeighbourTable.ReceptionWindowMin"/> slots.</summary>
        public int ReceptionPermille => ReceivedIn(ReceptionMask, ReceptionWindow) * 1000 / (ReceptionWindow < NeighbourTable.ReceptionWindowMin ? NeighbourTable.ReceptionWindowMin : ReceptionWindow);

        /// <summary>
        /// The moment this neighbour counts as lost: K beacons that should have arrived did not. Over a
        /// link that delivers a share q of beacons, K expected arrivals take K/q announced intervals (q
        /// counted as at least 1/2, so never more than 2K intervals), plus a grace of 1/8 interval for
        /// delivery delay. A lossy link is not declared dead by its ordinary losses. Never for a static peer
        /// awaiting a beacon (there is nothing to lose).
        /// </summary>
        public long LossDeadlineMs(int missedBeaconsBeforeLoss)
        {
            if (IsAwaitingBeacon)
            {
                return long.MaxValue;
            }

            int hintMs = Beacon.IntervalHintMs;
            int reception = ReceptionPermille;
            reception = reception < 500 ? 500 : reception;
            return LastHeardMs + ((long)hintMs * missedBeaconsBeforeLoss * 1000 / reception) + (hintMs / 8);
        }

        /// <summary>Beacons that arrived among the <paramref name="window"/> newest slots of a reception mask.</summary>
        internal static int ReceivedIn(int mask, int window)
        {
            int bits = mask & (window >= 16 ? 0xFFFF : (1 << window) - 1);
            int count = 0;
            while (bits != 0)
            {
                bits &= bits - 1;
                count++;
            }

            return count;
        }
    }
}
