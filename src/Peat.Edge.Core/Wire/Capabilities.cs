using System;

namespace Peat.Edge.Core.Wire
{
    /// <summary>What a node can do, as beaconed (16 bits on the wire; the low 7 fit one MessagePack byte).</summary>
    [Flags]
    public enum Capabilities : ushort
    {
        /// <summary>Nothing advertised.</summary>
        None = 0,

        /// <summary>May take children (decided per device class, not by RAM size).</summary>
        CanParent = 1 << 0,

        /// <summary>May lead the top level (a command post or one of its alternates).</summary>
        RootCapable = 1 << 1,

        /// <summary>Has a position source.</summary>
        Gps = 1 << 2,

        /// <summary>Runs on a battery (so its battery level matters to others).</summary>
        BatteryPowered = 1 << 3,

        /// <summary>Has an uplink beyond the mesh.</summary>
        Uplink = 1 << 4,

        /// <summary>Produces telemetry.</summary>
        Sensor = 1 << 5,

        /// <summary>Acts on commands.</summary>
        Actuator = 1 << 6,

        /// <summary>Forwards frames for others.</summary>
        Relay = 1 << 7,

        /// <summary>Moving right now (set by the node from its readings): a poor choice of leader.</summary>
        Mobile = 1 << 8,
    }
}
