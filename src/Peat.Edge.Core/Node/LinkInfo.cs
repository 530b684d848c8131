namespace Peat.Edge.Core.Node
{
    /// <summary>What the radio knew about a received frame. Unknown values are <see cref="Unknown"/>.</summary>
    public struct LinkInfo
    {
        /// <summary>Marker for a value the transport did not report.</summary>
        public const sbyte Unknown = sbyte.MinValue;

        /// <summary>Received signal strength in dBm (LoRa, Wi-Fi), or <see cref="Unknown"/>.</summary>
        public sbyte RssiDbm;

        /// <summary>Signal-to-noise ratio in dB (LoRa), or <see cref="Unknown"/>.</summary>
        public sbyte SnrDb;

        /// <summary>A link with no radio measurements (UDP, a wired serial line).</summary>
        public static LinkInfo None => new LinkInfo { RssiDbm = Unknown, SnrDb = Unknown };
    }
}
