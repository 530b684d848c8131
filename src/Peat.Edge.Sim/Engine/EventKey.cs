using System;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// Priority of a queued event: virtual time first, then the order of insertion. The pair is unique,
    /// so the queue order is total and a run never depends on how the heap breaks ties.
    /// </summary>
    public readonly struct EventKey : IComparable<EventKey>
    {
        /// <summary>When the event happens, in virtual microseconds.</summary>
        public readonly long AtUs;

        /// <summary>Insertion counter; earlier insertions go first at equal times.</summary>
        public readonly long Sequence;

        /// <summary>Creates a key.</summary>
        public EventKey(long atUs, long sequence)
        {
            AtUs = atUs;
            Sequence = sequence;
        }

        /// <inheritdoc />
        public int CompareTo(EventKey other)
        {
            int byTime = AtUs.CompareTo(other.AtUs);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
