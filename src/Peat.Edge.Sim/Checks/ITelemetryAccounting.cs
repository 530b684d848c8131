using Peat.Edge.Sim.Engine;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// Where the world reports every telemetry record's fate (<see cref="RoutedTelemetryAccounting"/>).
    /// Telemetry lives in the core's nodes, so an implementation also reads what they hold (through the
    /// world it is attached to) and must keep counting what a killed or restarted node held, which
    /// disappears with it. The world calls <see cref="Snapshot"/> at every check and fails the run when
    /// <see cref="TelemetryLedger.Unaccounted"/> is not zero. Without one, the report's telemetry and
    /// aggregation are null.
    /// </summary>
    public interface ITelemetryAccounting
    {
        /// <summary>Called once when the world is created, before any event.</summary>
        void Attach(SimWorld world);

        /// <summary>Node <paramref name="nodeIndex"/> is about to be killed or replaced (restart): count what it holds as dropped.</summary>
        void OnNodeStopping(int nodeIndex, long atUs);

        /// <summary>Node <paramref name="nodeIndex"/> submitted record (origin, sequence).</summary>
        void OnGenerated(int nodeIndex, uint originId, uint sequence);

        /// <summary>Sink <paramref name="nodeIndex"/> delivered record (origin, sequence) to its host (a copy may come again).</summary>
        void OnDelivered(int nodeIndex, uint originId, uint sequence);

        /// <summary>Node <paramref name="nodeIndex"/> dropped its copy of a record, because its buffer was full (<paramref name="overflow"/>) or at the hop limit.</summary>
        void OnDropped(int nodeIndex, uint originId, uint sequence, bool overflow);

        /// <summary>Mesh-wide counts now.</summary>
        TelemetryLedger Snapshot();
    }
}
