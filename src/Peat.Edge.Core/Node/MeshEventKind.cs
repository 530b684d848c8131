namespace Peat.Edge.Core.Node
{
    /// <summary>What happened, as reported to the host through the event ring.</summary>
    public enum MeshEventKind : byte
    {
        /// <summary>Not an event.</summary>
        None = 0,

        /// <summary>A node was heard for the first time (or again after it was lost).</summary>
        NeighbourAdded = 1,

        /// <summary>A neighbour's level, role, parent, partition or rank changed.</summary>
        NeighbourUpdated = 2,

        /// <summary>A neighbour missed too many beacons. Value: milliseconds since it was last heard.</summary>
        NeighbourLost = 3,

        /// <summary>A neighbour was dropped to make room for a new one (table full).</summary>
        NeighbourEvicted = 4,

        /// <summary>A neighbour announced it is shutting down (leave beacon).</summary>
        NeighbourLeft = 5,
    }
}
