using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Topology
{
    /// <summary>
    /// What a node remembers per tree to repair without loops, after Babel's feasibility condition:
    /// the lowest rank it has announced in the tree (its floor). A neighbour is a feasible parent only
    /// if its rank is below floor + <see cref="Rank.StepMin"/>: every descendant ranks at least that
    /// high, even on stale information, so a descendant is never chosen. A tree may also be marked
    /// suspect (its root was lost) until a moment, which makes it the least preferred tree.
    /// Fixed capacity; when full, the entry used longest ago (not the current tree) is replaced.
    /// Entries are forgotten after <c>memoryMs</c> without use, when no stale route through this node
    /// can remain (every neighbour drops a silent node after K announced intervals).
    /// </summary>
    public sealed class FeasibilityTable
    {
        private readonly ushort[] _partitionIds;
        private readonly ushort[] _floors;
        private readonly long[] _suspectUntilMs;
        private readonly long[] _usedAtMs;
        private readonly long _memoryMs;
        private int _count;

        /// <summary>Allocates room for <paramref name="capacity"/> trees.</summary>
        public FeasibilityTable(int capacity, long memoryMs)
        {
            Invariant.InRange(capacity >= 1, "capacity", "must be at least 1");
            _partitionIds = new ushort[capacity];
            _floors = new ushort[capacity];
            _suspectUntilMs = new long[capacity];
            _usedAtMs = new long[capacity];
            _memoryMs = memoryMs;
        }

        /// <summary>Trees remembered.</summary>
        public int Count => _count;

        /// <summary>True when a parent announcing <paramref name="rank"/> in the tree cannot be a descendant of this node.</summary>
        public bool IsFeasible(ushort partitionId, ushort rank, long nowMs)
        {
            int index = IndexOf(partitionId, nowMs);
            return rank < Rank.Max && (index < 0 || rank < _floors[index] + Rank.StepMin);
        }

        /// <summary>True while the tree is suspect (its root was lost recently).</summary>
        public bool IsSuspect(ushort partitionId, long nowMs)
        {
            int index = IndexOf(partitionId, nowMs);
            return index >= 0 && _suspectUntilMs[index] > nowMs;
        }

        /// <summary>Records that this node announced <paramref name="rank"/> in the tree (the floor only goes down).</summary>
        public void NoteAnnounced(ushort partitionId, ushort rank, long nowMs)
        {
            if (rank >= Rank.Max)
            {
                return;
            }

            int index = Touch(partitionId, nowMs);
            if (rank < _floors[index])
            {
                _floors[index] = rank;
            }
        }

        /// <summary>Avoids the tree until <paramref name="untilMs"/> while another is available.</summary>
        public void MarkSuspect(ushort partitionId, long untilMs, long nowMs)
        {
            int index = Touch(partitionId, nowMs);
            _suspectUntilMs[index] = untilMs > _suspectUntilMs[index] ? untilMs : _suspectUntilMs[index];
        }

        /// <summary>Forgets the floor of a tree (after a detach hold-down: no descendant is left).</summary>
        public void ResetFloor(ushort partitionId, long nowMs)
        {
            int index = IndexOf(partitionId, nowMs);
            if (index >= 0)
            {
                _floors[index] = Rank.Infinite;
            }
        }

        private int IndexOf(ushort partitionId, long nowMs)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_partitionIds[i] == partitionId)
                {
                    if (nowMs - _usedAtMs[i] > _memoryMs && _suspectUntilMs[i] <= nowMs)
                    {
                        RemoveAt(i);
                        return -1;
                    }

                    return i;
                }
            }

            return -1;
        }

        private int Touch(ushort partitionId, long nowMs)
        {
            int index = IndexOf(partitionId, nowMs);
            if (index < 0)
            {
                if (_count == _partitionIds.Length)
                {
                    RemoveAt(OldestIndex());
                }

                index = _count++;
                _partitionIds[index] = partitionId;
                _floors[index] = Rank.Infinite;
                _suspectUntilMs[index] = 0;
            }

            _usedAtMs[index] = nowMs;
            return index;
        }

        private int OldestIndex()
        {
            int oldest = 0;
            for (int i = 1; i < _count; i++)
            {
                if (_usedAtMs[i] < _usedAtMs[oldest])
                {
                    oldest = i;
                }
            }

            return oldest;
        }

        private void RemoveAt(int index)
        {
            _count--;
            _partitionIds[index] = _partitionIds[_count];
            _floors[index] = _floors[_count];
            _suspectUntilMs[index] = _suspectUntilMs[_count];
            _usedAtMs[index] = _usedAtMs[_count];
        }
    }
}
