namespace Peat.Edge.Sim.Placement
{
    /// <summary>How nodes are spread over the square area.</summary>
    public enum PlacementKind : byte
    {
        /// <summary>Uniformly at random in the square.</summary>
        Uniform = 1,

        /// <summary>Squads: centres uniform in the square, members normally distributed around them, clamped to the area.</summary>
        Clustered = 2,
    }
}
