using Peat.Edge.Core.Beacons;
using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Discovery
{
    /// <summary>
    /// Finds the neighbours best suited to a task: every candidate has all <c>required</c> capability
    /// flags and at least <c>minBatteryPercent</c> (an unknown battery means mains power and passes);
    /// candidates are ranked by
    /// <code>
    /// score = matched optional flags × OptionalFlagWeight + battery (0..1000) + link quality (0..1000) + closeness (0..1000)
    /// </code>
    /// where battery is percent × 10 (unknown = 1000), link quality is the table's reception ratio in per
    /// mille, and closeness falls to half at <see cref="DistanceHalfScoreM"/> (unknown distance = 500, as
    /// parent selection scores it). Ties go to the lowest id, so every run ranks the same way. Seeded
    /// static peers not yet heard are skipped: nothing is known about them.
    /// <para>No allocation and no sort: the best <c>k</c> are kept by insertion in the caller's own array
    /// window, which holds table indices while scanning and ids at the end.</para>
    /// </summary>
    public static class CapabilityQuery
    {
        /// <summary>Each matched optional flag is worth as much as a full battery.</summary>
        public const int OptionalFlagWeight = 1000;

        /// <summary>Distance at which closeness scores half (metres).</summary>
        public const int DistanceHalfScoreM = 200;

        /// <summary>
        /// Writes the ids of the best <paramref name="k"/> candidates, best first, into
        /// destination[offset .. offset + k) and returns how many there are (fewer when fewer match).
        /// </summary>
        public static int FindBest(NeighbourTable table, Capabilities required, Capabilities optional, int minBatteryPercent, long nowMs, uint[] destination, int offset, int k)
        {
            Invariant.InRange(table != null, "table", "is required");
            Invariant.InRange(destination != null && offset >= 0 && k >= 0 && offset <= destination.Length - k, "k", "offset and k must lie inside destination");
            Invariant.InRange(minBatteryPercent >= 0 && minBatteryPercent <= 100, "minBatteryPercent", "must be 0..100");
            int found = 0;
            for (int i = 0; i < table!.Count && k > 0; i++)
            {
                NeighbourEntry entry = table[i];
                if (!Qualifies(entry, required, minBatteryPercent))
                {
                    continue;
                }

                long score = Score(table, i, optional, nowMs);
                int at = found < k ? found : k; // k means "not among the best k"
                while (at > 0 && Beats(score, entry.NodeId, table, (int)destination![offset + at - 1], optional, nowMs))
                {
                    at--;
                }

                if (at == k)
                {
                    continue;
                }

                int last = found < k ? found : k - 1;
                for (int j = last; j > at; j--)
                {
                    destination![offset + j] = destination[offset + j - 1];
                }

                destination![offset + at] = (uint)i;
                found = found < k ? found + 1 : found;
            }

            for (int j = 0; j < found; j++)
            {
                destination![offset + j] = table[(int)destination[offset + j]].NodeId;
            }

            return found;
        }

        /// <summary>The ranking score of table entry <paramref name="index"/> (see the class summary).</summary>
        public static long Score(NeighbourTable table, int index, Capabilities optional, long nowMs)
        {
            NeighbourEntry entry = table[index];
            int matched = PopCount((ushort)(entry.Beacon.Capabilities & optional));
            int battery = entry.Beacon.BatteryPercent == BeaconBody.BatteryUnknown ? 1000 : entry.Beacon.BatteryPercent * 10;
            int link = table.LinkQualityPermille(index, nowMs);
            int closeness = entry.DistanceM < 0 ? 500 : (int)(1000L * DistanceHalfScoreM / (DistanceHalfScoreM + (long)entry.DistanceM));
            return ((long)matched * OptionalFlagWeight) + battery + link + closeness;
        }

        private static bool Qualifies(in NeighbourEntry entry, Capabilities required, int minBatteryPercent)
        {
            byte battery = entry.Beacon.BatteryPercent;
            bool batteryOk = battery == BeaconBody.BatteryUnknown || battery >= minBatteryPercent;
            return !entry.IsAwaitingBeacon && (entry.Beacon.Capabilities & required) == required && batteryOk;
        }

        /// <summary>True when (score, id) ranks above the kept candidate at table index <paramref name="keptIndex"/>.</summary>
        private static bool Beats(long score, uint nodeId, NeighbourTable table, int keptIndex, Capabilities optional, long nowMs)
        {
            long keptScore = Score(table, keptIndex, optional, nowMs);
            return score > keptScore || (score == keptScore && nodeId < table[keptIndex].NodeId);
        }

        private static int PopCount(int value)
        {
            int bits = 0;
            while (value != 0)
            {
                value &= value - 1;
                bits++;
            }

            return bits;
        }
    }
}
