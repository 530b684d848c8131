using System;

namespace Peat.Edge.Sim.Links
{
    /// <summary>
    /// Every number a link model uses, with the profile defaults documented in docs/simulator.md. Get a
    /// profile from <see cref="Wifi"/> or <see cref="Lora"/> and change fields with <c>with { ... }</c>.
    /// Loss on a directed link i→j for one frame is
    /// <c>min(1, ExtraLossProbability + fault loss + DistanceLossFactor·(d/RangeM)^DistanceLossExponent + asymmetric extra)</c>.
    /// </summary>
    public sealed record LinkParameters
    {
        /// <summary>Which profile this is.</summary>
        public LinkKind Kind { get; init; }

        /// <summary>Beyond this distance two nodes do not hear each other at all.</summary>
        public double RangeM { get; init; }

        /// <summary>Side of the square area for 100 nodes; the default area grows with √(nodes/100) so density stays the same.</summary>
        public double AreaMPer100Nodes { get; init; }

        /// <summary>Bits per second on the air (Wi-Fi airtime = 8·bytes / bitrate; LoRa's is the Semtech formula, this is informational).</summary>
        public double BitrateBps { get; init; }

        /// <summary>The largest value of each delay part (<see cref="DelayMs"/>, <see cref="DelayJitterMs"/>, <see cref="PerLinkDelayMsMax"/>).</summary>
        public const double DelayMsMax = 60_000;

        /// <summary>Fixed part of the delivery delay after the frame's airtime (MAC, stack, propagation).</summary>
        public double DelayMs { get; init; }

        /// <summary>Uniform random extra delay 0..this per frame and receiver.</summary>
        public double DelayJitterMs { get; init; }

        /// <summary>Loss at the edge of range is this (plus extra loss); it falls off as (d/range)^exponent towards the sender.</summary>
        public double DistanceLossFactor { get; init; }

        /// <summary>Exponent of the distance loss term.</summary>
        public double DistanceLossExponent { get; init; } = 4.0;

        /// <summary>Loss added to every frame on every link (the CLI's <c>--loss</c>), 0..1.</summary>
        public double ExtraLossProbability { get; init; }

        /// <summary>Share of directed links (seeded) that get <see cref="AsymmetricExtraLoss"/>, 0..1.</summary>
        public double AsymmetryProbability { get; init; }

        /// <summary>Extra loss on an asymmetric directed link (its reverse direction is unaffected), 0..1.</summary>
        public double AsymmetricExtraLoss { get; init; } = 0.5;

        /// <summary>Each directed link gets a fixed extra delay drawn uniformly from 0..this (seeded).</summary>
        public double PerLinkDelayMsMax { get; init; }

        /// <summary>Largest frame the link carries; nodes are built with FrameBytesMax = this.</summary>
        public int MtuBytes { get; init; }

        /// <summary>Received power one metre from the sender (log-distance model for the LinkInfo handed to nodes).</summary>
        public double RssiAt1mDbm { get; init; }

        /// <summary>Received power at <see cref="RangeM"/>: the receiver's sensitivity, which is why range ends there.</summary>
        public double RssiAtRangeDbm { get; init; }

        /// <summary>Noise floor for the SNR the link reports; NaN when the radio reports no SNR (Wi-Fi).</summary>
        public double NoiseFloorDbm { get; init; } = double.NaN;

        /// <summary>A node cannot receive while it transmits, and a transmission start drops receptions in progress.</summary>
        public bool HalfDuplex { get; init; }

        /// <summary>Two receptions overlapping in time at one receiver are both lost (no capture effect).</summary>
        public bool Collisions { get; init; }

        /// <summary>Transmit duty-cycle limit as a fraction (0.01 = 1 %); 0 = no limit. After a frame of airtime T the radio waits T·(1/duty − 1).</summary>
        public double DutyCycle { get; init; }

        /// <summary>LoRa spreading factor (7..12).</summary>
        public int SpreadingFactor { get; init; } = 7;

        /// <summary>LoRa bandwidth in Hz.</summary>
        public double BandwidthHz { get; init; } = 125000;

        /// <summary>LoRa coding rate as 4/(4+CR): 1 = 4/5 … 4 = 4/8.</summary>
        public int CodingRate { get; init; } = 1;

        /// <summary>LoRa programmed preamble length in symbols.</summary>
        public int PreambleSymbols { get; init; } = 8;

        /// <summary>LoRa explicit header mode (the header costs airtime but carries length and coding rate).</summary>
        public bool ExplicitHeader { get; init; } = true;

        /// <summary>LoRa payload CRC on.</summary>
        public bool CrcOn { get; init; } = true;

