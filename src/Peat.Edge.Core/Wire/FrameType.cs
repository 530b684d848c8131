namespace Peat.Edge.Core.Wire
{
    /// <summary>The message a frame carries (low nibble of the envelope's first byte).</summary>
    public enum FrameType : byte
    {
        /// <summary>Not a valid type on the wire.</summary>
        None = 0,

        /// <summary>A geographic beacon, which doubles as a heartbeat. Broadcast.</summary>
        Beacon = 1,

        // 2..15 are reserved for routing, commands and acknowledgements (later issues).
    }
}
