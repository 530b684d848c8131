using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Storage;

namespace Peat.Edge.Core.Node
{
    /// <summary>Where the node's parts report events: the ring the host drains, with a full ring counted.</summary>
    public sealed class EventSink
    {
        private readonly EventRing _ring;
        private readonly IMetrics _metrics;

        /// <summary>Reports into <paramref name="ring"/>, counting refusals on <paramref name="metrics"/>.</summary>
        public EventSink(EventRing ring, IMetrics metrics)
        {
            _ring = ring;
            _metrics = metrics;
        }

        /// <summary>Records an event; a full ring drops it and counts it.</summary>
        public void Emit(MeshEventKind kind, uint nodeId, long atMs, int value)
        {
            if (!_ring.TryEnqueue(new MeshEvent(kind, nodeId, atMs, value)))
            {
                _metrics.EventDropped();
            }
        }
    }
}
