namespace Peat.Edge.Sim.Links
{
    /// <summary>The named link profiles (the CLI's <c>--link</c>).</summary>
    public enum LinkKind : byte
    {
        /// <summary>802.11-like broadcast domain: ms delays, MTU-sized frames, no collisions (CSMA assumed).</summary>
        Wifi = 1,

        /// <summary>LoRa SF7/125 kHz: airtime by the Semtech formula, half-duplex, collisions, kilometres of range.</summary>
        Lora = 2,
    }
}
