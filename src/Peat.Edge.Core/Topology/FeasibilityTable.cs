using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Topology
{
    /// <summary>
    /// What a node remembers per tree to repair without loops, after Babel's feasibility condition:
    /// the lowest rank it has announced in the tree (its floor). A neighbour is a feasible parent only
    /// if its rank is strictly below the floor. Every descendant ranks above the floor, even on stale
    /// information, so a descendant is never chosen; and two nodes can never choose each other at the
    /// same moment (each would need the other's rank below its own floor). A sibling at the same depth
    /// is therefore not a repair: a node with nothing below its floor detaches instead (poison), and
    /// its former subtree dissolves or re-attaches elsewhere.
    /// Fixed capacity; when full, the entry used longest ago (not the current tree) is replaced.
    /// Entries are forgotten after <c>memoryMs</c> without use, when no stale route through this node
    /// can remain (<c>NodeLimits.FeasibilityFloorHoldMs</c>: every neighbour has replaced or dropped the
    /// beacon that announced it, within 3K of its intervals however bad the link).
    /// </summary>
    public sealed class FeasibilityTable
    {
        private readonly ushort[] _partitionIds;
        private readonly ushort[] _floors;
        private readonly long[] _usedAtMs;
        private readonly long _memoryMs;
        private int _count;

        /// <summary>Allocates room for <paramref name="capacity"/> trees.</summary>
        public FeasibilityTable(int capacity, long memoryMs)
        {
            Invariant.InRange(capacity >= 1, "capacity", "must be at least 1");
            _partitionIds = new ushort[capacity];
            _floors = new ushort[capacity];
            _usedAtMs = new long[capacity];
            _memoryMs = memoryMs;
        }

        /// <summary>Trees remembered.</summary>
        public int Count => _count;

        /// <summary>True when a parent announcing <paramref name="rank"/> in the tree cannot be a descendant of this node.</summary>
        public bool IsFeasible(ushort partitionId, ushort rank, long nowMs)
        {
            return rank < Rank.Max && rank < FloorOf(partitionId, nowMs); // no floor: Rank.Infinite, above any finite rank
        }

        /// <summary>The lowest rank this node has announced in the tree while it remembers it; <see cref="Rank.Infinite"/> when it has none.</summary>
        public ushort FloorOf(ushort partitionId, long nowMs)
        {
            int index = IndexOf(partitionId, nowMs);
            return index < 0 ? Rank.Infinite : _floors[index];
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

        /// <summary>Forgets the floor of a tree (once no neighbour can hold a finite rank this node announced: at most <c>NodeLimits.FeasibilityFloorHoldMs</c> after the last).</summary>
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
                    if (nowMs - _usedAtMs[i] > _memoryMs)
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
            _usedAtMs[index] = _usedAtMs[_count];
        }
    }
}
