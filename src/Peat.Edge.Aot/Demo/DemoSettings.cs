namespace Peat.Edge.Aot.Demo
{
    /// <summary>What one in-process demo run does: how many nodes, for how long (virtual), from which seed.</summary>
    public sealed record DemoSettings(int NodeCount, int DurationSeconds, ulong Seed)
    {
        /// <summary>Fewest nodes that make a mesh.</summary>
        public const int NodeCountMin = 2;

        /// <summary>Most nodes the demo runs; its output is meant to be read by a person.</summary>
        public const int NodeCountMax = 16;

        /// <summary>Nodes when not told: the smallest mesh, whose output fits a screen.</summary>
        public const int NodeCountDefault = 2;

        /// <summary>Virtual seconds when not told: ten beacon intervals.</summary>
        public const int DurationSecondsDefault = 10;

        /// <summary>Seed when not told.</summary>
        public const ulong SeedDefault = 1;

        /// <summary>Shortest run.</summary>
        public const int DurationSecondsMin = 1;

        /// <summary>Longest run: an hour of virtual time still finishes in well under a second.</summary>
        public const int DurationSecondsMax = 3600;
    }
}
