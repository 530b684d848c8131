using Peat.Edge.Sim.Engine;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// The hook through which the routing issue reports telemetry to the simulator. Telemetry lives in
    /// the core's nodes, so an implementation reads their counters (through the world it is attached
    /// to) and must keep counting what a killed or restarted node held, which disappears with it. The
    /// world calls <see cref="Snapshot"/> at every check and fails the run when
    /// <see cref="TelemetryLedger.Unaccounted"/> is not zero. Until it is set, the report's telemetry and
    /// aggregation are null.
    /// </summary>
    public interface ITelemetryAccounting
    {
        /// <summary>Called once when the world is created, before any event.</summary>
        void Attach(SimWorld world);

        /// <summary>Node <paramref name="nodeIndex"/> is about to be killed or replaced (restart): count what it holds as dropped.</summary>
        void OnNodeStopping(int nodeIndex, long atUs);

        /// <summary>Mesh-wide counts now.</summary>
        TelemetryLedger Snapshot();
    }
}
