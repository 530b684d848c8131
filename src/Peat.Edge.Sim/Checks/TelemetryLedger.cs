namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// Mesh-wide telemetry counts at one instant, as an <see cref="ITelemetryAccounting"/> reports them.
    /// Every generated packet must be in exactly one bucket: delivered (first copy at a root), buffered
    /// in some node, in flight (queued or on the air), dropped by a counted overflow, or dropped for
    /// another counted reason (hop limit, lost with a killed node, link loss after retries).
    /// </summary>
    public readonly struct TelemetryLedger
    {
        /// <summary>Creates a ledger.</summary>
        public TelemetryLedger(long generated, long delivered, long duplicates, long bufferedNow, long inFlightNow, long droppedOverflow, long droppedOtherCounted, long aggregationRawBytes = 0, long aggregationBytes = 0)
        {
            Generated = generated;
            Delivered = delivered;
            Duplicates = duplicates;
            BufferedNow = bufferedNow;
            InFlightNow = inFlightNow;
            DroppedOverflow = droppedOverflow;
            DroppedOtherCounted = droppedOtherCounted;
            AggregationRawBytes = aggregationRawBytes;
            AggregationBytes = aggregationBytes;
        }

        /// <summary>Packets produced by sensors.</summary>
        public long Generated { get; }

        /// <summary>Distinct packets that reached a root (first copy only).</summary>
        public long Delivered { get; }

        /// <summary>Extra copies that reached a root (not counted in <see cref="Delivered"/>).</summary>
        public long Duplicates { get; }

        /// <summary>Packets held in node buffers right now.</summary>
        public long BufferedNow { get; }

        /// <summary>Packets queued for sending or on the air right now.</summary>
        public long InFlightNow { get; }

        /// <summary>Packets dropped because a bounded buffer was full (counted by the node).</summary>
        public long DroppedOverflow { get; }

        /// <summary>Packets dropped for any other counted reason.</summary>
        public long DroppedOtherCounted { get; }

        /// <summary>Bytes of telemetry before aggregation (0 when aggregation is not implemented).</summary>
        public long AggregationRawBytes { get; }

        /// <summary>Bytes actually sent upward after aggregation (0 when aggregation is not implemented).</summary>
        public long AggregationBytes { get; }

        /// <summary>Generated minus every bucket: 0 when every packet is accounted for exactly once.</summary>
        public long Unaccounted => Generated - Delivered - BufferedNow - InFlightNow - DroppedOverflow - DroppedOtherCounted;

        /// <summary>The report's "lost": generated − delivered − buffered − dropped by overflow (in flight and other counted drops included).</summary>
        public long Lost => Generated - Delivered - BufferedNow - DroppedOverflow;
    }
}
