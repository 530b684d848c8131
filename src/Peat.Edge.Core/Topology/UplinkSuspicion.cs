namespace Peat.Edge.Core.Topology
{
    /// <summary>
    /// How many unanswered uplink frames in a row make a parent suspect. Over a good link a few do (a
    /// dead parent is noticed long before its beacons time out); over a lossy one a run of failures is
    /// mostly the link, so the count grows until such a run from loss alone would be unlikely: a frame and
    /// its acknowledgement both get through with probability q² (q the beacon reception ratio), and n
    /// failures in a row from loss alone have probability (1 − q²)ⁿ, which must fall below 1%.
    /// </summary>
    public static class UplinkSuspicion
    {
        /// <summary>A run of failures from loss alone may be this likely (per billion: 1%), no more.</summary>
        public const long LossRunOddsPerBillion = 10_000_000;

        /// <summary>
        /// A parent whose beacons keep coming but which answers no frame is suspected after this many times
        /// the failures above, counted since its last answer (its beacons do not reset this count).
        /// </summary>
        public const int SilentParentFactor = 4;

        private const long Billion = 1_000_000_000;

        /// <summary>The count never grows past this, however bad the link (a parent that bad is dropped by its link quality anyway).</summary>
        public const int FailuresCeiling = 64;

        /// <summary>Failures in a row before the parent is suspected: at least <paramref name="configured"/>, more over a lossy link.</summary>
        public static int FailuresBeforeSuspect(int configured, int linkQualityPermille)
        {
            long q = linkQualityPermille < 0 ? 0 : linkQualityPermille > 1000 ? 1000 : linkQualityPermille;
            long failPerBillion = Billion - (q * q * 1000); // 1 − q²
            long odds = Billion;
            int needed = 0;
            while (odds >= LossRunOddsPerBillion && needed < FailuresCeiling)
            {
                odds = ((odds * failPerBillion) + Billion - 1) / Billion; // rounded up: never too few failures
                needed++;
            }

            return needed > configured ? needed : configured;
        }
    }
}
