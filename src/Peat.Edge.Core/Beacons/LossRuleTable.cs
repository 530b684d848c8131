namespace Peat.Edge.Core.Beacons
{
    /// <summary>
    /// The loss rule's miss count (<see cref="NeighbourEntry.MissesBeforeLoss"/>) for one K, by lookup: every
    /// applied beacon needs it, and over a lossy link the rule's loop ran up to 3K steps with a division each.
    /// For each count m in K..3K-1 the table holds the highest loss (per mille) that m misses cover; the rule's
    /// answer is the first m whose threshold reaches the link's loss (3K when none does). Exact: the rule's
    /// false-loss odds rise with the loss and fall with m, so each m covers a range 0..threshold.
    /// Taken at construction: 2K shorts.
    /// </summary>
    internal sealed class LossRuleTable
    {
        private const int PermilleMax = 1000;

        private readonly int _missedBeaconsBeforeLoss;
        private readonly short[] _lossPermilleMax;

        /// <summary>Computes the thresholds for K = <paramref name="missedBeaconsBeforeLoss"/> (1..85).</summary>
        public LossRuleTable(int missedBeaconsBeforeLoss)
        {
            _missedBeaconsBeforeLoss = missedBeaconsBeforeLoss;
            _lossPermilleMax = new short[2 * missedBeaconsBeforeLoss];
            for (int i = 0; i < _lossPermilleMax.Length; i++)
            {
                _lossPermilleMax[i] = (short)HighestLossCovered(missedBeaconsBeforeLoss, missedBeaconsBeforeLoss + i);
            }
        }

        /// <summary>Equals <c>NeighbourEntry.MissesBeforeLoss(K, receptionPermille)</c>.</summary>
        public int MissesBeforeLoss(int receptionPermille)
        {
            int lossPermille = PermilleMax - receptionPermille;
            short[] thresholds = _lossPermilleMax;
            for (int i = 0; i < thresholds.Length; i++)
            {
                if (lossPermille <= thresholds[i])
                {
                    return _missedBeaconsBeforeLoss + i;
                }
            }

            return 3 * _missedBeaconsBeforeLoss;
        }

        // The highest loss in 0..1000 for which the rule answers m or fewer misses (the answer grows with the
        // loss), found by halving; at least 0, since no loss needs K misses and m is never below K here.
        private static int HighestLossCovered(int missedBeaconsBeforeLoss, int misses)
        {
            int low = 0, high = PermilleMax; // the answer at 0 loss is K <= misses; search the last loss still covered
            while (low < high)
            {
                int middle = (low + high + 1) / 2;
                if (NeighbourEntry.MissesBeforeLoss(missedBeaconsBeforeLoss, PermilleMax - middle) <= misses)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return low;
        }
    }
}
