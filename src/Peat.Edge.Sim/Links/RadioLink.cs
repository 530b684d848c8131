namespace Peat.Edge.Sim.Links
{
    /// <summary>
    /// One directed link i→j inside radio range, with everything fixed for the run: distance, the loss
    /// that does not change (distance term plus asymmetric extra), the link's fixed extra delay and the
    /// signal the receiver reports. 20 bytes, stored contiguously per sender.
    /// </summary>
    public struct RadioLink
    {
        /// <summary>Receiver index.</summary>
        public int To;

        /// <summary>Great-circle distance between the two nodes (the core's GeoDistance).</summary>
        public float DistanceM;

        /// <summary>Distance loss plus asymmetric extra loss, before the run-wide extra loss is added.</summary>
        public float BaseLossProbability;

        /// <summary>This link's fixed extra delay.</summary>
        public int ExtraDelayUs;

        /// <summary>RSSI the receiver reports.</summary>
        public sbyte RssiDbm;

        /// <summary>SNR the receiver reports (LinkInfo.Unknown when the radio has none).</summary>
        public sbyte SnrDb;

        /// <summary>True when this direction was drawn asymmetric (extra loss).</summary>
        public bool Asymmetric;
    }
}