        /// <summary>LoRa low-data-rate optimisation (needed at SF11/12 on 125 kHz; off at SF7).</summary>
        public bool LowDataRateOptimize { get; init; }

        /// <summary>
        /// Wi-Fi: 1000 m square per 100 nodes and 250 m range (about 15–20 neighbours, several hops across),
        /// 1 Mbit/s, 2 ms + 0–3 ms delay, loss 0.3·(d/range)^4, MTU 1200. No collisions: CSMA/CA is assumed
        /// to resolve contention, whose cost is inside the delay.
        /// </summary>
        public static LinkParameters Wifi()
        {
            return new LinkParameters
            {
                Kind = LinkKind.Wifi,
                RangeM = 250,
                AreaMPer100Nodes = 1000,
                BitrateBps = 1_000_000,
                DelayMs = 2,
                DelayJitterMs = 3,
                DistanceLossFactor = 0.3,
                MtuBytes = 1200,
                RssiAt1mDbm = -30,
                RssiAtRangeDbm = -90,
                HalfDuplex = false,
                Collisions = false,
            };
        }

        /// <summary>
        /// LoRa: SF7, 125 kHz, CR 4/5, 8-symbol preamble, explicit header, CRC on, LDRO off; 3 km range in an
        /// 8 km square per 100 nodes; loss 0.2·(d/range)^4; half-duplex; collisions; MTU 255; no duty-cycle
        /// limit unless set (EU868 sub-bands use 0.01).
        /// </summary>
        public static LinkParameters Lora()
        {
            return new LinkParameters
            {
                Kind = LinkKind.Lora,
                RangeM = 3000,
                AreaMPer100Nodes = 8000,
                BitrateBps = 7 * 125000.0 * 4 / 5 / 128,
                DelayMs = 0,
                DelayJitterMs = 0,
                DistanceLossFactor = 0.2,
                MtuBytes = 255,
                RssiAt1mDbm = -30,
                RssiAtRangeDbm = -123,
                NoiseFloorDbm = -117,
                HalfDuplex = true,
                Collisions = true,
                DutyCycle = 0,
            };
        }

        /// <summary>The profile named <paramref name="name"/> ("wifi", "lora"), or null.</summary>
        public static LinkParameters? ForName(string name)
        {
            switch (name)
            {
                case "wifi": return Wifi();
                case "lora": return Lora();
                default: return null;
            }
        }

        /// <summary>The CLI name of a kind.</summary>
        public static string NameOf(LinkKind kind)
        {
            return kind == LinkKind.Lora ? "lora" : "wifi";
        }

        /// <summary>Null when every field is in range, else a one-line message naming the field.</summary>
        public string? Validate()
        {
            if (!(RangeM > 0)) return "LinkParameters.RangeM must be positive";
            if (!(BitrateBps > 0)) return "LinkParameters.BitrateBps must be positive";
            if (!IsDelay(DelayMs) || !IsDelay(DelayJitterMs) || !IsDelay(PerLinkDelayMsMax)) return "LinkParameters delays must be 0..60000 ms";
            if (!IsProbability(ExtraLossProbability)) return "LinkParameters.ExtraLossProbability must be 0..1";
            if (!IsProbability(AsymmetryProbability)) return "LinkParameters.AsymmetryProbability must be 0..1";
            if (!IsProbability(AsymmetricExtraLoss)) return "LinkParameters.AsymmetricExtraLoss must be 0..1";
            if (!IsProbability(DistanceLossFactor)) return "LinkParameters.DistanceLossFactor must be 0..1";
            if (!(DutyCycle >= 0 && DutyCycle <= 1)) return "LinkParameters.DutyCycle must be 0..1 (0 = no limit)";
            if (MtuBytes < 72 || MtuBytes > 65507) return "LinkParameters.MtuBytes must be 72..65507";
            if (SpreadingFactor < 6 || SpreadingFactor > 12) return "LinkParameters.SpreadingFactor must be 6..12";
            if (CodingRate < 1 || CodingRate > 4) return "LinkParameters.CodingRate must be 1..4 (4/5..4/8)";
            if (!(BandwidthHz > 0)) return "LinkParameters.BandwidthHz must be positive";
            return null;
        }

        // A minute bounds every delay part: far beyond any radio, and well inside what the radio's arrival keys and per-link delays hold.
        private static bool IsDelay(double ms)
        {
            return ms >= 0 && ms <= DelayMsMax;
        }

        private static bool IsProbability(double value)
        {
            return value >= 0 && value <= 1;
        }

        /// <summary>Microseconds from milliseconds, rounded to nearest.</summary>
        internal static long ToUs(double ms)
        {
            return (long)Math.Round(ms * 1000.0, MidpointRounding.AwayFromZero);
        }
    }
}
