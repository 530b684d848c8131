namespace Peat.Edge.Core.Beacons
{
    /// <summary>What <see cref="NeighbourTable.Upsert"/> did.</summary>
    public enum UpsertOutcome : byte
    {
        /// <summary>A new entry.</summary>
        Added = 0,

        /// <summary>An existing entry whose level, role, parent, partition or rank changed.</summary>
        Updated = 1,

        /// <summary>An existing entry refreshed with nothing topology-relevant changed.</summary>
        Refreshed = 2,

        /// <summary>The same sequence again: not applied.</summary>
        Duplicate = 3,

        /// <summary>An older sequence while the newer one is still fresh: not applied.</summary>
        Stale = 4,

        /// <summary>No room and nothing evictable: not applied.</summary>
        Full = 5,

        /// <summary>
        /// The neighbour restarted: its beacon carries <c>FrameFlags.FreshStart</c> and the one before did not, or
        /// both did and its sequence is one the old incarnation could not have reached (<see cref="NeighbourTable"/>,
        /// "Restart"). The entry was replaced by a new one, as for <see cref="Added"/>; the entry it replaced is given
        /// as the one that left.
        /// </summary>
        Restarted = 6,
    }
}
