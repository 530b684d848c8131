namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// Stream ids for <see cref="SimRandom"/>: one per purpose, so each purpose draws from an independent
    /// sequence of the same seed. Values are arbitrary but fixed forever (changing one changes every replay).
    /// </summary>
    public static class RandomStream
    {
        /// <summary>Node positions, capabilities, batteries.</summary>
        public const ulong Placement = 0x706C6163;

        /// <summary>Which directed links are asymmetric, per-link fixed delays.</summary>
        public const ulong LinkShape = 0x6C696E6B;

        /// <summary>Per-frame loss and delay jitter while the simulation runs.</summary>
        public const ulong Channel = 0x6368616E;

        /// <summary>Fault targets chosen at random, swarm plans.</summary>
        public const ulong Faults = 0x6661756C;

        /// <summary>Swarm scenario parameters (loss, asymmetry, placement).</summary>
        public const ulong Swarm = 0x7377726D;

        /// <summary>When each node's telemetry starts within its first interval.</summary>
        public const ulong Telemetry = 0x74656C65;
    }
}
