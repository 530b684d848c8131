using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Engine;

namespace Peat.Edge.Sim.Tests.Support;

/// <summary>A stand-in for the routing layer's telemetry accounting: reports a fixed ledger and records what the world tells it.</summary>
internal sealed class FakeAccounting : ITelemetryAccounting
{
    public TelemetryLedger Ledger;

    public SimWorld? World { get; private set; }

    /// <summary>Indices of the nodes the world stopped (killed or replaced), in order.</summary>
    public List<int> Stopped { get; } = new();

    public void Attach(SimWorld world) => World = world;

    public void OnNodeStopping(int nodeIndex, long atUs) => Stopped.Add(nodeIndex);

    public void OnGenerated(int nodeIndex, uint originId, uint sequence)
    {
    }

    public void OnDelivered(int nodeIndex, uint originId, uint sequence)
    {
    }

    public void OnDropped(int nodeIndex, uint originId, uint sequence, bool overflow)
    {
    }

    public TelemetryLedger Snapshot() => Ledger;
}
