using System.Runtime.CompilerServices;
using Peat.Edge.Core.Beacons;
using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Geo;
using Peat.Edge.Core.Hierarchy;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Rng;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Topology
{
    /// <summary>
    /// Topology of one node: which tree it belongs to, its parent, rank, level and role, its children
    /// and lateral peers. Evaluated from the neighbour table whenever something relevant changes.
    /// <para>Rules, in the order they apply:</para>
    /// <list type="number">
    /// <item>Candidates: neighbours that can parent, are attached (finite rank), are not our children,
    /// are not full (unless already our parent), have a usable link, sit above us when levels are
    /// assigned, and are feasible (<see cref="FeasibilityTable"/>: never a descendant). The current
    /// parent stays a candidate when its rank rises above our floor, as Babel keeps a selected route:
    /// for every kept edge the parent's floor is still below ours, so no loop can close through it,
    /// and children do not detach whenever a link upstream wavers; but only while our rank through it
    /// stays within <c>NodeLimits.RankIncreaseMax</c> of the floor (RPL's DAGMaxRankIncrease), so a loop
    /// that stale information closed across trees breaks within a round or two instead of counting to
    /// infinity.</item>
    /// <item>Trees: a better partition id wins (root-capable roots, then priority, then id); a tree
    /// whose root was lost recently is suspect and ranks below every other tree.</item>
    /// <item>Root: a root-capable node roots its own tree unless a better tree is available; a node that
    /// can parent roots a fallback tree after <c>FallbackRootWaitMs</c> detached with no tree in reach, or
    /// after the floating grace when no neighbour could ever lead it to one (detached relays, which have no
    /// parent and an infinite rank, do not count; floating and root-capable neighbours do).</item>
    /// <item>Within a tree, the best multi-factor score wins, but the current parent is kept unless the
    /// same challenger has led it by the switch threshold for the challenge time (its clock restarts when
    /// another candidate leads or its lead falls under the threshold) and the minimum dwell has passed; or
    /// unless the current parent stopped being a candidate. A better tree waits the challenge too, except
    /// that a fallback tree's member moves to a root-capable tree after the floating grace when shorter.</item>
    /// <item>No candidate and no root: detach, announcing an infinite rank (poison) so descendants move;
    /// after the hold-down every former descendant has dropped us, and the floor is forgotten. A node
    /// whose parent detached but is still heard keeps it and floats (infinite rank, parent kept) unless a
    /// feasible attached node is in reach, so a subtree re-attaches with its head.</item>
    /// </list>
    /// </summary>
    public sealed class TopologyEngine
    {
        private readonly NodeIdentity _identity;
        private readonly NodeLimits _limits;
        private readonly IHierarchyStrategy _strategy;
        private readonly bool _levelFollowsParent; // the strategy's, read once: tested for every candidate of every evaluation
        private readonly ParentWeights _weights;
        private readonly NeighbourTable _table;
        private readonly EventSink _events;
        private readonly TrickleTimer _trickle;
        private readonly Pcg32 _random;
        private readonly FeasibilityTable _feasibility;
        private readonly PeerSet _laterals;
        private uint _parentId;
        private long _parentSinceMs;
        private ushort _rank = Topology.Rank.Infinite;
        private ushort _partitionId;
        private bool _isRoot;
        private byte _level;
        private NodeRole _role = NodeRole.Standalone;
        private long _detachedSinceMs;
        private int _childCount;
        private uint _cellLeaderId;
        private byte _rootRandom;
        private uint _pinnedParentId;
        private int _uplinkFailures;
        private int _uplinkFailuresSinceAnswer; // not reset by the parent's beacons: a parent that beacons but never answers

        private GeohashCell _assignedCell;

        // The election's cell and its exact bounds: an election tests every same-level peer for membership,
        // and the node itself while it stays in the cell, by comparisons instead of an encoding each.
        private GeohashBox _electionCell;

        private readonly bool _mayHaveDescendants;
        private bool _poisonAnnounced;

        // Until when a neighbour may still hold a beacon of this node that announced a finite rank (the latest
        // such beacon's time plus 3K of the interval it announced, the loss rule's most, plus grace and Imin).
        private long _finiteRankHeldUntilMs;

        // Trees that children of this node came from, until their subtrees can no longer hold beacons from there:
        // such a subtree still announces that tree to the neighbours that have not heard it move.
        private const int ArrivedFromTreesCapacity = 4;
        private readonly ushort[] _arrivedFromTrees = new ushort[ArrivedFromTreesCapacity];
        private readonly long[] _arrivedFromUntilMs = new long[ArrivedFromTreesCapacity];
        private uint _challengerId;
        private long _challengerSinceMs;
        private long _startMs;
        private bool _joinedRootCapableTree;
        private bool _rootedSinceStart;

        // A parent suspected while its beacons kept coming (it answers nothing: the silent-parent rule) is no candidate
        // for SilentParentHoldMs: its next beacon proves nothing. One is remembered (the last), which is all a node needs.
        private uint _silentParentId;
        private long _silentSinceMs;

        // For the current evaluation: a root-capable node that may root and has not rooted since it started, in its
        // fresh-start window. A tree of its own weight it hears may be the ghost of the one it rooted before a
        // restart, whose members have not all heard it restart (joining it can close a loop through its own old
        // subtree): it takes no parent there, and roots its own instead, outbidding that tree (OutbidOwnGhost).
        private bool _mayHearOwnGhost;
        private readonly ushort _ownRootCapableWeight;

        // This node's children as the table has them, gathered once per scan: IsOwnChild reads them for every
        // candidate, and a table lookup each would scan the whole table once per candidate.
        private readonly uint[] _childIds;
        private int _childIdCount;

        /// <summary>Creates the engine; the node owns every part it is handed.</summary>
        public TopologyEngine(NodeIdentity identity, NodeLimits limits, IHierarchyStrategy strategy, ParentWeights weights, NeighbourTable table, EventSink events, TrickleTimer trickle, Pcg32 random)
        {
            weights.Validate();
            _identity = identity;
            _limits = limits;
            _strategy = strategy;
            _levelFollowsParent = strategy.LevelFollowsParent;
            _weights = weights;
            _table = table;
            _events = events;
            _trickle = trickle;
            _random = random;
            _feasibility = new FeasibilityTable(limits.FeasibleTreeCapacity, limits.FeasibilityFloorHoldMs);
            _laterals = new PeerSet(limits.LateralPeerCapacity);
            _childIds = new uint[limits.NeighbourCapacity];
            _ownRootCapableWeight = PartitionIds.Compose(true, identity.RootPriority, 0);
            _rootRandom = (byte)random.NextUInt32();

            // Nobody may choose a node that cannot parent, so it never has descendants and needs no floor.
            _mayHaveDescendants = (identity.Capabilities & Capabilities.CanParent) != 0;
            _level = strategy.DecideLevel(default);
        }

        /// <summary>Current parent, or 0.</summary>
        public uint ParentId => _parentId;

        /// <summary>Rank announced now (<see cref="Rank.Infinite"/> when detached).</summary>
        public ushort Rank => _rank;

        /// <summary>Partition (tree) id announced now.</summary>
        public ushort PartitionId => _partitionId;

        /// <summary>True while this node is a root.</summary>
        public bool IsRoot => _isRoot;

        /// <summary>Hierarchy level.</summary>
        public byte Level => _level;

        /// <summary>Role within the level.</summary>
        public NodeRole Role => _role;

        /// <summary>Neighbours that name this node as their parent.</summary>
        public int ChildCount => _childCount;

        /// <summary>Same-level peers in this node's partition.</summary>
        public PeerSet Laterals => _laterals;

        /// <summary>The node this one believes leads its cell (itself when it leads; 0 when standalone).</summary>
        public uint CellLeaderId => _cellLeaderId;

        /// <summary>Children as a share of capacity (0..100; 100 = full, or cannot parent).</summary>
        public byte LoadPercent
        {
            get
            {
                int capacity = (_identity.Capabilities & Capabilities.CanParent) == 0 ? 0 : _limits.ChildCapacity;
                if (capacity == 0 || _childCount >= capacity)
                {
                    return 100;
                }

                return (byte)(_childCount * 100 / capacity);
            }
        }

        /// <summary>When a decision that waits on time (hold-down, listening, dwell, challenge) comes due after <paramref name="nowMs"/>; long.MaxValue when none.</summary>
        public long NextDeadlineMs(long nowMs)
        {
            long dueMs = long.MaxValue;
            if (_parentId == FrameHeader.NodeIdNone && !_isRoot)
            {
                dueMs = Earliest(dueMs, _detachedSinceMs + _limits.DetachHoldDownMs, nowMs);
                dueMs = Earliest(dueMs, _finiteRankHeldUntilMs, nowMs);
                dueMs = Earliest(dueMs, _detachedSinceMs + _limits.FloatingParentGraceMs, nowMs);
                dueMs = Earliest(dueMs, _detachedSinceMs + _limits.FallbackRootWaitMs, nowMs);
                dueMs = Earliest(dueMs, _startMs + _limits.DetachHoldDownMs, nowMs);
                dueMs = _joinedRootCapableTree ? dueMs : Earliest(dueMs, _startMs + ListenBeforeRootMs, nowMs);
                dueMs = _silentParentId == FrameHeader.NodeIdNone ? dueMs : Earliest(dueMs, _silentSinceMs + SilentParentHoldMs, nowMs);
            }
            else if (_parentId != FrameHeader.NodeIdNone)
            {
                dueMs = _rank < Topology.Rank.Max ? dueMs : Earliest(dueMs, _detachedSinceMs + _limits.FloatingMaxMs, nowMs);
                dueMs = Earliest(dueMs, _parentSinceMs + _limits.ParentDwellMs, nowMs);
                dueMs = _challengerId == FrameHeader.NodeIdNone ? dueMs : Earliest(dueMs, _challengerSinceMs + _limits.ParentChallengeMs, nowMs);
                dueMs = _challengerId == FrameHeader.NodeIdNone ? dueMs : Earliest(dueMs, _challengerSinceMs + _limits.FloatingParentGraceMs, nowMs);
            }

            return dueMs;
        }

        private static long Earliest(long currentMs, long candidateMs, long nowMs)
        {
            return candidateMs > nowMs && candidateMs < currentMs ? candidateMs : currentMs;
        }

        /// <summary>
        /// Whether the node started less than <c>NodeLimits.FreshStartAnnounceMs</c> ago: its beacons say so
        /// (<c>FrameFlags.FreshStart</c>), and a tree of its own weight may be the ghost of one it rooted before.
        /// </summary>
        internal bool InFreshStart(long nowMs)
        {
            return nowMs - _startMs < _limits.FreshStartAnnounceMs;
        }

        /// <summary>Arms the engine at power-on: detached, waiting for a tree.</summary>
        public void Start(long nowMs)
        {
            _detachedSinceMs = nowMs;
            _startMs = nowMs;
        }

        /// <summary>
        /// At power-on a root-capable node listens before it claims the root, the longer the lower its
        /// priority ((127 - priority) × Imin / 8: 0.84 s for priority 100 on Wi-Fi, 1.25 Imin more per
        /// 10 below, longer than a new root takes to send its first beacon), so a mesh switched on at once
        /// forms one tree under its command post instead of one per root-capable node that then merge.
        /// Once it has been in a root-capable tree it claims at once.
        /// </summary>
        private bool StillListeningForRoot(long nowMs)
        {
            return !_joinedRootCapableTree && nowMs - _startMs < ListenBeforeRootMs;
        }

        private long ListenBeforeRootMs => (long)(NodeIdentity.RootPriorityMax - _identity.RootPriority) * _limits.BeaconIntervalMsMin / 8;

        /// <summary>
        /// Records what this node announced with <paramref name="intervalHintMs"/> (the feasibility floor only
        /// counts announced ranks, since those are what descendants derived their ranks from), and how long a
        /// neighbour that hears nothing more may keep that rank: up to 3K of the announced interval.
        /// </summary>
        public void OnBeaconSent(int intervalHintMs, long nowMs)
        {
            _feasibility.NoteAnnounced(_partitionId, _rank, nowMs);
            _poisonAnnounced = _rank == Topology.Rank.Infinite;
            if (!_poisonAnnounced)
            {
                long heldUntilMs = nowMs + _limits.NeighbourEntryLifetimeMs(intervalHintMs) + _limits.BeaconIntervalMsMin;
                _finiteRankHeldUntilMs = heldUntilMs > _finiteRankHeldUntilMs ? heldUntilMs : _finiteRankHeldUntilMs;
            }
        }

        /// <summary>Pins a parent (directed assignment); 0 releases the pin. The pinned node wins whenever it is a feasible candidate.</summary>
        public void PinParent(uint parentId)
        {
            _pinnedParentId = parentId;
        }

        /// <summary>The pinned parent (directed assignment), or 0.</summary>
        public uint PinnedParentId => _pinnedParentId;

        /// <summary>The cell this node was assigned for leader election (directed assignment); default (precision 0) when none.</summary>
        public GeohashCell AssignedCell => _assignedCell;

        /// <summary>
        /// Assigns the cell this node elects its leader in (directed assignment); default releases it. While
        /// assigned, the node's cell peers are the same-level laterals whose beaconed position lies in that
        /// cell, whatever this node's own position and <c>CellPrecision</c>. Peers still place this node by
        /// its beaconed position (beacons carry no cell), so assign every member of a cell alike.
        /// </summary>
        public void AssignCell(GeohashCell cell)
        {
            _assignedCell = cell;
        }

        /// <summary>
        /// A neighbour's beacon was applied; returns true when the topology should be evaluated now: on a
        /// change of structure (a new neighbour, another tree, level or parent, a load change, a rank that moved
        /// by a hop or more or crossed attached/detached), on any beacon of the parent or of a challenger (where
        /// a challenge is won or lost), and on any beacon while this node is cut off. A rank that drifted with
        /// link quality (most other beacons) waits for the next <c>Tick</c>, which evaluates before every
        /// beacon this node sends.
        /// </summary>
        public bool OnBeaconApplied(uint sourceId, in BeaconBody previous, bool hadPrevious, in BeaconBody beacon, long nowMs)
        {
            uint self = _identity.NodeId;
            bool wasChild = hadPrevious && previous.ParentId == self;
            if (sourceId == _parentId)
            {
                // The parent is alive: the failed uplinks since its last beacon were the link. Unanswered
                // frames are the faster sign only where beacons are slow (LoRa); on Wi-Fi a parent beacons
                // again before three frames can fail, and counting on would move nodes off live parents.
                // Failures since the last answer go on counting, so a parent that beacons but never answers
                // is suspected in the end (and then held off: OnParentSuspected).
                _uplinkFailures = 0;
            }

            bool isChild = beacon.ParentId == self;
            if (isChild && !wasChild)
            {
                _childCount++;
                _events.Emit(MeshEventKind.ChildAdded, sourceId, nowMs, 0);
                if (hadPrevious && previous.PartitionId != beacon.PartitionId && previous.PartitionId != 0)
                {
                    NoteArrivedFrom(previous.PartitionId, nowMs);
                }
            }
            else if (wasChild && !isChild)
            {
                RemoveChild(sourceId, nowMs);
            }

            bool structural = !hadPrevious || previous.PartitionId != beacon.PartitionId || RankMovedAHop(previous.Rank, beacon.Rank)
                || previous.Level != beacon.Level || previous.ParentId != beacon.ParentId || previous.LoadPercent != beacon.LoadPercent;
            // The parent's and a challenger's beacons are where a challenge is won or lost, so they always count.
            bool contender = sourceId == _parentId || (sourceId == _challengerId && _challengerId != FrameHeader.NodeIdNone);
            return structural || contender || (_parentId == FrameHeader.NodeIdNone && !_isRoot);
        }

        [MethodImpl(Inlining.Aggressive)]
        private static bool RankMovedAHop(ushort previous, ushort rank)
        {
            int change = rank > previous ? rank - previous : previous - rank;
            return change >= Topology.Rank.StepMin || (previous >= Topology.Rank.Max) != (rank >= Topology.Rank.Max);
        }

        /// <summary>
        /// A neighbour left the table: lost or left, or (<paramref name="stillThere"/>) pushed out of a full table to
        /// make room, or replaced by its next incarnation when it restarted.
        /// </summary>
        public void OnNeighbourGone(in NeighbourEntry gone, long nowMs, bool stillThere)
        {
            bool wasChild = gone.Beacon.ParentId == _identity.NodeId;
            if (wasChild)
            {
                RemoveChild(gone.NodeId, nowMs);
            }

            if (_laterals.Remove(gone.NodeId))
            {
                _events.Emit(MeshEventKind.LateralLost, gone.NodeId, nowMs, 0);
            }

            if (gone.NodeId == _parentId)
            {
                LoseParent(nowMs); // never by eviction (the table protects the parent), but by a restart
            }

            // A loss is news for the neighbourhood; an eviction or a restart is bookkeeping (the neighbour is alive
            // and comes back when heard), unless it took a child (our load changed) or the parent (LoseParent resets).
            // A lateral's resets nothing here: should the cell's election change, the role change resets the timer.
            // Resetting on every eviction kept the leaves of a full table beaconing at the minimum interval (11-12%
            // LoRa airtime); on every restart, it tripled LoRa churn's (2.3% to 5.8%). A suspected neighbour that is
            // lost at last was old news (this node left it then): resetting then cost LoRa leaf-parent-loss 0.3 points.
            if ((!stillThere && (gone.Flags & NeighbourFlags.Suspected) == 0) || wasChild)
            {
                _trickle.Reset(nowMs);
            }
        }

        /// <summary>
        /// The parent was suspected after unanswered uplink frames (<see cref="NoteUplinkResult"/>) and the table marked it
        /// (<c>NeighbourFlags.Suspected</c>): this node is without a parent until it evaluates again.
        /// </summary>
        public void OnParentSuspected(long nowMs)
        {
            if (_parentId != FrameHeader.NodeIdNone)
            {
                LoseParent(nowMs);
            }
        }

        /// <summary>
        /// How long a parent suspected by the silent-parent rule stays no candidate: until the node's floor is gone
        /// (a deeper working path ranks above it), and a hold-down more for the node to take that path.
        /// </summary>
        private long SilentParentHoldMs => (long)_limits.FeasibilityFloorHoldMs + _limits.DetachHoldDownMs;

        [MethodImpl(Inlining.Aggressive)] // one call site, in a loop over the neighbours
        private bool IsHeldSilentParent(uint nodeId, long nowMs)
        {
            return nodeId == _silentParentId && nowMs - _silentSinceMs < SilentParentHoldMs; // table ids are never 0 (none held)
        }

        /// <summary>
        /// Routing reports whether an uplink frame was acknowledged. After
        /// <c>UplinkFailuresBeforeSuspect</c> failures in a row (more over a lossy link: <see cref="UplinkSuspicion"/>,
        /// from the parent's <paramref name="parentLinkQualityPermille"/>) the parent is suspected;
        /// returns its id then (0 otherwise), for the node to mark it and call <see cref="OnParentSuspected"/>. A parent suspected
        /// while its beacons kept coming (the silent-parent rule) is also held off as a candidate from <paramref name="nowMs"/> on.
        /// </summary>
        public uint NoteUplinkResult(bool acknowledged, int parentLinkQualityPermille, long nowMs)
        {
            if (acknowledged || _parentId == FrameHeader.NodeIdNone)
            {
                _uplinkFailures = 0;
                _uplinkFailuresSinceAnswer = 0;
                _silentParentId = acknowledged && _parentId == _silentParentId ? FrameHeader.NodeIdNone : _silentParentId; // it answers again
                return FrameHeader.NodeIdNone;
            }

            _uplinkFailures++;
            _uplinkFailuresSinceAnswer++;
            int needed = UplinkSuspicion.FailuresBeforeSuspect(_limits.UplinkFailuresBeforeSuspect, parentLinkQualityPermille);
            bool silent = _uplinkFailuresSinceAnswer >= UplinkSuspicion.SilentParentFactor * needed;
            if (silent && _uplinkFailures < needed)
            {
                // Its beacons kept coming (they reset the run) but it answers nothing: taken back on its next beacon, it
                // captured its child for good (the child's feasibility floor kept a deeper working path out of reach).
                // It waits out the detach hold-down twice, so the floor is reset and such a path is taken first.
                _silentParentId = _parentId;
                _silentSinceMs = nowMs;
            }

            return _uplinkFailures >= needed || silent ? _parentId : FrameHeader.NodeIdNone;
        }

        /// <summary>Fills the topology fields of this node's beacon.</summary>
        public void FillBeacon(ref BeaconBody body)
        {
            body.Level = _level;
            body.Role = _role;
            body.ParentId = _parentId;
            body.PartitionId = _partitionId;
            body.Rank = _rank;
            body.LoadPercent = LoadPercent;
        }

        /// <summary>Re-decides parent, root, level, role and lateral peers. Allocates nothing.</summary>
        public void Evaluate(long nowMs, in BeaconBody self)
        {
            bool rootCapable = (_identity.Capabilities & Capabilities.RootCapable) != 0;
            HierarchyContext context = Context(nowMs, self, rootCapable);
            _mayHearOwnGhost = rootCapable && !_rootedSinceStart && InFreshStart(nowMs) && _strategy.MayBecomeRoot(context);
            ScanCandidates(nowMs, out int best, out int bestScore, out int current, out int currentScore);
            uint scannedParentId = _parentId;
            int ownPreference = OwnTreePreference(nowMs, rootCapable, context);
            if (best >= 0 && CandidatePreference(best, nowMs) > ownPreference)
            {
                int chosen = KeepOrSwitch(nowMs, best, bestScore, current, currentScore);
                if (chosen != current && current >= 0 && _table.Entries[chosen].Beacon.PartitionId != _partitionId && IsOverdue(in _table.Entries[chosen], nowMs))
                {
                    // Into another tree only on the candidate's current beacon (the challenge stands meanwhile): an
                    // entry outlives its node by up to 3K intervals, and on LoRa nodes moved into a killed command
                    // post's tree on its 850 s old entry and sat there orphaned.
                    chosen = current;
                }
                if (IsDowngrade(_table.Entries[chosen].Beacon.PartitionId, nowMs) && !_poisonAnnounced)
                {
                    // Into a worse tree only after our poison went out: a neighbour still holding our
                    // finite rank in the better tree could otherwise pick us while we pick it.
                    Detach(nowMs);
                }
                else
                {
                    Attach(chosen, nowMs);
                }
            }
            else if (ownPreference != int.MinValue)
            {
                BecomeRoot(nowMs, rootCapable, context);
            }
            else
            {
                Detach(nowMs);
            }

            UpdateLateralsAndElect(self, nowMs);
            DecideLevelAndRole(nowMs, self, rootCapable, context, scannedParentId);
        }

        private void ScanCandidates(long nowMs, out int best, out int bestScore, out int current, out int currentScore)
        {
            GatherChildren();
            best = -1;
            bestScore = -1;
            current = -1;
            currentScore = -1;
            int bestPreference = int.MinValue;
            NeighbourEntry[] entries = _table.Entries;
            for (int i = 0; i < _table.Count; i++)
            {
                uint id = entries[i].NodeId;
                bool isParent = id == _parentId;
                if (!IsCandidate(in entries[i], i, isParent, nowMs, out int linkQuality, out int rankThrough))
                {
                    continue;
                }

                int score = id == _pinnedParentId ? int.MaxValue : Score(in entries[i], linkQuality, rankThrough);
                if (isParent)
                {
                    current = i;
                    currentScore = score;
                }

                // A detached parent (we float with it) is a last resort: any attached candidate, in any tree, beats it.
                int preference = CandidatePreference(i, nowMs);
                bool better = preference > bestPreference
                    || (preference == bestPreference && (score > bestScore || (score == bestScore && id < entries[best].NodeId)));
                if (better)
                {
                    best = i;
                    bestScore = score;
                    bestPreference = preference;
                }
            }
        }

        // The link quality and the rank through the neighbour are computed once, and only for a neighbour that
        // passes the cheap tests (most neighbours of a leaf-heavy mesh cannot parent); Score reads them too.
        [MethodImpl(Inlining.Aggressive)] // one call site, in a loop over the neighbours
        private bool IsCandidate(in NeighbourEntry entry, int index, bool isParent, long nowMs, out int linkQuality, out int rankThrough)
        {
            linkQuality = 0;
            rankThrough = Topology.Rank.Infinite;
            bool eligible = (entry.Beacon.Capabilities & Capabilities.CanParent) != 0
                && entry.Beacon.ParentId != _identity.NodeId
                && (entry.Flags & NeighbourFlags.Suspected) == 0 // flags, not IsSuspected: a property call copies the in-struct
                && !IsHeldSilentParent(entry.NodeId, nowMs)
                && (isParent || entry.Beacon.LoadPercent < 100)
                && (_levelFollowsParent || entry.Beacon.Level < _level);
            if (!eligible)
            {
                return false;
            }

            linkQuality = _table.LinkQualityPermille(index, nowMs);
            // The current parent stays a candidate while it is detached itself (infinite rank): this node
            // then floats with it, announcing an infinite rank too, instead of tearing its subtree apart.
            ushort rank = entry.Beacon.Rank;
            rankThrough = Topology.Rank.Through(rank, linkQuality);
            bool attached = rank < Topology.Rank.Max && rankThrough < Topology.Rank.Max;
            return (attached || (isParent && !HasFloatedTooLong(nowMs)))
                && linkQuality >= (isParent ? _limits.ParentLinkQualityDropPermille : _limits.ParentLinkQualityMinPermille)
                && (isParent || !_mayHaveDescendants || _feasibility.IsFeasible(entry.Beacon.PartitionId, rank, nowMs))
                && (!isParent || !attached || !_mayHaveDescendants || rankThrough <= _feasibility.FloorOf(entry.Beacon.PartitionId, nowMs) + _limits.RankIncreaseMax)
                && (isParent || !_mayHaveDescendants || entry.Beacon.PartitionId == _partitionId || !ChildArrivedFrom(entry.Beacon.PartitionId, nowMs))
                && !(_mayHearOwnGhost && PartitionIds.WeightOf(entry.Beacon.PartitionId) == _ownRootCapableWeight)
                && !IsOwnChild(entry.Beacon.ParentId)
                && !IsStaleForAHead(in entry, nowMs);
        }

        // Floating (an infinite rank under a kept parent) longer than a detached head needs to root and say so.
        [MethodImpl(Inlining.Aggressive)]
        private bool HasFloatedTooLong(long nowMs)
        {
            return _rank >= Topology.Rank.Max && nowMs - _detachedSinceMs >= _limits.FloatingMaxMs;
        }

        // A parent in a tree that a child of ours came from is no candidate for a while: that child's subtree
        // keeps announcing that tree until it hears the move, so a node of it may look like a way into that
        // tree while it hangs below us (the simulator's swarm seed 265: a relay, detached, took a member of the
        // fallback tree whose root had just joined it through its new child, and the four counted to infinity).
        // The floor, kept per tree, does not see it. A deeper descendant's move this node does not hear of: that stays open.
        private bool ChildArrivedFrom(ushort partitionId, long nowMs)
        {
            for (int i = 0; i < ArrivedFromTreesCapacity; i++)
            {
                if (_arrivedFromTrees[i] == partitionId && nowMs < _arrivedFromUntilMs[i])
                {
                    return true;
                }
            }

            return false;
        }

        // Until the child's subtree can hold no beacon from the old tree (FeasibilityFloorHoldMs); the entry
        // that expires first makes room.
        private void NoteArrivedFrom(ushort partitionId, long nowMs)
        {
            int slot = 0;
            for (int i = 0; i < ArrivedFromTreesCapacity; i++)
            {
                if (_arrivedFromTrees[i] == partitionId)
                {
                    slot = i;
                    break;
                }

                slot = _arrivedFromUntilMs[i] < _arrivedFromUntilMs[slot] ? i : slot;
            }

            _arrivedFromTrees[slot] = partitionId;
            _arrivedFromUntilMs[slot] = nowMs + _limits.FeasibilityFloorHoldMs;
        }

        // A node without a parent (detached, or a root) that still has children takes no parent on a beacon that
        // is overdue: the neighbour may since have moved into this node's own subtree. In another tree the floor,
        // kept per tree, does not guard that (seen on lossy LoRa: a parent taken on a 436 s old entry closed a
        // loop of four); in its own the floor is gone once the node has been detached long enough, while the entry
        // of a descendant that missed the poison can outlive that (the tour at 30% loss, seed 73: a relay took its
        // great-grandchild on a 4 s old beacon). Its next beacon tells where it is now. Without children there is
        // no subtree to close a loop through, and no reason to wait (a node healed from isolation over 80%-loss
        // links took 27 s instead of 10 to rejoin when it waited too).
        private bool IsStaleForAHead(in NeighbourEntry entry, long nowMs)
        {
            return _parentId == FrameHeader.NodeIdNone && _childCount > 0 && IsOverdue(in entry, nowMs);
        }

        // The neighbour's next beacon should have come by now (its announced interval plus the loss rule's 1/8 grace).
        private static bool IsOverdue(in NeighbourEntry entry, long nowMs)
        {
            int hintMs = entry.Beacon.IntervalHintMs;
            return nowMs - entry.LastHeardMs > hintMs + (hintMs / 8);
        }

        // A candidate whose parent names this node as its parent closes a loop of three at once (seen after a
        // restart in the simulator: the old child had not yet heard the restarted node, which took its grandchild).
        private bool IsOwnChild(uint nodeId)
        {
            for (int i = 0; i < _childIdCount; i++)
            {
                if (_childIds[i] == nodeId)
                {
                    return true;
                }
            }

            return false;
        }

        private void GatherChildren()
        {
            _childIdCount = 0;
            if (_childCount == 0)
            {
                return;
            }

            NeighbourEntry[] entries = _table.Entries;
            uint self = _identity.NodeId;
            for (int i = 0; i < _table.Count; i++)
            {
                if (entries[i].Beacon.ParentId == self)
                {
                    _childIds[_childIdCount++] = entries[i].NodeId;
                }
            }
        }

        /// <summary>The multi-factor parent score, 0..1000 (<paramref name="rankThrough"/>: <c>Rank.Through(entry's rank, linkQuality)</c>).</summary>
        internal int Score(in NeighbourEntry entry, int linkQuality, int rankThrough)
        {
            int levelScore = 1000;
            if (!_levelFollowsParent)
            {
                int gap = _level - entry.Beacon.Level;
                levelScore = gap <= 1 ? 1000 : 1000 / gap;
            }

            // The rank this node would have through the candidate: its path cost plus our link to it (ETX).
            int linkScore = linkQuality;
            int rankScore = (int)(256000L * 2 / rankThrough);
            int half = _limits.ParentDistanceHalfScoreM;
            int distanceScore = entry.DistanceM < 0 ? 500 : (int)(1000L * half / (half + (long)entry.DistanceM));
            int battery = entry.Beacon.BatteryPercent; // fields read in place: a copy of the beacon costs more than the score
            int load = entry.Beacon.LoadPercent;
            int batteryScore = battery == BeaconBody.BatteryUnknown ? 1000 : battery * 10;
            int loadScore = (100 - (load > 100 ? 100 : load)) * 10;
            long weighted = ((long)levelScore * _weights.Level) + ((long)rankScore * _weights.Rank) + ((long)distanceScore * _weights.Distance)
                + ((long)batteryScore * _weights.Battery) + ((long)loadScore * _weights.Load) + ((long)linkScore * _weights.LinkQuality);
            return (int)(weighted / _weights.Sum);
        }

        /// <summary>
        /// Tree order: root-capable first, then priority, then id. The same for every node (nothing
        /// local goes into it), so two nodes can never each move into the other's tree at once.
        /// </summary>
        private static int TreePreference(ushort partitionId, long nowMs)
        {
            return partitionId;
        }

        [MethodImpl(Inlining.Aggressive)]
        private int CandidatePreference(int index, long nowMs)
        {
            NeighbourEntry[] entries = _table.Entries;
            return entries[index].Beacon.Rank >= Topology.Rank.Max ? int.MinValue + 1 : TreePreference(entries[index].Beacon.PartitionId, nowMs);
        }

        private bool IsDowngrade(ushort partitionId, long nowMs)
        {
            return _partitionId != 0 && partitionId != _partitionId && TreePreference(partitionId, nowMs) < TreePreference(_partitionId, nowMs);
        }

        private int OwnTreePreference(long nowMs, bool rootCapable, in HierarchyContext context)
        {
            if (rootCapable && _strategy.MayBecomeRoot(context) && (_isRoot || !StillListeningForRoot(nowMs)))
            {
                if (!_isRoot)
                {
                    OutbidOwnGhost();
                }

                return _isRoot ? _partitionId : PartitionIds.Compose(true, _identity.RootPriority, _rootRandom);
            }

            // Cut off: detached for the fallback wait, or with nobody in reach who could ever be a parent (a
            // root cannot close a loop) since power-on's hold-down (the table is still filling) and for the
            // floating-parent grace (a parent timed out by a few lost beacons is usually heard again by then,
            // and a root claimed meanwhile would pull its subtree into a tree of its own).
            bool canParent = (_identity.Capabilities & Capabilities.CanParent) != 0;
            bool detached = _parentId == FrameHeader.NodeIdNone;
            long detachedMs = nowMs - _detachedSinceMs;
            bool heardEnough = nowMs - _startMs >= _limits.DetachHoldDownMs && detachedMs >= _limits.FloatingParentGraceMs;
            bool cutOff = detached && (detachedMs >= _limits.FallbackRootWaitMs || (heardEnough && !HasPossibleParent()));
            if (canParent && (_isRoot || cutOff))
            {
                return _isRoot ? _partitionId : PartitionIds.Compose(false, _identity.RootPriority, _rootRandom);
            }

            return int.MinValue;
        }

        /// <summary>
        /// A root-capable node that restarted may still hear the tree it rooted before: members holding the old id
        /// (a restart cannot remember it), rooted nowhere now. A new tree with a lower random byte would lose to
        /// that ghost, whose members pull the new tree's nodes into it round a loop through the new root (seen in
        /// the simulator's LoRa churn). So for the first tree it roots in its fresh-start window it draws above
        /// every root-capable tree of its own weight it hears (255 stays 255: the same id). A same-priority
        /// command post's live tree is outbid too, and the two merge into this one, as trees merge anyway; only
        /// the first claim outbids, so two such posts cannot take the lead from each other in turn.
        /// </summary>
        private void OutbidOwnGhost()
        {
            if (!_mayHearOwnGhost)
            {
                return;
            }

            NeighbourEntry[] entries = _table.Entries;
            for (int i = 0; i < _table.Count; i++)
            {
                ushort partition = entries[i].Beacon.PartitionId;
                byte random = (byte)partition;
                if (PartitionIds.WeightOf(partition) == _ownRootCapableWeight && random >= _rootRandom)
                {
                    _rootRandom = random == 0xFF ? random : (byte)(random + 1);
                }
            }
        }

        private bool HasPossibleParent()
        {
            NeighbourEntry[] entries = _table.Entries;
            for (int i = 0; i < _table.Count; i++)
            {
                if ((entries[i].Beacon.Capabilities & Capabilities.CanParent) != 0 && entries[i].Beacon.ParentId != _identity.NodeId
                    && !IsDetachedRelay(in entries[i].Beacon) && (entries[i].Flags & NeighbourFlags.Suspected) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        // A detached relay (no parent, infinite rank: never in a tree, or its parent is gone) cannot lead us to a
        // tree before it joins one itself, and then it is attached and counts; otherwise two such relays in a
        // part that reaches no root-capable tree would each wait out FallbackRootWaitMs for the other. A
        // floating node (infinite rank under a parent) still counts, since its tree may come back, and so does
        // a root-capable neighbour, which is about to claim a tree of its own.
        private static bool IsDetachedRelay(in BeaconBody beacon)
        {
            return beacon.ParentId == FrameHeader.NodeIdNone
                && beacon.Rank >= Topology.Rank.Max && (beacon.Capabilities & Capabilities.RootCapable) == 0;
        }

        private int KeepOrSwitch(long nowMs, int best, int bestScore, int current, int currentScore)
        {
            NeighbourEntry[] entries = _table.Entries;
            if (current < 0 || current == best || entries[best].NodeId == _pinnedParentId)
            {
                return best; // nothing to keep, or a directed assignment: no dwell, no challenge
            }

            ushort parentTree = entries[current].Beacon.PartitionId;
            ushort bestTree = entries[best].Beacon.PartitionId;
            bool parentFloating = entries[current].Beacon.Rank >= Topology.Rank.Max;
            if (parentFloating && bestTree != parentTree)
            {
                return best; // our parent's tree lost its root: move to a live tree at once
            }

            // Leaving a parent that floats only for a moment, or moving to a better tree over a link that
            // comes and goes, would be flapping: every move must hold for the challenge time. Only an
            // ordinary score improvement must also wait for the dwell.
            bool treeUpgrade = !parentFloating && TreePreference(bestTree, nowMs) > TreePreference(parentTree, nowMs);
            bool beatsByThreshold = treeUpgrade || parentFloating
                || (long)bestScore * 100 > (long)currentScore * (100 + _limits.ParentSwitchThresholdPercent);
            if (!beatsByThreshold)
            {
                _challengerId = FrameHeader.NodeIdNone;
                return current;
            }

            uint challenger = entries[best].NodeId;
            if (challenger != _challengerId)
            {
                _challengerId = challenger; // a new lead: it has to last
                _challengerSinceMs = nowMs;
            }

            bool dwelt = treeUpgrade || parentFloating || nowMs - _parentSinceMs >= _limits.ParentDwellMs;
            long challengeMs = parentFloating ? _limits.FloatingParentGraceMs : _limits.ParentChallengeMs;
            if (treeUpgrade && !PartitionIds.IsRootCapable(parentTree) && PartitionIds.IsRootCapable(bestTree) && _limits.FloatingParentGraceMs < challengeMs)
            {
                // A fallback tree exists only while its part hears no root-capable tree; once one is heard, its
                // members go back within the floating grace rather than an ordinary move's long challenge (its
                // root follows them at once, so the fallback tree dissolves instead of holding the part for a minute).
                challengeMs = _limits.FloatingParentGraceMs;
            }

            bool sustained = nowMs - _challengerSinceMs >= challengeMs;
            return dwelt && sustained ? best : current;
        }

        private void Attach(int index, long nowMs)
        {
            NeighbourEntry[] entries = _table.Entries;
            uint parentId = entries[index].NodeId;
            ushort rank = Topology.Rank.Through(entries[index].Beacon.Rank, _table.LinkQualityPermille(index, nowMs));
            uint previousParent = _parentId;
            bool wasRoot = _isRoot;
            SetRoot(false, nowMs);
            SetPartition(entries[index].Beacon.PartitionId, nowMs);
            if (parentId != previousParent)
            {
                _challengerId = FrameHeader.NodeIdNone;
                _parentId = parentId;
                _parentSinceMs = nowMs;
                _uplinkFailures = 0;
                _uplinkFailuresSinceAnswer = 0;
                MeshEventKind kind = previousParent == FrameHeader.NodeIdNone ? MeshEventKind.ParentSelected : MeshEventKind.ParentChanged;
                _events.Emit(kind, parentId, nowMs, kind == MeshEventKind.ParentSelected ? rank : unchecked((int)previousParent));
                _trickle.Reset(nowMs);
            }

            SetRank(rank, nowMs);
            Invariant.That(!wasRoot || !_isRoot, "an attached node is not a root");
        }

        private void BecomeRoot(long nowMs, bool rootCapable, in HierarchyContext context)
        {
            if (_isRoot)
            {
                return;
            }

            if (_parentId != FrameHeader.NodeIdNone)
            {
                _parentId = FrameHeader.NodeIdNone;
            }

            SetPartition(PartitionIds.Compose(rootCapable && _strategy.MayBecomeRoot(context), _identity.RootPriority, _rootRandom), nowMs);
            SetRoot(true, nowMs);
            _rootedSinceStart = true;
            SetRank(Topology.Rank.Root, nowMs);
            _events.Emit(MeshEventKind.BecameRoot, _identity.NodeId, nowMs, _partitionId);
            _trickle.Reset(nowMs);
        }

        private void Detach(long nowMs)
        {
            bool wasAttached = _rank < Topology.Rank.Max;
            if (_parentId != FrameHeader.NodeIdNone)
            {
                LoseParent(nowMs);
            }

            SetRoot(false, nowMs);
            if (wasAttached)
            {
                _events.Emit(MeshEventKind.Detached, _identity.NodeId, nowMs, _partitionId);
            }

            SetRank(Topology.Rank.Infinite, nowMs);
            if (nowMs >= _finiteRankHeldUntilMs)
            {
                // No neighbour holds a finite rank of ours by now (it heard the poison, or timed us out, however
                // bad its link): the K-interval hold-down is not enough for that (NodeLimits.FeasibilityFloorHoldMs).
                _feasibility.ResetFloor(_partitionId, nowMs);
            }
        }

        private void LoseParent(long nowMs)
        {
            _events.Emit(MeshEventKind.ParentLost, _parentId, nowMs, 0);
            _parentId = FrameHeader.NodeIdNone;
            _detachedSinceMs = nowMs;
            _uplinkFailures = 0;
            _uplinkFailuresSinceAnswer = 0;
            _trickle.Reset(nowMs);
        }

        private void SetRoot(bool isRoot, long nowMs)
        {
            if (_isRoot && !isRoot)
            {
                _rootRandom = (byte)_random.NextUInt32(); // the next tree this node roots gets a fresh id
                _detachedSinceMs = nowMs;
            }

            _isRoot = isRoot;
        }

        private void SetPartition(ushort partitionId, long nowMs)
        {
            _joinedRootCapableTree |= PartitionIds.IsRootCapable(partitionId);
            if (partitionId != _partitionId)
            {
                _partitionId = partitionId;
                _events.Emit(MeshEventKind.PartitionChanged, _identity.NodeId, nowMs, partitionId);
                _trickle.Reset(nowMs);
            }
        }

        private void SetRank(ushort rank, long nowMs)
        {
            if (RankMovedAHop(_rank, rank))
            {
                _trickle.Reset(nowMs); // a hop more or less, or attaching/detaching: tell the neighbours soon
            }

            if (rank == Topology.Rank.Infinite && _rank != Topology.Rank.Infinite)
            {
                _detachedSinceMs = nowMs; // detached or floating: the hold-down counts from here
            }

            _rank = rank;
        }

        private void RemoveChild(uint childId, long nowMs)
        {
            _childCount--;
            Invariant.That(_childCount >= 0, "child count never goes negative");
            _events.Emit(MeshEventKind.ChildRemoved, childId, nowMs, 0);
        }

        // Tracks entry i as a lateral peer exactly while it is one; the table's Lateral flag says who is
        // tracked, so no lookups are needed.
        [MethodImpl(Inlining.Aggressive)] // one call site, in a loop over the neighbours
        private void UpdateLateral(NeighbourEntry[] entries, int i, long nowMs)
        {
            bool tracked = (entries[i].Flags & NeighbourFlags.Lateral) != 0;
            bool lateral = !entries[i].IsAwaitingBeacon && IsLateral(in entries[i].Beacon);
            if (tracked == lateral)
            {
                return;
            }

            uint id = entries[i].NodeId;
            if (tracked)
            {
                _table.SetLateral(i, false);
                _laterals.Remove(id);
                _events.Emit(MeshEventKind.LateralLost, id, nowMs, 0);
            }
            else if (_laterals.TryAdd(id))
            {
                _table.SetLateral(i, true);
                _events.Emit(MeshEventKind.LateralDiscovered, id, nowMs, 0);
            }
        }

        [MethodImpl(Inlining.Aggressive)] // one call site, in a loop over the neighbours
        private bool IsLateral(in BeaconBody beacon)
        {
            bool attached = _rank < Topology.Rank.Max && beacon.Rank < Topology.Rank.Max;
            return attached && beacon.Level == _level && beacon.PartitionId == _partitionId;
        }

        /// <summary>
        /// Updates the lateral peers, then elects the cell's leader among this node and its same-cell lateral
        /// peers (score with hysteresis for the incumbent, then lowest id). One pass over the table: an entry's
        /// lateral flag is settled before the election reads it, and nothing else in the election depends
        /// on the other entries' flags.
        /// </summary>
        private void UpdateLateralsAndElect(in BeaconBody self, long nowMs)
        {
            uint winner = _identity.NodeId;
            long winnerScore = ElectionWeight(self, _role == NodeRole.Leader);
            bool winnerEligible = IsEligible(self);
            GeohashCell ownCell = OwnCell(self); // once, not once per peer
            if (ownCell.Precision > 0)
            {
                _electionCell.Set(ownCell);
            }

            int peers = 0;
            NeighbourEntry[] entries = _table.Entries;
            for (int i = 0; i < _table.Count; i++)
            {
                UpdateLateral(entries, i, nowMs);
                if ((entries[i].Flags & NeighbourFlags.Lateral) == 0 || !SameCell(self, in entries[i].Beacon))
                {
                    continue;
                }

                peers++;
                long score = ElectionWeight(in entries[i].Beacon, entries[i].Beacon.Role == NodeRole.Leader);
                bool eligible = IsEligible(in entries[i].Beacon);
                uint id = entries[i].NodeId;
                bool wins = (eligible && !winnerEligible)
                    || (eligible == winnerEligible && (score > winnerScore || (score == winnerScore && id < winner)));
                if (wins)
                {
                    winner = id;
                    winnerScore = score;
                    winnerEligible = eligible;
                }
            }

            _cellLeaderId = peers == 0 ? FrameHeader.NodeIdNone : winner;
        }

        private long ElectionWeight(in BeaconBody beacon, bool incumbent)
        {
            long score = _strategy.ElectionScore(beacon);
            return incumbent ? score * (100 + _strategy.ElectionHysteresisPercent) : score * 100;
        }

        private bool IsEligible(in BeaconBody beacon)
        {
            return beacon.BatteryPercent == BeaconBody.BatteryUnknown || beacon.BatteryPercent >= _limits.LeaderBatteryMinPercent;
        }

        // The cell this node elects in: the assigned one, else its own position's at CellPrecision (default when it has none).
        private GeohashCell OwnCell(in BeaconBody self)
        {
            if (_assignedCell.Precision > 0)
            {
                return _assignedCell;
            }

            int precision = _limits.CellPrecision;
            if (precision == 0 || !self.HasPosition)
            {
                return default;
            }

            // Still inside the last election's cell (the box is exact): that is its cell, no encoding needed.
            bool stayed = _electionCell.Cell.Precision == precision && _electionCell.Contains(self.LatitudeE7, self.LongitudeE7);
            return stayed ? _electionCell.Cell : Geohash.Encode(self.LatitudeE7, self.LongitudeE7, precision);
        }

        // Whether a peer is in the election's cell (its bounds set by UpdateLateralsAndElect whenever the cell has a precision).
        [MethodImpl(Inlining.Aggressive)]
        private bool SameCell(in BeaconBody self, in BeaconBody peer)
        {
            if (_assignedCell.Precision > 0)
            {
                return peer.HasPosition && _electionCell.Contains(peer.LatitudeE7, peer.LongitudeE7);
            }

            int precision = _limits.CellPrecision;
            if (precision == 0 || (!self.HasPosition && !peer.HasPosition))
            {
                return true;
            }

            if (self.HasPosition != peer.HasPosition)
            {
                return false;
            }

            return _electionCell.Contains(peer.LatitudeE7, peer.LongitudeE7);
        }

        private void DecideLevelAndRole(long nowMs, in BeaconBody self, bool rootCapable, in HierarchyContext first, uint scannedParentId)
        {
            HierarchyContext context = OwnState(nowMs, self, rootCapable);
            if (_parentId == scannedParentId)
            {
                context.ParentLevel = first.ParentLevel;
                context.LevelAboveReachable = first.LevelAboveReachable;
            }
            else
            {
                ScanNeighbours(ref context);
            }

            byte level = _strategy.DecideLevel(context);
            if (level != _level)
            {
                _level = level;
                _events.Emit(MeshEventKind.LevelChanged, _identity.NodeId, nowMs, level);
                _trickle.Reset(nowMs);
            }

            NodeRole role = _strategy.DecideRole(context);
            if (role != _role)
            {
                _role = role;
                _events.Emit(MeshEventKind.RoleChanged, _identity.NodeId, nowMs, (int)role);
                _trickle.Reset(nowMs);
            }
        }

        private HierarchyContext Context(long nowMs, in BeaconBody self, bool rootCapable)
        {
            HierarchyContext context = OwnState(nowMs, self, rootCapable);
            ScanNeighbours(ref context);
            return context;
        }

        private HierarchyContext OwnState(long nowMs, in BeaconBody self, bool rootCapable)
        {
            HierarchyContext context = default;
            context.NowMs = nowMs;
            context.IsRoot = _isRoot;
            context.HasParent = _parentId != FrameHeader.NodeIdNone;
            context.CurrentLevel = _level;
            context.CurrentRole = _role;
            context.BatteryPercent = self.BatteryPercent;
            context.RootCapable = rootCapable;
            context.HasCellPeers = _cellLeaderId != FrameHeader.NodeIdNone;
            context.WinsCellElection = _cellLeaderId == _identity.NodeId;
            return context;
        }

        private void ScanNeighbours(ref HierarchyContext context)
        {
            NeighbourEntry[] entries = _table.Entries;
            for (int i = 0; i < _table.Count; i++)
            {
                byte level = entries[i].Beacon.Level;
                if (entries[i].NodeId == _parentId)
                {
                    context.ParentLevel = level;
                }

                if (level + 1 == _level && entries[i].Beacon.Rank < Topology.Rank.Max && (entries[i].Beacon.Capabilities & Capabilities.CanParent) != 0
                    && (entries[i].Flags & NeighbourFlags.Suspected) == 0)
                {
                    context.LevelAboveReachable = true;
                }
            }
        }
    }
}
