using System.Runtime.CompilerServices;
using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Geo;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Beacons
{
    /// <summary>
    /// The beacon table: every neighbour heard recently, in a fixed array packed at the front
    /// (entries [0, Count) are live; removal moves the last entry into the gap). Lookups scan, which
    /// beats hashing at these sizes and needs no extra memory.
    /// <para>Rules, all named:</para>
    /// <list type="bullet">
    /// <item>Loss: a neighbour is lost when <c>missedBeaconsBeforeLoss</c> beacons that should have arrived did not: K of its announced intervals over a perfect link, K/q over a link delivering a share q (at most 2K), plus 1/8 interval of grace.</item>
    /// <item>Eviction when full: the stalest entry that is not protected (the parent) and has missed at least one beacon goes; if every entry is fresh, the newcomer is refused (<see cref="UpsertOutcome.Full"/>) rather than thrash the table.</item>
    /// <item>Sequence: the same sequence is a duplicate; an older one is stale (reordered, replayed, or a late copy) unless it is a restart, and so is an ordinary one further ahead than the sender can have reached since it was last heard.</item>
    /// <item>Restart: a beacon with <c>FrameFlags.FreshStart</c> after one without it, or (after flagged ones too) with a sequence older after the sender's interval or further ahead than it could have beaconed since; the old entry is replaced by a new one (<see cref="UpsertOutcome.Restarted"/>), so the topology forgets what it knew of the old incarnation.</item>
    /// <item>Link quality: the share of the last 16 beacon sequence numbers that arrived (over at least 4), with beacons overdue by time counted as missed.</item>
    /// <item>Suspicion (<see cref="MarkSuspected"/>): a parent whose uplink frames went unanswered stays in the table, with its
    /// reception record, but is no parent candidate until its next beacon is applied.</item>
    /// <item>Static peers (<see cref="TrySeedStatic"/>): configured entries that are never removed or evicted. Lost or
    /// left, a static peer goes back to <see cref="NeighbourFlags.AwaitingBeacon"/> (placeholder beacon, no loss
    /// deadline) instead of leaving the table, so the node still notices a dead static parent and still knows the peer.</item>
    /// </list>
    /// </summary>
    public sealed class NeighbourTable
    {
        /// <summary>Beacons the reception window covers.</summary>
        public const int ReceptionWindowMax = 16;

        /// <summary>
        /// The ratio is taken over at least this many beacon slots: a link heard once or twice is not yet
        /// known to be good (1 of 1 would read as perfect), so a newcomer does not outscore a proven parent.
        /// </summary>
        public const int ReceptionWindowMin = 4;

        private readonly NeighbourEntry[] _entries;
        private readonly LossRuleTable _lossRule;
        private readonly uint[] _ids; // _entries[i].NodeId, packed: every received beacon looks its sender up
        private readonly long[] _lossDeadlines; // _entries[i].LossDeadlineMs(), packed: the rescan for the earliest reads only these
        private int _count;
        private long _nextLossDeadlineMs = long.MaxValue;
        private bool _nextLossDeadlineDirty;
        private bool _hasOrigin;
        private int _originLatitudeE7;
        private int _originLongitudeE7;

        /// <summary>Allocates a table for <paramref name="capacity"/> neighbours.</summary>
        public NeighbourTable(int capacity, int missedBeaconsBeforeLoss)
        {
            Invariant.InRange(capacity >= 2, "capacity", "must be at least 2");
            Invariant.InRange(missedBeaconsBeforeLoss >= 1 && missedBeaconsBeforeLoss <= NeighbourEntry.MissesBeforeLossMax / 3, "missedBeaconsBeforeLoss", "must be 1..85 (3K misses are cached in a byte)");
            _entries = new NeighbourEntry[capacity];
            _ids = new uint[capacity];
            _lossDeadlines = new long[capacity];
            _lossRule = new LossRuleTable(missedBeaconsBeforeLoss);
        }

        /// <summary>Live entries.</summary>
        public int Count => _count;

        /// <summary>Room in entries.</summary>
        public int Capacity => _entries.Length;

        /// <summary>The entry at <paramref name="index"/> (0..Count-1), copied.</summary>
        public NeighbourEntry this[int index]
        {
            get
            {
                Invariant.InRange(index >= 0 && index < _count, "index", "must be 0..Count-1");
                return _entries[index];
            }
        }

        /// <summary>
        /// The backing store, read in place by the topology scans (entries 0..Count-1 are live; only the table
        /// writes): an evaluation reads a few fields of every neighbour in several passes, and copying each
        /// 56-byte entry out through the indexer in each pass cost more than the reads. No ref return:
        /// nanoFramework's runtime has had bugs with them, while array element access is plain IL.
        /// </summary>
        internal NeighbourEntry[] Entries => _entries;

        /// <summary>Earliest moment an entry will be lost if nothing is heard (long.MaxValue when empty).</summary>
        public long NextLossDeadlineMs
        {
            get
            {
                if (_nextLossDeadlineDirty)
                {
                    long earliest = long.MaxValue;
                    long[] deadlines = _lossDeadlines;
                    for (int i = 0; i < _count; i++)
                    {
                        earliest = deadlines[i] < earliest ? deadlines[i] : earliest;
                    }

                    _nextLossDeadlineMs = earliest;
                    _nextLossDeadlineDirty = false;
                }

                return _nextLossDeadlineMs;
            }
        }

        /// <summary>Index of a neighbour, or -1.</summary>
        public int IndexOf(uint nodeId)
        {
            uint[] ids = _ids;
            for (int i = 0; i < _count; i++)
            {
                if (ids[i] == nodeId)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Copies a neighbour's entry out; false when it is not in the table.</summary>
        public bool TryGet(uint nodeId, out NeighbourEntry entry)
        {
            int index = IndexOf(nodeId);
            entry = index >= 0 ? _entries[index] : default;
            return index >= 0;
        }

        /// <summary>
        /// Applies a beacon without the fresh-start flag. <paramref name="protectedId"/> (the parent) is never evicted;
        /// <paramref name="evictedId"/> is the neighbour that made room, or 0.
        /// </summary>
        public UpsertOutcome Upsert(uint nodeId, ushort sequence, in BeaconBody beacon, in LinkInfo link, long nowMs, uint protectedId, out uint evictedId)
        {
            UpsertOutcome outcome = Upsert(nodeId, sequence, beacon, link, nowMs, protectedId, false, out NeighbourEntry evicted, out _);
            evictedId = evicted.NodeId;
            return outcome;
        }

        /// <summary>
        /// As <see cref="Upsert(uint, ushort, in BeaconBody, in LinkInfo, long, uint, out uint)"/> for a beacon
        /// that carried <c>FrameFlags.FreshStart</c> or not (<paramref name="freshStart"/>), also giving the entry
        /// that left (evicted to make room, or the old incarnation of a restarted neighbour; NodeId 0 when none) and
        /// the beacon it replaced (default when added or restarted).
        /// </summary>
        public UpsertOutcome Upsert(uint nodeId, ushort sequence, in BeaconBody beacon, in LinkInfo link, long nowMs, uint protectedId, bool freshStart, out NeighbourEntry evicted, out BeaconBody previous)
        {
            Invariant.That(FrameHeader.IsValidNodeId(nodeId), "neighbour ids are valid node ids");
            evicted = default;
            previous = default;
            int index = IndexOf(nodeId);
            if (index >= 0 && _entries[index].IsAwaitingBeacon)
            {
                // A seeded static peer speaks for the first time: a new neighbour in a reserved slot.
                Replace(index, sequence, beacon, link, nowMs, freshStart);
                return UpsertOutcome.Added;
            }

            if (index >= 0)
            {
                if (Restarted(in _entries[index], sequence, freshStart, nowMs))
                {
                    evicted = _entries[index];
                    Replace(index, sequence, beacon, link, nowMs, freshStart);
                    return UpsertOutcome.Restarted;
                }

                previous = _entries[index].Beacon;
                return Refresh(index, ref _entries[index], sequence, beacon, link, nowMs, freshStart);
            }

            previous = default;

            if (_count == _entries.Length)
            {
                int victim = FindEvictable(nowMs, protectedId);
                if (victim < 0)
                {
                    return UpsertOutcome.Full;
                }

                evicted = _entries[victim];
                RemoveAt(victim);
            }

            NeighbourEntry entry = Fresh(nodeId, sequence, NeighbourFlags.None);
            Apply(ref entry, beacon, link, nowMs, freshStart);
            _ids[_count] = nodeId;
            _entries[_count] = entry;
            int added = _count++;
            NoteDeadlineMoved(added, long.MaxValue);
            return UpsertOutcome.Added;
        }

        // A new entry in place of one with the same id (a static placeholder, or a restarted neighbour's old
        // incarnation): only the static mark carries over.
        private void Replace(int index, ushort sequence, in BeaconBody beacon, in LinkInfo link, long nowMs, bool freshStart)
        {
            NeighbourEntry entry = Fresh(_entries[index].NodeId, sequence, _entries[index].Flags & NeighbourFlags.Static);
            Apply(ref entry, beacon, link, nowMs, freshStart);
            _entries[index] = entry;
            _lossDeadlines[index] = entry.LossDeadlineMs();
            _nextLossDeadlineDirty = true;
        }

        // Only a fresh-start beacon can be a restart (a new incarnation flags its beacons from power-on, so an
        // unflagged older sequence is a replay or a late copy: stale). It is one after ordinary beacons, and,
        // when the old ones were flagged too (it restarted again within its window, or it never left it), when
        // its sequence is one the old incarnation could not have reached: older once the sender's interval has
        // passed, or further ahead than it could have beaconed since (its new sequence starts at random). A suspected
        // neighbour's sequence further behind than a window is a restart at once: it answered nothing (on LoRa it had
        // died, and its new incarnation went unheard for the rest of the old one's 300 s interval); a late copy of one
        // of its beacons is within a window of the latest, and keeps the reception record it would throw away.
        [MethodImpl(Inlining.Aggressive)]
        private static bool Restarted(in NeighbourEntry entry, ushort sequence, bool freshStart, long nowMs)
        {
            int step = (ushort)(sequence - entry.LastSequence);
            if (!freshStart || step == 0)
            {
                return false; // ordinary, or a duplicate whatever its flags
            }

            if ((entry.Flags & NeighbourFlags.FreshStart) == 0)
            {
                return true;
            }

            long silentMs = nowMs - entry.LastHeardMs;
            bool suspected = (entry.Flags & NeighbourFlags.Suspected) != 0;
            return step >= 0x8000 ? silentMs >= entry.Beacon.IntervalHintMs || (suspected && 0x10000 - step > ReceptionWindowMax) : step > SequenceStepMax(silentMs);
        }

        // The most a sender's sequence can move in silentMs: two beacons per shortest interval any node may have,
        // plus a window's worth (a leave, an answer under emission control, a reset's early beacon).
        private static long SequenceStepMax(long silentMs)
        {
            long steps = (2 * (silentMs < 0 ? 0 : silentMs) / NodeLimits.BeaconIntervalMsFloor) + ReceptionWindowMax;
            return steps < 0x8000 ? steps : 0x8000;
        }

        /// <summary>
        /// Stores entry <paramref name="index"/>'s new loss deadline, and keeps the cached earliest one without a
        /// scan where it can: every beacon moves one entry's deadline, and only moving the earliest one later needs
        /// a look at all of them (at the packed deadlines, not the entries), when the earliest is next read.
        /// </summary>
        [MethodImpl(Inlining.Aggressive)]
        private void NoteDeadlineMoved(int index, long beforeMs)
        {
            long afterMs = _entries[index].LossDeadlineMs();
            _lossDeadlines[index] = afterMs;
            if (_nextLossDeadlineDirty)
            {
                return;
            }

            if (afterMs <= _nextLossDeadlineMs)
            {
                _nextLossDeadlineMs = afterMs;
            }
            else if (beforeMs <= _nextLossDeadlineMs)
            {
                _nextLossDeadlineDirty = true;
            }
        }

        /// <summary>
        /// Seeds a configured (static) peer that has not been heard yet: it takes a free slot as
        /// <see cref="NeighbourFlags.AwaitingBeacon"/> and becomes a full neighbour with its first beacon.
        /// A neighbour already in the table is just marked static. False when the table has no free slot
        /// (seeding never evicts: static peers are configured at start-up, before the table fills).
        /// </summary>
        public bool TrySeedStatic(uint nodeId)
        {
            Invariant.That(FrameHeader.IsValidNodeId(nodeId), "neighbour ids are valid node ids");
            int index = IndexOf(nodeId);
            if (index >= 0)
            {
                _entries[index].Flags |= NeighbourFlags.Static;
                return true;
            }

            if (_count == _entries.Length)
            {
                return false;
            }

            _ids[_count] = nodeId;
            _lossDeadlines[_count] = long.MaxValue; // awaiting a beacon: nothing to lose
            _entries[_count++] = Placeholder(nodeId);
            _nextLossDeadlineDirty = true;
            return true;
        }

        /// <summary>
        /// Removes a neighbour (it left); false when it was not in the table or is a static
        /// peer already awaiting a beacon. A static peer is put back to awaiting a beacon instead of removed;
        /// <paramref name="removed"/> is the entry as it was either way.
        /// </summary>
        public bool Remove(uint nodeId, out NeighbourEntry removed)
        {
            int index = IndexOf(nodeId);
            if (index < 0 || _entries[index].IsAwaitingBeacon)
            {
                removed = default;
                return false;
            }

            removed = _entries[index];
            Drop(index);
            return true;
        }

        /// <summary>
        /// Marks a neighbour <see cref="NeighbourFlags.Suspected"/> (its uplink frames went unanswered) until its next
        /// beacon is applied; false when it is not in the table or is a static peer awaiting a beacon.
        /// </summary>
        public bool MarkSuspected(uint nodeId)
        {
            int index = IndexOf(nodeId);
            if (index < 0 || _entries[index].IsAwaitingBeacon)
            {
                return false;
            }

            _entries[index].Flags |= NeighbourFlags.Suspected;
            return true;
        }

        /// <summary>Removes one neighbour whose loss deadline has passed (a static peer goes back to awaiting a beacon); false when none has.</summary>
        public bool TryRemoveLost(long nowMs, out NeighbourEntry lost)
        {
            lost = default;
            if (nowMs < NextLossDeadlineMs)
            {
                return false;
            }

            for (int i = 0; i < _count; i++)
            {
                if (nowMs >= _lossDeadlines[i])
                {
                    lost = _entries[i];
                    Drop(i);
                    return true;
                }
            }

            Invariant.That(false, "the cached loss deadline matches an entry");
            return false;
        }

        /// <summary>Sets this node's own position, from which every entry's <see cref="NeighbourEntry.DistanceM"/> is measured.</summary>
        public void SetOrigin(bool hasPosition, int latitudeE7, int longitudeE7)
        {
            if (hasPosition == _hasOrigin && latitudeE7 == _originLatitudeE7 && longitudeE7 == _originLongitudeE7)
            {
                return;
            }

            _hasOrigin = hasPosition;
            _originLatitudeE7 = latitudeE7;
            _originLongitudeE7 = longitudeE7;
            for (int i = 0; i < _count; i++)
            {
                _entries[i].DistanceM = DistanceTo(_entries[i].Beacon);
            }
        }

        /// <summary>
        /// Reception ratio of the last beacons in per mille (0..1000): arrived sequence numbers over the
        /// window, where each whole announced interval of silence since the latest beacon counts as a miss.
        /// </summary>
        public int LinkQualityPermille(int index, long nowMs)
        {
            Invariant.InRange(index >= 0 && index < _count, "index", "must be 0..Count-1");
            NeighbourEntry[] entries = _entries; // fields read in place: no copy of the entry per call
            // A beacon counts as missed only once its announced interval plus the loss rule's 1/8 grace
            // has passed: a neighbour whose beacon is due this very moment has not missed it yet.
            int hintMs = entries[index].Beacon.IntervalHintMs;
            long silentMs = nowMs - entries[index].LastHeardMs - (hintMs / 8);
            long overdue = silentMs < hintMs ? 0 : silentMs / hintMs; // no division while nothing is overdue (most reads)
            int missed = overdue > ReceptionWindowMax ? ReceptionWindowMax : (int)overdue;
            int window = entries[index].ReceptionWindow + missed;
            window = window > ReceptionWindowMax ? ReceptionWindowMax : window;
            int received = NeighbourEntry.ReceivedIn((ushort)(entries[index].ReceptionMask << missed), window);
            return received * 1000 / (window < ReceptionWindowMin ? ReceptionWindowMin : window);
        }

        /// <summary>
        /// Writes into destination[offset..] the ids of neighbours with a position inside
        /// <paramref name="cell"/> (or, with <paramref name="includeAdjacent"/>, its 8 neighbour cells),
        /// in table order, stopping when the destination is full. Returns how many were written.
        /// </summary>
        public int FindInCell(GeohashCell cell, bool includeAdjacent, uint[] destination, int offset)
        {
            Invariant.InRange(destination != null && offset >= 0 && offset <= destination.Length, "offset", "must lie inside destination");
            int written = 0;
            for (int i = 0; i < _count && offset + written < destination!.Length; i++)
            {
                BeaconBody beacon = _entries[i].Beacon;
                if (!beacon.HasPosition)
                {
                    continue;
                }

                GeohashCell at = Geohash.Encode(beacon.LatitudeE7, beacon.LongitudeE7, cell.Precision);
                if (at == cell || (includeAdjacent && Geohash.IsInCellOrNeighbour(cell, at)))
                {
                    destination[offset + written] = _entries[i].NodeId;
                    written++;
                }
            }

            return written;
        }

        // Updates the entry in place (every beacon comes through here; copying the entry out and back was a
        // visible share of a reception).
        // Not a restart (Upsert asked Restarted first), so an older sequence here is stale, and so is one further ahead than the sender could have reached.
        private UpsertOutcome Refresh(int index, ref NeighbourEntry entry, ushort sequence, in BeaconBody beacon, in LinkInfo link, long nowMs, bool freshStart)
        {
            long deadlineBeforeMs = _lossDeadlines[index];
            int step = (ushort)(sequence - entry.LastSequence);
            if (step == 0)
            {
                return UpsertOutcome.Duplicate;
            }

            if (step >= 0x8000)
            {
                return UpsertOutcome.Stale; // older than the latest while the sender is fresh: reordered or replayed
            }

            if (step > ReceptionWindowMax && step > SequenceStepMax(nowMs - entry.LastHeardMs)) // no division for the usual step of 1
            {
                // Further ahead than this incarnation can have beaconed since (a flagged beacon that far is a restart,
                // and never gets here): a late copy of an earlier incarnation's beacon, or a replay. Taken, it would
                // clear the fresh-start mark (the next flagged beacon then counts as a second restart) and put the
                // sequence where the neighbour's own beacons look older than it, so stale, until it timed out.
                return UpsertOutcome.Stale;
            }

            entry.ReceptionMask = step >= ReceptionWindowMax ? (ushort)1 : (ushort)((entry.ReceptionMask << step) | 1);
            int window = entry.ReceptionWindow + step;
            entry.ReceptionWindow = (byte)(window > ReceptionWindowMax ? ReceptionWindowMax : window);
            entry.LossAverage = NeighbourEntry.AverageLoss(entry.LossAverage, step - 1);
            entry.LastSequence = sequence;
            bool changed = entry.Beacon.Level != beacon.Level || entry.Beacon.Role != beacon.Role || entry.Beacon.ParentId != beacon.ParentId
                || entry.Beacon.PartitionId != beacon.PartitionId || entry.Beacon.Rank != beacon.Rank;
            Apply(ref entry, beacon, link, nowMs, freshStart);
            NoteDeadlineMoved(index, deadlineBeforeMs);
            return changed ? UpsertOutcome.Updated : UpsertOutcome.Refreshed;
        }

        private void Apply(ref NeighbourEntry entry, in BeaconBody beacon, in LinkInfo link, long nowMs, bool freshStart)
        {
            NeighbourFlags kept = entry.Flags & ~(NeighbourFlags.FreshStart | NeighbourFlags.Suspected); // a new beacon ends a suspicion
            entry.Flags = freshStart ? kept | NeighbourFlags.FreshStart : kept;
            bool moved = entry.DistanceM < 0 || beacon.HasPosition != entry.Beacon.HasPosition
                || beacon.LatitudeE7 != entry.Beacon.LatitudeE7 || beacon.LongitudeE7 != entry.Beacon.LongitudeE7;
            if (moved)
            {
                entry.DistanceM = DistanceTo(beacon); // geo maths only when a position changes
            }

            entry.Beacon = beacon;
            entry.LastHeardMs = nowMs;
            entry.RssiDbm = link.RssiDbm;
            entry.SnrDb = link.SnrDb;
            entry.LossMisses = (byte)_lossRule.MissesBeforeLoss(entry.LossRuleReceptionPermille);
        }

        private int DistanceTo(in BeaconBody beacon)
        {
            if (!_hasOrigin || !beacon.HasPosition)
            {
                return -1;
            }

            return GeoDistance.DistanceMRounded(_originLatitudeE7, _originLongitudeE7, beacon.LatitudeE7, beacon.LongitudeE7);
        }

        private int FindEvictable(long nowMs, uint protectedId)
        {
            int victim = -1;
            long oldestHeardMs = long.MaxValue;
            for (int i = 0; i < _count; i++)
            {
                long heardMs = _entries[i].LastHeardMs;
                bool missedOne = nowMs - heardMs > _entries[i].Beacon.IntervalHintMs;
                if (_entries[i].NodeId != protectedId && !_entries[i].IsStatic && missedOne && heardMs < oldestHeardMs)
                {
                    victim = i;
                    oldestHeardMs = heardMs;
                }
            }

            return victim;
        }

        /// <summary>Takes an entry out of service: a static peer goes back to awaiting a beacon, any other leaves.</summary>
        private void Drop(int index)
        {
            if (_entries[index].IsStatic)
            {
                _entries[index] = Placeholder(_entries[index].NodeId);
                _lossDeadlines[index] = long.MaxValue;
                _nextLossDeadlineDirty = true;
                return;
            }

            RemoveAt(index);
        }

        private static NeighbourEntry Fresh(uint nodeId, ushort sequence, NeighbourFlags flags)
        {
            NeighbourEntry entry = default;
            entry.NodeId = nodeId;
            entry.DistanceM = -1;
            entry.LastSequence = sequence;
            entry.ReceptionMask = 1;
            entry.ReceptionWindow = 1;
            entry.Flags = flags;
            return entry;
        }

        /// <summary>
        /// A static peer nothing is known about: rank infinite and no capabilities (so never a parent
        /// candidate or lateral), no position, battery unknown, no reception (link quality 0), and the
        /// longest interval hint so link-quality arithmetic stays defined.
        /// </summary>
        private static NeighbourEntry Placeholder(uint nodeId)
        {
            NeighbourEntry entry = default;
            entry.NodeId = nodeId;
            entry.DistanceM = -1;
            entry.ReceptionMask = 0;
            entry.ReceptionWindow = 1;
            entry.RssiDbm = LinkInfo.Unknown;
            entry.SnrDb = LinkInfo.Unknown;
            entry.Flags = NeighbourFlags.Static | NeighbourFlags.AwaitingBeacon;
            entry.Beacon.Rank = Topology.Rank.Infinite;
            entry.Beacon.BatteryPercent = BeaconBody.BatteryUnknown;
            entry.Beacon.LoadPercent = 100;
            entry.Beacon.IntervalHintDs = 0xFFFF;
            return entry;
        }

        /// <summary>Marks or unmarks the entry at <paramref name="index"/> as a tracked lateral peer (the topology engine's bookkeeping).</summary>
        internal void SetLateral(int index, bool lateral)
        {
            Invariant.InRange(index >= 0 && index < _count, "index", "must be 0..Count-1");
            _entries[index].Flags = lateral ? _entries[index].Flags | NeighbourFlags.Lateral : _entries[index].Flags & ~NeighbourFlags.Lateral;
        }

        private void RemoveAt(int index)
        {
            _count--;
            _entries[index] = _entries[_count];
            _ids[index] = _ids[_count];
            _lossDeadlines[index] = _lossDeadlines[_count];
            _entries[_count] = default;
            _ids[_count] = 0;
            _lossDeadlines[_count] = long.MaxValue;
            _nextLossDeadlineDirty = true;
        }
    }
}
