using System.Runtime.CompilerServices;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Beacons
{
    /// <summary>
    /// One neighbour as the beacon table holds it: its latest beacon plus reception bookkeeping.
    /// 56 bytes on a 64-bit runtime (a test checks the size; goal ≤ 64): 54 bytes of fields, <see cref="Flags"/>,
    /// <see cref="LossAverage"/> and <see cref="LossMisses"/> the last of them in what was padding. The distance is cached
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

        /// <summary>
        /// Long-run share of this neighbour's beacons that were lost, in 1/65536: an average weighted 1/32
        /// per beacon slot (about the last 32 sequence numbers), steadier than the 16-slot window. The loss
        /// rule takes the worse of the two, so a window that happened to catch every beacon of a link
        /// losing 15% is not taken for a perfect link (which would time the neighbour out after K misses).
        /// </summary>
        public ushort LossAverage;

        /// <summary>
        /// Misses before loss under the loss rule (<see cref="MissesBeforeLoss"/> with the table's K, looked up
        /// in its <see cref="LossRuleTable"/>), set by the table whenever a beacon is applied, since the earliest
        /// loss deadline is read after every beacon.
        /// </summary>
        public byte LossMisses;

        /// <summary>Most misses <see cref="LossMisses"/> can hold (the rule's 3K, so K is at most 85; <c>NodeLimits</c> allows 15).</summary>
        public const int MissesBeforeLossMax = 255;

        /// <summary>Configured by the host (static discovery) rather than only learnt from beacons.</summary>
        public bool IsStatic => (Flags & NeighbourFlags.Static) != 0;

        /// <summary>A static peer not heard since it was seeded or last lost: its beacon fields are placeholders.</summary>
        public bool IsAwaitingBeacon => (Flags & NeighbourFlags.AwaitingBeacon) != 0;

        /// <summary>Suspected after unanswered uplink frames, with no beacon applied since (see <see cref="NeighbourFlags.Suspected"/>).</summary>
        public bool IsSuspected => (Flags & NeighbourFlags.Suspected) != 0;

        /// <summary>Share of the beacons in the reception window that arrived, per mille, over at least <see cref="NeighbourTable.ReceptionWindowMin"/> slots.</summary>
        public int ReceptionPermille => ReceivedIn(ReceptionMask, ReceptionWindow) * 1000 / (ReceptionWindow < NeighbourTable.ReceptionWindowMin ? NeighbourTable.ReceptionWindowMin : ReceptionWindow);

        /// <summary>
        /// The moment this neighbour counts as lost: at least K beacons that should have arrived did not,
        /// and more over a lossy link: as many misses in a row as make a false loss (ordinary losses
        /// only, at the link's observed loss share L) no likelier than <see cref="FalseLossPpmMax"/>, that is
        /// L^m ≤ 10⁻⁴. Over a perfect link that is K announced intervals, at 10% loss 4, at 15% 5, at 25% 7, and
        /// never more than 3K (a neighbour that bad is still noticed gone within three times the usual time). Plus a grace
        /// of 1/8 interval for delivery delay. Never for a static peer awaiting a beacon (there is nothing to lose).
        /// The miss count is the one the table cached when the beacon was applied (<see cref="LossMisses"/>).
        /// </summary>
        [MethodImpl(Inlining.Aggressive)]
        public long LossDeadlineMs()
        {
            if (IsAwaitingBeacon)
            {
                return long.MaxValue;
            }

            int hintMs = Beacon.IntervalHintMs;
            return LastHeardMs + ((long)hintMs * LossMisses) + (hintMs / 8);
        }

        /// <summary>The reception share the loss rule uses, per mille: the worse of the 16-slot window and the running average.</summary>
        public int LossRuleReceptionPermille
        {
            get
            {
                int averagedPermille = 1000 - (int)(((long)LossAverage * 1000) >> 16);
                int window = ReceptionPermille;
                return averagedPermille < window ? averagedPermille : window;
            }
        }

        /// <summary>Shift of the loss average's weight: 1/32 per beacon slot.</summary>
        private const int LossAverageShift = 5;

        /// <summary>The loss average after <paramref name="missed"/> lost slots and one received beacon (at most 32 lost slots are counted).</summary>
        [MethodImpl(Inlining.Aggressive)]
        internal static ushort AverageLoss(ushort average, int missed)
        {
            int value = average;
            int lost = missed > 32 ? 32 : missed;
            for (int i = 0; i < lost; i++)
            {
                value += (0xFFFF - value) >> LossAverageShift;
            }

            value -= value >> LossAverageShift;
            return (ushort)value;
        }

        /// <summary>A false loss after this many misses in a row is at most this likely (parts per million): 10⁻⁴.</summary>
        public const int FalseLossPpmMax = 100;

        /// <summary>Smallest m in K..3K with L^m ≤ <see cref="FalseLossPpmMax"/>, L = 1 − reception; 3K when none is.</summary>
        internal static int MissesBeforeLoss(int missedBeaconsBeforeLoss, int receptionPermille)
        {
            int lossPermille = 1000 - receptionPermille;
            if (lossPermille <= 0)
            {
                return missedBeaconsBeforeLoss; // nothing lost in the window: the common case, no loop
            }

            long falsePpm = 1000000;
            int misses = 0;
            while (misses < 3 * missedBeaconsBeforeLoss && (misses < missedBeaconsBeforeLoss || falsePpm > FalseLossPpmMax))
            {
                falsePpm = falsePpm * lossPermille / 1000;
                misses++;
            }

            return misses;
        }

        /// <summary>Beacons that arrived among the <paramref name="window"/> newest slots of a reception mask.</summary>
        [MethodImpl(Inlining.Aggressive)]
        internal static int ReceivedIn(int mask, int window)
        {
            // Population count of 16 bits, branch-free (nanoFramework has no BitOperations).
            int bits = mask & (window >= 16 ? 0xFFFF : (1 << window) - 1);
            bits -= (bits >> 1) & 0x5555;
            bits = (bits & 0x3333) + ((bits >> 2) & 0x3333);
            bits = (bits + (bits >> 4)) & 0x0F0F;
            return (bits + (bits >> 8)) & 0x1F;
        }
    }
}
