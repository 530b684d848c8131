namespace Peat.Edge.Core.Topology
{
    /// <summary>
    /// Rank is a node's path cost to its root (RPL-like, 16 bits on the wire): the expected transmission
    /// count of the path (ETX, as RPL's MRHOF uses) in units of 1/256. Every hop adds at least
    /// <see cref="StepMin"/> (a perfect link), 256/q over a link of reception ratio q, so ranks strictly
    /// increase away from the root, a lossy hop costs what its retransmissions cost, and the
    /// feasibility rule (<see cref="FeasibilityTable"/>) can refuse descendants as parents.
    /// </summary>
    public static class Rank
    {
        /// <summary>A root's rank.</summary>
        public const ushort Root = 256;

        /// <summary>The least a hop adds (a perfect link).</summary>
        public const ushort StepMin = 256;

        /// <summary>Not attached: no path to a root (also "poison": descendants must move).</summary>
        public const ushort Infinite = 0xFFFF;

        /// <summary>Largest rank a path may have; longer paths count as not attached.</summary>
        public const ushort Max = 0xFF00;

        /// <summary>Worst reception ratio (per mille) a hop's cost is computed for; worse links cost this much (10 transmissions).</summary>
        public const int QualityFloorPermille = 100;

        /// <summary>Rank through a parent: parent rank plus 256 × ETX of the link (256 over a perfect link, 512 at 50%, 853 at 30%).</summary>
        public static ushort Through(ushort parentRank, int linkQualityPermille)
        {
            int quality = linkQualityPermille < QualityFloorPermille ? QualityFloorPermille : linkQualityPermille > 1000 ? 1000 : linkQualityPermille;
            int rank = parentRank + (StepMin * 1000 / quality);
            return rank >= Max ? Infinite : (ushort)rank;
        }

        /// <summary>Hops to the root a rank stands for, at least 1 for a root (used to prefer shallow parents).</summary>
        public static int Hops(ushort rank)
        {
            return rank / StepMin;
        }
    }
}
