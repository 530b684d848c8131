using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Discovery
{
    /// <summary>
    /// A commander's directed assignments, in a fixed array (<c>NodeLimits.AssignmentCapacity</c>).
    /// <list type="bullet">
    /// <item>States only move forward: Pending → InProgress → Completed or Failed. A report that would
    /// move one back (reordered), or arrives after a final state (late), is ignored.</item>
    /// <item>Full: the oldest final assignment makes room for a new one, so hosts can read outcomes for a
    /// while; when every assignment is still open the new assignment is refused (the caller counts it).</item>
    /// <item>Command ids count up from a seeded start, skipping ids still held, so an id is never
    /// ambiguous while its assignment exists.</item>
    /// </list>
    /// </summary>
    public sealed class AssignmentTable
    {
        private readonly AssignmentRecord[] _records;
        private int _count;
        private ushort _nextCommandId;

        /// <summary>Allocates room for <paramref name="capacity"/> assignments; ids start at <paramref name="firstCommandId"/>.</summary>
        public AssignmentTable(int capacity, ushort firstCommandId)
        {
            Invariant.InRange(capacity >= 1 && capacity <= 65535, "capacity", "must be 1..65535");
            _records = new AssignmentRecord[capacity];
            _nextCommandId = firstCommandId;
        }

        /// <summary>Records held (open and final).</summary>
        public int Count => _count;

        /// <summary>Room in records.</summary>
        public int Capacity => _records.Length;

        /// <summary>The assignment at <paramref name="index"/> (0..Count-1), copied.</summary>
        public AssignmentRecord this[int index]
        {
            get
            {
                Invariant.InRange(index >= 0 && index < _count, "index", "must be 0..Count-1");
                return _records[index];
            }
        }

        /// <summary>Earliest deadline of an open assignment; long.MaxValue when none is open.</summary>
        public long NextDeadlineMs
        {
            get
            {
                long earliest = long.MaxValue;
                for (int i = 0; i < _count; i++)
                {
                    if (!_records[i].IsFinal && _records[i].DeadlineMs < earliest)
                    {
                        earliest = _records[i].DeadlineMs;
                    }
                }

                return earliest;
            }
        }

        /// <summary>
        /// Reserves the id and slot a new assignment would take, without storing it; false when every
        /// assignment is open. <see cref="Add"/> then stores it (the caller queues the command in between and
        /// stores nothing if that fails).
        /// </summary>
        public bool TryReserve(out ushort commandId)
        {
            commandId = 0;
            if (_count == _records.Length && OldestFinal() < 0)
            {
                return false;
            }

            while (IndexOf(_nextCommandId) >= 0)
            {
                _nextCommandId++; // ends: fewer than 65536 records exist
            }

            commandId = _nextCommandId;
            return true;
        }

        /// <summary>Stores a Pending assignment under the id <see cref="TryReserve"/> gave, evicting the oldest final assignment when full.</summary>
        public AssignmentRecord Add(ushort commandId, uint targetId, AssignmentKind kind, ulong value, byte precision, long nowMs, long deadlineMs)
        {
            Invariant.That(commandId == _nextCommandId && IndexOf(commandId) < 0, "the id is the one just reserved");
            if (_count == _records.Length)
            {
                int victim = OldestFinal();
                Invariant.That(victim >= 0, "a reservation saw room");
                RemoveAt(victim);
            }

            AssignmentRecord assignment = default;
            assignment.CommandId = commandId;
            assignment.TargetId = targetId;
            assignment.Kind = kind;
            assignment.Value = value;
            assignment.Precision = precision;
            assignment.State = AssignmentState.Pending;
            assignment.IssuedAtMs = nowMs;
            assignment.UpdatedAtMs = nowMs;
            assignment.DeadlineMs = deadlineMs;
            _records[_count++] = assignment;
            _nextCommandId++;
            return assignment;
        }

        /// <summary>Copies the assignment of a command out; false when it is not held.</summary>
        public bool TryGet(ushort commandId, out AssignmentRecord assignment)
        {
            int index = IndexOf(commandId);
            assignment = index >= 0 ? _records[index] : default;
            return index >= 0;
        }

        /// <summary>
        /// Applies a target's report. True when it moved the assignment forward (then <paramref name="assignment"/>
        /// is the updated copy); false for an unknown command, a report from another node than the
        /// target, an unknown state, or one that would not move it forward.
        /// </summary>
        public bool TryAdvance(ushort commandId, uint reporterId, AssignmentState state, AssignmentFailure failure, long nowMs, out AssignmentRecord assignment)
        {
            int index = IndexOf(commandId);
            assignment = index >= 0 ? _records[index] : default;
            if (index < 0 || assignment.TargetId != reporterId || assignment.IsFinal)
            {
                return false;
            }

            bool forward = (state == AssignmentState.InProgress && assignment.State == AssignmentState.Pending)
                || state == AssignmentState.Completed || state == AssignmentState.Failed;
            if (!forward)
            {
                return false;
            }

            assignment.State = state;
            assignment.Failure = state == AssignmentState.Failed ? failure : AssignmentFailure.None;
            assignment.UpdatedAtMs = nowMs;
            _records[index] = assignment;
            return true;
        }

        /// <summary>Fails one open assignment whose deadline has passed (TimedOut); false when none has.</summary>
        public bool TryExpire(long nowMs, out AssignmentRecord assignment)
        {
            for (int i = 0; i < _count; i++)
            {
                if (!_records[i].IsFinal && nowMs >= _records[i].DeadlineMs)
                {
                    _records[i].State = AssignmentState.Failed;
                    _records[i].Failure = AssignmentFailure.TimedOut;
                    _records[i].UpdatedAtMs = nowMs;
                    assignment = _records[i];
                    return true;
                }
            }

            assignment = default;
            return false;
        }

        private int IndexOf(ushort commandId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_records[i].CommandId == commandId)
                {
                    return i;
                }
            }

            return -1;
        }

        private int OldestFinal()
        {
            int oldest = -1;
            for (int i = 0; i < _count; i++)
            {
                if (_records[i].IsFinal && (oldest < 0 || _records[i].UpdatedAtMs < _records[oldest].UpdatedAtMs))
                {
                    oldest = i;
                }
            }

            return oldest;
        }

        private void RemoveAt(int index)
        {
            _count--;
            _records[index] = _records[_count];
            _records[_count] = default;
        }
    }
}
