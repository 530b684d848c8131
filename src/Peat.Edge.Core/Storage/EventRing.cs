using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Node;

namespace Peat.Edge.Core.Storage
{
    /// <summary>
    /// A fixed ring of events for the host to drain. Full is an outcome, not a growth: the newest event
    /// is refused and the caller counts it, so the oldest (what the host has not yet seen) survives.
    /// </summary>
    public sealed class EventRing
    {
        private readonly MeshEvent[] _events;
        private int _head;
        private int _count;

        /// <summary>Allocates room for <paramref name="capacity"/> events.</summary>
        public EventRing(int capacity)
        {
            Invariant.InRange(capacity > 0, "capacity", "must be positive");
            _events = new MeshEvent[capacity];
        }

        /// <summary>Events waiting.</summary>
        public int Count => _count;

        /// <summary>Room in events.</summary>
        public int Capacity => _events.Length;

        /// <summary>Appends an event; false when the ring is full (nothing is overwritten).</summary>
        public bool TryEnqueue(in MeshEvent item)
        {
            if (_count == _events.Length)
            {
                return false;
            }

            int tail = _head + _count;
            if (tail >= _events.Length)
            {
                tail -= _events.Length;
            }

            _events[tail] = item;
            _count++;
            return true;
        }

        /// <summary>Takes the oldest event; false when empty.</summary>
        public bool TryDequeue(out MeshEvent item)
        {
            if (_count == 0)
            {
                item = default;
                return false;
            }

            item = _events[_head];
            _events[_head] = default;
            _head = _head + 1 == _events.Length ? 0 : _head + 1;
            _count--;
            return true;
        }
    }
}
