using Peat.Edge.Core.Node;

namespace Peat.Edge.Core.Metrics
{
    /// <summary>Counts everything in plain integer fields; <see cref="Snapshot"/> copies them out as a struct.</summary>
    public sealed class CounterMetrics : IMetrics
    {
        private MetricsSnapshot _counts;

        /// <summary>The current counter values.</summary>
        public MetricsSnapshot Snapshot()
        {
            return _counts;
        }

        /// <inheritdoc />
        public void FrameReceived() { _counts.FramesReceived++; }

        /// <inheritdoc />
        public void FrameAccepted() { _counts.FramesAccepted++; }

        /// <inheritdoc />
        public void FrameSent(int bytes)
        {
            _counts.FramesSent++;
            _counts.BytesSent += bytes;
        }

        /// <inheritdoc />
        public void BeaconQueued() { _counts.BeaconsQueued++; }

        /// <inheritdoc />
        public void BeaconApplied() { _counts.BeaconsApplied++; }

        /// <inheritdoc />
        public void NeighbourAdded() { _counts.NeighboursAdded++; }

        /// <inheritdoc />
        public void NeighbourLost() { _counts.NeighboursLost++; }

        /// <inheritdoc />
        public void TableEviction() { _counts.TableEvictions++; }

        /// <inheritdoc />
        public void NeighbourRestarted() { _counts.NeighboursRestarted++; }

        /// <inheritdoc />
        public void ParentSuspected() { _counts.ParentsSuspected++; }

        /// <inheritdoc />
        public void QueueFull() { _counts.QueueFullEvents++; }

        /// <inheritdoc />
        public void EventDropped() { _counts.EventsDropped++; }

        /// <inheritdoc />
        public void FrameRelayed() { _counts.FramesRelayed++; }

        /// <inheritdoc />
        public void AssignmentTableFull() { _counts.AssignmentTableFullEvents++; }

        /// <inheritdoc />
        public void EmissionSuppressed() { _counts.EmissionsSuppressed++; }

        /// <inheritdoc />
        public void Telemetry(TelemetryOutcome outcome, int records)
        {
            switch (outcome)
            {
                case TelemetryOutcome.Submitted: _counts.TelemetrySubmitted += records; break;
                case TelemetryOutcome.Forwarded: _counts.TelemetryForwarded += records; break;
                case TelemetryOutcome.Delivered: _counts.TelemetryDelivered += records; break;
                case TelemetryOutcome.DroppedOverflow: _counts.TelemetryDroppedOverflow += records; break;
                case TelemetryOutcome.DroppedHopLimit: _counts.TelemetryDroppedHopLimit += records; break;
                case TelemetryOutcome.Refused: _counts.TelemetryRefused += records; break;
                case TelemetryOutcome.AckTimedOut: _counts.TelemetryAckTimeouts += records; break;
                case TelemetryOutcome.DroppedTooLarge: _counts.TelemetryDroppedTooLarge += records; break;
                default: Checks.Invariant.That(false, "every telemetry outcome has a counter"); break;
            }
        }

        /// <inheritdoc />
        public void FrameDropped(ReceiveResult reason)
        {
            _counts.FramesDropped++;
            switch (reason)
            {
                case ReceiveResult.DroppedTooLarge: _counts.DroppedTooLarge++; break;
                case ReceiveResult.DroppedTruncated: _counts.DroppedTruncated++; break;
                case ReceiveResult.DroppedUnsupportedVersion: _counts.DroppedUnsupportedVersion++; break;
                case ReceiveResult.DroppedUnknownType: _counts.DroppedUnknownType++; break;
                case ReceiveResult.DroppedMalformed: _counts.DroppedMalformed++; break;
                case ReceiveResult.DroppedInvalidField: _counts.DroppedInvalidField++; break;
                case ReceiveResult.DroppedInvalidSource: _counts.DroppedInvalidSource++; break;
                case ReceiveResult.DroppedOwnFrame: _counts.DroppedOwnFrame++; break;
                case ReceiveResult.DroppedDuplicate: _counts.DroppedDuplicate++; break;
                case ReceiveResult.DroppedStale: _counts.DroppedStale++; break;
                case ReceiveResult.DroppedTableFull: _counts.DroppedTableFull++; break;
                case ReceiveResult.DroppedNotAddressed: _counts.DroppedNotAddressed++; break;
                default: Checks.Invariant.That(false, "every drop reason has a counter"); break;
            }
        }
    }
}
