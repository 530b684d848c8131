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

        /// <summary>This node took a parent while it had none. NodeId: the parent; Value: this node's new rank.</summary>
        ParentSelected = 6,

        /// <summary>This node moved to another parent. NodeId: the new parent; Value: the old parent's id (as int).</summary>
        ParentChanged = 7,

        /// <summary>This node's parent was lost (missed beacons, leave, restart, or suspected after unacknowledged uplinks). NodeId: the old parent.</summary>
        ParentLost = 8,

        /// <summary>A neighbour now names this node as its parent.</summary>
        ChildAdded = 9,

        /// <summary>A child left, was lost, or chose another parent.</summary>
        ChildRemoved = 10,

        /// <summary>A same-level peer in this node's partition was found.</summary>
        LateralDiscovered = 11,

        /// <summary>A same-level peer is no longer one (lost, moved level or partition).</summary>
        LateralLost = 12,

        /// <summary>This node's role changed. Value: the new <c>NodeRole</c>.</summary>
        RoleChanged = 13,

        /// <summary>This node's level changed. Value: the new level.</summary>
        LevelChanged = 14,

        /// <summary>This node joined another partition (tree). Value: the new partition id.</summary>
        PartitionChanged = 15,

        /// <summary>This node became the root of a tree. Value: the partition id it announces.</summary>
        BecameRoot = 16,

        /// <summary>This node has no path to a root and announces an infinite rank so its descendants move.</summary>
        Detached = 17,

        /// <summary>
        /// Commander side: a directed assignment this node issued changed state (Pending when queued,
        /// then InProgress, Completed or Failed). NodeId: the target; Value: command id, state and reason
        /// packed as <c>Discovery.AssignmentEventValue</c> describes (bits 0-15 id, 16-23 reason, 24-31 state).
        /// </summary>
        AssignmentStatus = 18,

        /// <summary>
        /// Target side: this node answered a command addressed to it (one event per status it sent).
        /// NodeId: the commander; Value: packed as for <see cref="AssignmentStatus"/>.
        /// </summary>
        AssignmentAnswered = 19,

        /// <summary>
        /// A telemetry record was dropped because the buffer was full (the oldest goes to make room).
        /// NodeId: the record's origin; Value: its origin sequence (the 32 bits as an int).
        /// </summary>
        TelemetryDroppedOverflow = 20,

        /// <summary>A telemetry record was dropped at the hop limit. NodeId and Value as for <see cref="TelemetryDroppedOverflow"/>.</summary>
        TelemetryDroppedHopLimit = 21,

        /// <summary>
        /// A relay dropped a telemetry record too large for its own frames to carry on (sent by a node with
        /// larger limits). NodeId and Value as for <see cref="TelemetryDroppedOverflow"/>.
        /// </summary>
        TelemetryDroppedTooLarge = 22,

        /// <summary>
        /// A neighbour restarted with fresh state (<c>UpsertOutcome.Restarted</c>): its old entry is gone (as a
        /// child, lateral or parent) and it counts as newly heard.
        /// </summary>
        NeighbourRestarted = 23,

        /// <summary>
        /// This node's parent answered too few uplink frames and is suspected: the node leaves it, and takes it again
        /// only after its next beacon (<c>NeighbourFlags.Suspected</c>). NodeId: the parent.
        /// </summary>
        ParentSuspected = 24,
    }
}
