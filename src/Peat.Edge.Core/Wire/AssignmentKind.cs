namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// What a directed assignment sets (a command's kind field). Values a node does not know travel and
    /// are relayed like any other, and the target refuses them, so a later version can add kinds.
    /// </summary>
    public enum AssignmentKind : byte
    {
        /// <summary>Not a kind; never sent.</summary>
        None = 0,

        /// <summary>Put the target in a geohash cell for leader election: value = the cell's bits, precision = its characters (1..12).</summary>
        Cell = 1,

        /// <summary>Fix the target's hierarchy level: value = 0..15.</summary>
        Level = 2,

        /// <summary>Attach the target to a parent: value = the parent's node id.</summary>
        Parent = 3,
    }
}
