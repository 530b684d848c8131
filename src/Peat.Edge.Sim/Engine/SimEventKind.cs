namespace Peat.Edge.Sim.Engine
{
    /// <summary>What a queued event does when its time comes.</summary>
    public enum SimEventKind : byte
    {
        /// <summary>A node's deadline: tick it if it is due (stale wakes are skipped by generation).</summary>
        Wake = 1,

        /// <summary>A node's radio is free again: send its next queued frame.</summary>
        RadioFree = 2,

        /// <summary>A frame arrives complete at its next receiver (links without collision modelling; one queued event per frame).</summary>
        Arrival = 3,

        /// <summary>A frame starts arriving at a receiver (collision-modelled links).</summary>
        ReceptionStart = 4,

        /// <summary>A frame finishes arriving at a receiver (collision-modelled links); delivered unless lost.</summary>
        ReceptionEnd = 5,

        /// <summary>A scheduled fault fires.</summary>
        Fault = 6,

        /// <summary>A temporary loss fault ends.</summary>
        LossEnd = 7,

        /// <summary>Periodic safety and liveness check.</summary>
        Check = 8,

        /// <summary>A node powers on (its plan's BootAtUs).</summary>
        Boot = 9,

        /// <summary>A node's sensor produces a telemetry record (every <c>SimConfig.TelemetryIntervalUs</c>).</summary>
        Telemetry = 10,
    }
}
