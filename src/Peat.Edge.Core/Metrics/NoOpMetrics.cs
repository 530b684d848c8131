using Peat.Edge.Core.Node;

namespace Peat.Edge.Core.Metrics
{
    /// <summary>Metrics that cost nothing: for devices that do not report them.</summary>
    public sealed class NoOpMetrics : IMetrics
    {
        /// <summary>One shared instance (it has no state).</summary>
        public static readonly NoOpMetrics Instance = new NoOpMetrics();

        /// <inheritdoc />
        public void FrameReceived() { }

        /// <inheritdoc />
        public void FrameAccepted() { }

        /// <inheritdoc />
        public void FrameDropped(ReceiveResult reason) { }

        /// <inheritdoc />
        public void FrameSent(int bytes) { }

        /// <inheritdoc />
        public void BeaconQueued() { }

        /// <inheritdoc />
        public void BeaconApplied() { }

        /// <inheritdoc />
        public void NeighbourAdded() { }

        /// <inheritdoc />
        public void NeighbourLost() { }

        /// <inheritdoc />
        public void TableEviction() { }

        /// <inheritdoc />
        public void NeighbourRestarted() { }

        /// <inheritdoc />
        public void ParentSuspected() { }

        /// <inheritdoc />
        public void QueueFull() { }

        /// <inheritdoc />
        public void EventDropped() { }

        /// <inheritdoc />
        public void FrameRelayed() { }

        /// <inheritdoc />
        public void AssignmentTableFull() { }

        /// <inheritdoc />
        public void EmissionSuppressed() { }

        /// <inheritdoc />
        public void Telemetry(TelemetryOutcome outcome, int records) { }
    }
}
