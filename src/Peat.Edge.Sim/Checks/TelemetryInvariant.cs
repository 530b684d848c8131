using System.Globalization;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>Safety for telemetry: every generated packet is in exactly one bucket of the ledger, and no count is negative.</summary>
    public static class TelemetryInvariant
    {
        /// <summary>Null when the ledger balances, else a one-line description.</summary>
        public static string? Check(in TelemetryLedger ledger)
        {
            if (ledger.Generated < 0 || ledger.Delivered < 0 || ledger.Duplicates < 0 || ledger.BufferedNow < 0
                || ledger.InFlightNow < 0 || ledger.DroppedOverflow < 0 || ledger.DroppedOtherCounted < 0)
            {
                return "telemetry accounting: a negative count";
            }

            long unaccounted = ledger.Unaccounted;
            if (unaccounted == 0)
            {
                return null;
            }

            return string.Create(CultureInfo.InvariantCulture,
                $"telemetry accounting: generated {ledger.Generated} != delivered {ledger.Delivered} + buffered {ledger.BufferedNow} + in flight {ledger.InFlightNow} + dropped overflow {ledger.DroppedOverflow} + dropped other {ledger.DroppedOtherCounted} ({unaccounted} {(unaccounted > 0 ? "unaccounted" : "counted twice")})");
        }
    }
}
