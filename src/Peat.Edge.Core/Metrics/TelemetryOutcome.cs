namespace Peat.Edge.Core.Metrics
{
    /// <summary>What happened to telemetry records at one node (counted by <see cref="IMetrics.Telemetry"/>).</summary>
    public enum TelemetryOutcome : byte
    {
        /// <summary>The application submitted a record.</summary>
        Submitted = 0,

        /// <summary>The next hop acknowledged records: they are in its custody now.</summary>
        Forwarded = 1,

        /// <summary>A root handed records to its host (the end of their way).</summary>
        Delivered = 2,

        /// <summary>The buffer was full: the oldest record was dropped to make room.</summary>
        DroppedOverflow = 3,

        /// <summary>A record had crossed the hop limit and was dropped.</summary>
        DroppedHopLimit = 4,

        /// <summary>Another node's frame was refused, for lack of room or as larger than this node takes (it keeps the records and tries again).</summary>
        Refused = 5,

        /// <summary>A telemetry frame got no acknowledgement in time (one per frame).</summary>
        AckTimedOut = 6,

        /// <summary>A record too large to carry on was dropped: by a relay, for its own frames, or by any sender, for its parent's.</summary>
        DroppedTooLarge = 7,
    }
}
