namespace Peat.Edge.Core.Topology
{
    /// <summary>
    /// A partition id names one tree: the root draws it when it becomes root. Its high byte is the
    /// tree's weight (root-capable roots set the top bit, then their configured root priority), its low
    /// byte is random, so partitions are totally ordered by weight then id, as Thread orders them:
    /// the greater id is the better tree, and nodes move to it when they can.
    /// </summary>
    public static class PartitionIds
    {
        /// <summary>Weight bit of trees whose root may lead the top level.</summary>
        public const ushort RootCapableBit = 0x8000;

        /// <summary>The id a root with this weight and random byte announces.</summary>
        public static ushort Compose(bool rootCapable, byte rootPriority, byte random)
        {
            int weight = (rootCapable ? 0x80 : 0) | (rootPriority & 0x7F);
            return (ushort)((weight << 8) | random);
        }

        /// <summary>The tree's weight (root-capable bit and priority) in the high byte, its random byte cleared.</summary>
        public static ushort WeightOf(ushort partitionId)
        {
            return (ushort)(partitionId & 0xFF00);
        }

        /// <summary>True when the tree's root may lead the top level.</summary>
        public static bool IsRootCapable(ushort partitionId)
        {
            return (partitionId & RootCapableBit) != 0;
        }
    }
}
