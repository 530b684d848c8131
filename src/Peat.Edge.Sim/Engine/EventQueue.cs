using System;
using System.Runtime.CompilerServices;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// The discrete-event queue and virtual clock: events ordered by (time, insertion sequence), so the
    /// order is total and identical in every run. Time only moves forward: scheduling into the past is a
    /// programmer error. A 4-ary min-heap of plain structs compared inline (no comparer calls): the queue
    /// is the simulator's innermost loop, several events per frame delivered. The entry being placed
    /// travels as its fields (keys and event in registers, the event passed by value) and is written once
    /// where it lands: building it in memory and copying it in wider moves stalled on every replacement.
    /// </summary>
    public sealed class EventQueue
    {
        private const int Arity = 4;

        private Entry[] _heap = new Entry[1024];
        private int _count;
        private long _sequence;
        private long _nowUs;

        /// <summary>The virtual clock: the time of the event being processed (or the last one).</summary>
        public long NowUs => _nowUs;

        /// <summary>Events waiting.</summary>
        public int Count => _count;

        /// <summary>Events ever scheduled (a progress figure).</summary>
        public long Scheduled => _sequence;

        /// <summary>Queues <paramref name="simEvent"/> at <paramref name="atUs"/> (not before now).</summary>
        public void Schedule(long atUs, SimEvent simEvent)
        {
            Insert(CheckedTime(atUs), _sequence++, simEvent);
        }

        /// <summary>
        /// Takes <paramref name="count"/> insertion sequence numbers at once and returns the first: events that
        /// are created together and kept outside the queue (a frame's arrivals, <see cref="ReplaceNext"/>) are
        /// ordered as if each had been scheduled then, one after the other.
        /// </summary>
        public long ReserveSequences(int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "must not be negative");
            }

            long first = _sequence;
            _sequence += count;
            return first;
        }

        /// <summary>Queues <paramref name="simEvent"/> at <paramref name="atUs"/> with a sequence number taken by <see cref="ReserveSequences"/>.</summary>
        public void Schedule(long atUs, long sequence, SimEvent simEvent)
        {
            Insert(CheckedTime(atUs), CheckedSequence(sequence), simEvent);
        }

        /// <summary>Takes the next event if it is due at or before <paramref name="untilUs"/>, advancing the clock to it.</summary>
        public bool TryDequeue(long untilUs, out SimEvent simEvent)
        {
            if (!TryPeek(untilUs, out simEvent))
            {
                return false;
            }

            RemoveNext();
            return true;
        }

        /// <summary>
        /// Shows the next event if it is due at or before <paramref name="untilUs"/> and advances the clock to
        /// it, leaving it queued: the caller then either removes it (<see cref="RemoveNext"/>) or puts another
        /// in its place (<see cref="ReplaceNext"/>), before it schedules anything.
        /// </summary>
        public bool TryPeek(long untilUs, out SimEvent simEvent)
        {
            if (_count == 0 || _heap[0].AtUs > untilUs)
            {
                simEvent = default;
                return false;
            }

            simEvent = _heap[0].Event;
            _nowUs = _heap[0].AtUs;
            return true;
        }

        /// <summary>Removes the next event (the one <see cref="TryPeek"/> showed).</summary>
        public void RemoveNext()
        {
            if (_count == 0)
            {
                throw new InvalidOperationException("the queue is empty");
            }

            Entry[] heap = _heap;
            int last = --_count;
            if (last > 0)
            {
                ref Entry moved = ref heap[last];
                SiftDown(heap, last, moved.AtUs, moved.Sequence, moved.Event);
            }

            heap[last] = default;
        }

        /// <summary>
        /// Replaces the next event with <paramref name="simEvent"/> at <paramref name="atUs"/> and a reserved
        /// <paramref name="sequence"/>: one pass down the heap instead of a removal and an insertion, which
        /// usually stops at the top when the replacement is due soon (the next arrival of the same frame).
        /// </summary>
        public void ReplaceNext(long atUs, long sequence, SimEvent simEvent)
        {
            if (_count == 0)
            {
                throw new InvalidOperationException("the queue is empty");
            }

            SiftDown(_heap, _count, CheckedTime(atUs), CheckedSequence(sequence), simEvent);
        }

        /// <summary>Moves the clock to <paramref name="timeUs"/> when nothing is due before it (end of a run slice).</summary>
        public void AdvanceTo(long timeUs)
        {
            if (timeUs > _nowUs)
            {
                _nowUs = timeUs;
            }
        }

        // The checks inline; their throws stay out of line (a throw with a message kept them calls).
        private long CheckedTime(long atUs)
        {
            if (atUs < _nowUs)
            {
                ThrowScheduledInPast(atUs);
            }

            return atUs;
        }

        private long CheckedSequence(long sequence)
        {
            if ((ulong)sequence >= (ulong)_sequence) // negative too
            {
                ThrowNotReserved();
            }

            return sequence;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowScheduledInPast(long atUs)
        {
            throw new InvalidOperationException("an event was scheduled in the past (" + atUs.ToString(System.Globalization.CultureInfo.InvariantCulture) + " us < now)");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowNotReserved()
        {
            throw new ArgumentOutOfRangeException("sequence", "was not reserved");
        }

        private void Insert(long atUs, long sequence, SimEvent simEvent)
        {
            if (_count == _heap.Length)
            {
                Array.Resize(ref _heap, _heap.Length * 2);
            }

            Entry[] heap = _heap;
            int index = _count++;
            while (index > 0)
            {
                int parent = (index - 1) / Arity;
                ref Entry above = ref heap[parent];
                if (!Before(atUs, sequence, above.AtUs, above.Sequence))
                {
                    break;
                }

                heap[index] = above;
                index = parent;
            }

            heap[index].Set(atUs, sequence, simEvent);
        }

        // Places an entry from the root down over heap entries 1..count-1 (a removal moves the last entry
        // there, count then excluding it; a replacement puts a new one there).
        private static void SiftDown(Entry[] heap, int count, long atUs, long sequence, SimEvent simEvent)
        {
            int index = 0;
            while (true)
            {
                int first = (index * Arity) + 1;
                if (first >= count)
                {
                    break;
                }

                int end = first + Arity < count ? first + Arity : count;
                int least = first;
                ref Entry leastEntry = ref heap[first];
                for (int child = first + 1; child < end; child++)
                {
                    ref Entry candidate = ref heap[child];
                    if (Before(candidate.AtUs, candidate.Sequence, leastEntry.AtUs, leastEntry.Sequence))
                    {
                        least = child;
                        leastEntry = ref candidate;
                    }
                }

                if (!Before(leastEntry.AtUs, leastEntry.Sequence, atUs, sequence))
                {
                    break;
                }

                heap[index] = leastEntry;
                index = least;
            }

            heap[index].Set(atUs, sequence, simEvent);
        }

        // Inlined by force: NativeAOT left it a call, a tenth of the queue's time.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool Before(long atUs, long sequence, long otherAtUs, long otherSequence)
        {
            return atUs < otherAtUs || (atUs == otherAtUs && sequence < otherSequence);
        }

        private struct Entry
        {
            public long AtUs;
            public long Sequence;
            public SimEvent Event;

            // Field by field, from the registers the fields came in: a whole new entry was built on the
            // stack and copied out in wider moves than it was written in, which stalled.
            public void Set(long atUs, long sequence, SimEvent simEvent)
            {
                AtUs = atUs;
                Sequence = sequence;
                Event = simEvent;
            }
        }
    }
}
