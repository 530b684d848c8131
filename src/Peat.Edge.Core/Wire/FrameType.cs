namespace Peat.Edge.Core.Wire
{
    /// <summary>The message a frame carries (low nibble of the envelope's first byte).</summary>
    public enum FrameType : byte
    {
        /// <summary>Not a valid type on the wire.</summary>
        None = 0,

        /// <summary>A geographic beacon, which doubles as a heartbeat. Broadcast, never relayed.</summary>
        Beacon = 1,

        /// <summary>A directed assignment from a commander (<see cref="CommandBody"/>). Flooded.</summary>
        Command = 2,

        /// <summary>A target's report on a command (<see cref="CommandStatusBody"/>). Flooded.</summary>
        CommandStatus = 3,

        /// <summary>Telemetry records going up the tree, one hop (<see cref="TelemetryBody"/>). Unicast to the parent, acknowledged.</summary>
        Telemetry = 4,

        /// <summary>A next hop's answer to one telemetry frame (<see cref="TelemetryAckBody"/>). Unicast, never relayed.</summary>
        TelemetryAck = 5,

        // 6..15 are reserved for commands down, lateral coordination and security (later issues).
    }
}
