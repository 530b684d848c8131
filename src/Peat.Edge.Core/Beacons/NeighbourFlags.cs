using System;

namespace Peat.Edge.Core.Beacons
{
    /// <summary>How a neighbour entry came to be, beyond the beacons heard from it.</summary>
    [Flags]
    public enum NeighbourFlags : byte
    {
        /// <summary>A neighbour learnt from its beacons.</summary>
        None = 0,

        /// <summary>
        /// Configured (static discovery): never removed by missed beacons or a leave, only
        /// put back to <see cref="AwaitingBeacon"/>; never evicted to make room.
        /// </summary>
        Static = 1,

        /// <summary>
        /// A static peer with no beacon heard since it was seeded or last lost: its beacon fields are
        /// placeholders (rank infinite, no capabilities, no position), so it is neither a parent
        /// candidate nor a lateral peer, and it has no loss deadline.
        /// </summary>
        AwaitingBeacon = 2,

        /// <summary>
        /// One of this node's tracked lateral peers (set and cleared only by the topology engine, so the
        /// lateral update and the cell election are one pass over the table, linear in its size).
        /// </summary>
        Lateral = 4,

        /// <summary>
        /// The neighbour's latest beacon carried <c>FrameFlags.FreshStart</c> (it started recently): a beacon
        /// with the flag after one without it is a restart, and after one with it only when its sequence says so
        /// (<see cref="UpsertOutcome.Restarted"/>).
        /// </summary>
        FreshStart = 8,

        /// <summary>
        /// This node's uplink frames to the neighbour, its parent, went unanswered until it was suspected: it is no
        /// parent candidate until a beacon of it is applied after that. The entry (and its reception record) is kept,
        /// so one beacon is enough to trust it again; a dead parent still times out by the loss rule.
        /// </summary>
        Suspected = 16,
    }
}
