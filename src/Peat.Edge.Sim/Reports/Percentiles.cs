using System;
using System.Collections.Generic;

namespace Peat.Edge.Sim.Reports
{
    /// <summary>Nearest-rank percentiles: the smallest value with at least p % of the values at or below it (always an observed value).</summary>
    public static class Percentiles
    {
        /// <summary>The <paramref name="percent"/> percentile of <paramref name="values"/>, or null when there are none.</summary>
        public static double? NearestRank(IReadOnlyList<double> values, double percent)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.Count == 0)
            {
                return null;
            }

            double[] sorted = new double[values.Count];
            for (int i = 0; i < sorted.Length; i++)
            {
                sorted[i] = values[i];
            }

            Array.Sort(sorted);
            int rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
            return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
        }
    }
}
