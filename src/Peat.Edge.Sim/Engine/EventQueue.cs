using System;
using System.Collections.Generic;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// The discrete-event queue and virtual clock: events ordered by (time, insertion sequence), so the
    /// order is total and identical in every run. Time only moves forward: scheduling into the past is a
    /// programmer error.
    /// </summary>
    public sealed class EventQueue
    {
        private readonly PriorityQueue<SimEvent, EventKey> _heap = new PriorityQueue<SimEvent, EventKey>(1024);
        private long _sequence;
        private long _nowUs;

        /// <summary>The virtual clock: the time of the event being processed (or the last one).</summary>
        public long NowUs => _nowUs;

        /// <summary>Events waiting.</summary>
        public int Count => _heap.Count;

        /// <summary>Events ever scheduled (a progress figure).</summary>
        public long Scheduled => _sequence;

        /// <summary>Queues <paramref name="simEvent"/> at <paramref name="atUs"/> (not before now).</summary>
        public void Schedule(long atUs, in SimEvent simEvent)
        {
            if (atUs < _nowUs)
            {
                throw new InvalidOperationException("an event was scheduled in the past (" + atUs.ToString(System.Globalization.CultureInfo.InvariantCulture) + " us < now)");
            }

            _heap.Enqueue(simEvent, new EventKey(atUs, _sequence++));
        }

        /// <summary>Takes the next event if it is due at or before <paramref name="untilUs"/>, advancing the clock to it.</summary>
        public bool TryDequeue(long untilUs, out SimEvent simEvent)
        {
            if (!_heap.TryPeek(out simEvent, out EventKey key) || key.AtUs > untilUs)
            {
                return false;
            }

            _heap.Dequeue();
            _nowUs = key.AtUs;
            return true;
        }

        /// <summary>Moves the clock to <paramref name="timeUs"/> when nothing is due before it (end of a run slice).</summary>
        public void AdvanceTo(long timeUs)
        {
            if (timeUs > _nowUs)
            {
                _nowUs = timeUs;
            }
        }
    }
}
