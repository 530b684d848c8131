using System;

namespace Peat.Edge.Sim.Links
{
    /// <summary>
    /// LoRa time on air, Semtech's formula (SX1276 datasheet §4.1.1.7, AN1200.13):
    /// <code>
    /// Tsym     = 2^SF / BW
    /// Tpreamble = (n_preamble + 4.25) · Tsym
    /// n_payload = 8 + max(ceil((8·PL − 4·SF + 28 + 16·CRC − 20·IH) / (4·(SF − 2·DE))) · (CR + 4), 0)
    /// T        = Tpreamble + n_payload · Tsym
    /// </code>
    /// PL payload bytes, IH = 1 for implicit header, DE = 1 with low-data-rate optimisation, CR 1..4 for 4/5..4/8.
    /// SF7/125 kHz/CR 4/5/8 symbols/explicit/CRC: 10 bytes → 41.216 ms, 51 bytes → 102.656 ms.
    /// </summary>
    public static class LoraAirtime
    {
        /// <summary>Symbol time in milliseconds.</summary>
        public static double SymbolMs(int spreadingFactor, double bandwidthHz)
        {
            return (1 << spreadingFactor) / bandwidthHz * 1000.0;
        }

        /// <summary>Payload symbols (including the 8 fixed ones) for <paramref name="payloadBytes"/>.</summary>
        public static int PayloadSymbols(int payloadBytes, int spreadingFactor, int codingRate, bool explicitHeader, bool crcOn, bool lowDataRateOptimize)
        {
            int numerator = (8 * payloadBytes) - (4 * spreadingFactor) + 28 + (crcOn ? 16 : 0) - (explicitHeader ? 0 : 20);
            int denominator = 4 * (spreadingFactor - (lowDataRateOptimize ? 2 : 0));
            int blocks = (int)Math.Ceiling((double)numerator / denominator);
            return 8 + Math.Max(blocks * (codingRate + 4), 0);
        }

        /// <summary>Time on air in milliseconds.</summary>
        public static double TimeOnAirMs(int payloadBytes, int spreadingFactor, double bandwidthHz, int codingRate, int preambleSymbols, bool explicitHeader, bool crcOn, bool lowDataRateOptimize)
        {
            if (payloadBytes < 0 || payloadBytes > 255)
            {
                throw new ArgumentOutOfRangeException(nameof(payloadBytes), "a LoRa payload is 0..255 bytes");
            }

            double symbolMs = SymbolMs(spreadingFactor, bandwidthHz);
            double preambleMs = (preambleSymbols + 4.25) * symbolMs;
            return preambleMs + (PayloadSymbols(payloadBytes, spreadingFactor, codingRate, explicitHeader, crcOn, lowDataRateOptimize) * symbolMs);
        }

        /// <summary>Time on air for the LoRa settings in <paramref name="parameters"/>.</summary>
        public static double TimeOnAirMs(int payloadBytes, LinkParameters parameters)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            return TimeOnAirMs(payloadBytes, parameters.SpreadingFactor, parameters.BandwidthHz, parameters.CodingRate,
                parameters.PreambleSymbols, parameters.ExplicitHeader, parameters.CrcOn, parameters.LowDataRateOptimize);
        }
    }
}
