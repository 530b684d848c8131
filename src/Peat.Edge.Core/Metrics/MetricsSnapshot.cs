namespace Peat.Edge.Core.Metrics
{
    /// <summary>Counter values at one moment; a plain struct, so taking one allocates nothing.</summary>
    public struct MetricsSnapshot
    {
        /// <summary>Frames handed to Receive.</summary>
        public long FramesReceived;

        /// <summary>Frames decoded and applied.</summary>
        public long FramesAccepted;

        /// <summary>Frames dropped, all reasons.</summary>
        public long FramesDropped;

        /// <summary>Frames taken by the host to send.</summary>
        public long FramesSent;

        /// <summary>Bytes of frames taken by the host to send.</summary>
        public long BytesSent;

        /// <summary>Own beacons queued.</summary>
        public long BeaconsQueued;

        /// <summary>Neighbour beacons applied.</summary>
        public long BeaconsApplied;

        /// <summary>Neighbours that entered the table.</summary>
        public long NeighboursAdded;

        /// <summary>Neighbours that left the table.</summary>
        public long NeighboursLost;

        /// <summary>Neighbours evicted to make room.</summary>
        public long TableEvictions;

        /// <summary>Neighbours seen to restart (their old entry replaced by a new incarnation's).</summary>
        public long NeighboursRestarted;

        /// <summary>Parents suspected after unanswered uplink frames and left (kept in the table until their next beacon).</summary>
        public long ParentsSuspected;

        /// <summary>Frames not queued because the outgoing queue was full.</summary>
        public long QueueFullEvents;

        /// <summary>Events not recorded because the ring was full.</summary>
        public long EventsDropped;

        /// <summary>Flooded frames (commands, statuses) of other nodes queued to be passed on.</summary>
        public long FramesRelayed;

        /// <summary>Directed assignments refused because every slot was still open.</summary>
        public long AssignmentTableFullEvents;

        /// <summary>Frames emission control withheld (periodic beacons, relays, frames with no parent to go to).</summary>
        public long EmissionsSuppressed;

        /// <summary>Telemetry records this node's application submitted.</summary>
        public long TelemetrySubmitted;

        /// <summary>Telemetry records the next hop acknowledged (custody passed up).</summary>
        public long TelemetryForwarded;

        /// <summary>Telemetry records this node delivered to its host as a root.</summary>
        public long TelemetryDelivered;

        /// <summary>Telemetry records dropped because the buffer was full (the oldest make room).</summary>
        public long TelemetryDroppedOverflow;

        /// <summary>Telemetry records dropped because they had crossed the hop limit.</summary>
        public long TelemetryDroppedHopLimit;

        /// <summary>Telemetry records of other nodes refused, for lack of room or in a frame larger than this node takes (the sender keeps them).</summary>
        public long TelemetryRefused;

        /// <summary>Telemetry frames whose acknowledgement did not come in time (sent again).</summary>
        public long TelemetryAckTimeouts;

        /// <summary>Telemetry records dropped because no frame could carry them on: too large for a relay's own frames, or for the parent's (which said so).</summary>
        public long TelemetryDroppedTooLarge;

        /// <summary>Dropped: longer than the frame limit.</summary>
        public long DroppedTooLarge;

        /// <summary>Dropped: truncated.</summary>
        public long DroppedTruncated;

        /// <summary>Dropped: unsupported version.</summary>
        public long DroppedUnsupportedVersion;

        /// <summary>Dropped: unknown frame type.</summary>
        public long DroppedUnknownType;

        /// <summary>Dropped: malformed body.</summary>
        public long DroppedMalformed;

        /// <summary>Dropped: a field out of range.</summary>
        public long DroppedInvalidField;

        /// <summary>Dropped: invalid source id.</summary>
        public long DroppedInvalidSource;

        /// <summary>Dropped: this node's own frame.</summary>
        public long DroppedOwnFrame;

        /// <summary>Dropped: duplicate sequence.</summary>
        public long DroppedDuplicate;

        /// <summary>Dropped: older sequence while the newer is fresh.</summary>
        public long DroppedStale;

        /// <summary>Dropped: table full of fresh entries.</summary>
        public long DroppedTableFull;

        /// <summary>Dropped: a unicast frame for another node (overheard).</summary>
        public long DroppedNotAddressed;
    }
}
