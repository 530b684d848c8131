using Peat.Edge.Core.Node;

namespace Peat.Edge.Core.Metrics
{
    /// <summary>
    /// The port through which a node reports what it did. Calls happen on the hot path, so
    /// implementations must not allocate or block. <see cref="NoOpMetrics"/> and <see cref="CounterMetrics"/> are the two in the core.
    /// </summary>
    public interface IMetrics
    {
        /// <summary>A frame was handed to <c>Receive</c>.</summary>
        void FrameReceived();

        /// <summary>A received frame was decoded and applied.</summary>
        void FrameAccepted();

        /// <summary>A received frame was dropped, for this reason.</summary>
        void FrameDropped(ReceiveResult reason);

        /// <summary>The host took a frame to send.</summary>
        void FrameSent(int bytes);

        /// <summary>This node queued one of its own beacons.</summary>
        void BeaconQueued();

        /// <summary>A neighbour's beacon was applied.</summary>
        void BeaconApplied();

        /// <summary>A neighbour entered the table.</summary>
        void NeighbourAdded();

        /// <summary>A neighbour left the table (missed beacons or leave beacon).</summary>
        void NeighbourLost();

        /// <summary>A neighbour was evicted to make room.</summary>
        void TableEviction();

        /// <summary>A neighbour restarted: its old entry was replaced by its new incarnation's.</summary>
        void NeighbourRestarted();

        /// <summary>The parent was suspected after unanswered uplink frames and left (it stays in the table).</summary>
        void ParentSuspected();

        /// <summary>The outgoing queue was full; a frame was not queued.</summary>
        void QueueFull();

        /// <summary>The event ring was full; an event was not recorded.</summary>
        void EventDropped();

        /// <summary>A flooded frame (command or status) from another node was queued to be passed on.</summary>
        void FrameRelayed();

        /// <summary>A directed assignment was refused because every assignment slot is still open.</summary>
        void AssignmentTableFull();

        /// <summary>Emission control withheld a frame this node would have sent (a periodic beacon, a relay, a frame with no parent to go to).</summary>
        void EmissionSuppressed();

        /// <summary><paramref name="records"/> telemetry records had this outcome at this node (see <see cref="TelemetryOutcome"/>).</summary>
        void Telemetry(TelemetryOutcome outcome, int records);
    }
}
