namespace Peat.Edge.Sim.Placement
{
    /// <summary>How to place the nodes of a run (all drawn from the seed by <see cref="NodePlacement"/>).</summary>
    public sealed record PlacementSpec
    {
        /// <summary>Uniform or clustered squads.</summary>
        public PlacementKind Kind { get; init; } = PlacementKind.Uniform;

        /// <summary>Number of nodes (ids 1..Nodes).</summary>
        public int Nodes { get; init; } = 100;

        /// <summary>Side of the square area in metres.</summary>
        public double AreaM { get; init; } = 1000;

        /// <summary>
        /// Nodes 1..this are root-capable (a command post and its alternates), placed on a small circle
        /// around the centre so a partition down the middle leaves one on each side.
        /// </summary>
        public int RootCapableCount { get; init; } = 3;

        /// <summary>Share of the other nodes that may parent (squad leaders, relays); the rest are leaf sensors.</summary>
        public double CanParentShare { get; init; } = 0.2;

        /// <summary>Squads for clustered placement; 0 = one per 10 nodes.</summary>
        public int Squads { get; init; }

        /// <summary>Standard deviation of a member's distance from its squad centre, per axis, in metres; 0 = 0.3 × link range (set by the config).</summary>
        public double SquadSigmaM { get; init; } = 75;

        /// <summary>Radius of the circle the root-capable nodes sit on, as a share of the area side.</summary>
        public double RootCircleShare { get; init; } = 0.06;
    }
}
