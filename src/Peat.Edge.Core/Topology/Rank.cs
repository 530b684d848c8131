namespace Peat.Edge.Core.Topology
{
    /// <summary>
    /// Rank is a node's path cost to its root (RPL-like, 16 bits on the wire). Every hop adds at least
    /// <see cref="StepMin"/>, more over a worse link, so ranks strictly increase away from the root and a
    /// node's descendants always rank at least <see cref="StepMin"/> above it. That is what the
    /// feasibility rule (<see cref="FeasibilityTable"/>) relies on to refuse descendants as parents.
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

        /// <summary>Rank through a parent: parent rank plus 256 over a perfect link, up to 512 over the worst usable one.</summary>
        public static ushort Through(ushort parentRank, int linkQualityPermille)
        {
            int quality = linkQualityPermille < 0 ? 0 : linkQualityPermille > 1000 ? 1000 : linkQualityPermille;
            int rank = parentRank + StepMin + ((1000 - quality) * StepMin / 1000);
            return rank >= Max ? Infinite : (ushort)rank;
        }

        /// <summary>Hops to the root a rank stands for, at least 1 for a root (used to prefer shallow parents).</summary>
        public static int Hops(ushort rank)
        {
            return rank / StepMin;
        }
    }
}
