using System.Runtime.CompilerServices;
using Peat.Edge.Core.Beacons;
using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Discovery;
using Peat.Edge.Core.Hierarchy;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Rng;
using Peat.Edge.Core.Storage;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Node
{
    /// <summary>
    /// One mesh node as a sans-I/O state machine. The host passes monotonic time into every call, hands
    /// received frames to <see cref="Receive"/>, calls <see cref="Tick"/> at <see cref="NextDeadlineMs"/>,
    /// and drains frames (<see cref="TryDequeueOutgoing"/>) and events (<see cref="TryDequeueEvent"/>).
    /// All memory is taken in the constructor; no call allocates after that.
    /// <para>The node beacons on a Trickle timer, keeps its neighbour table, and forms the topology
    /// (<see cref="TopologyEngine"/>: tree, parent, rank, level, role); routing and security build on it.</para>
    /// <para>Discovery and control: static peers seed the table (<see cref="AddStaticPeer"/>), emission
    /// control keeps the node quiet (<see cref="EmissionControl"/>), and directed assignments flood
    /// through the mesh (MeshNode.Assignments.cs: <see cref="TryAssign"/>).</para>
    /// </summary>
    public sealed partial class MeshNode
    {
        /// <summary>Rank of a node attached to nothing (no path to a root).</summary>
        public const ushort RankInfinite = Peat.Edge.Core.Topology.Rank.Infinite;

        private readonly NodeIdentity _identity;
        private readonly NodeLimits _limits;
        private readonly IMetrics _metrics;
        private readonly Pcg32 _random;
        private readonly NeighbourTable _neighbours;
        private readonly EventRing _events;
        private readonly FrameQueue _outgoing;
        private readonly EventSink _sink;
        private readonly TrickleTimer _trickle;
        private readonly TopologyEngine _topology;
        private SelfReading _self;
        private ushort _beaconSequence;
        private int _intervalHintMs;
        private long _nowMs;
        private bool _started;
        private bool _emissionControl;

        /// <summary>
        /// Creates a node; <paramref name="limits"/> is validated and copied. Without a strategy the
        /// hierarchy is dynamic (level = depth, elected leaders); without weights the defaults apply.
        /// </summary>
        public MeshNode(NodeIdentity identity, NodeLimits limits, IMetrics metrics, ulong seed, IHierarchyStrategy? strategy = null, ParentWeights? weights = null)
        {
            Invariant.InRange(identity != null, "identity", "is required");
            Invariant.InRange(limits != null, "limits", "is required");
            Invariant.InRange(metrics != null, "metrics", "is required (use NoOpMetrics.Instance)");
            limits!.Validate();
            _identity = identity!;
            _limits = limits.Clone();
            _metrics = metrics!;
            _random = new Pcg32(seed, identity!.NodeId);
            _neighbours = new NeighbourTable(_limits.NeighbourCapacity, _limits.MissedBeaconsBeforeLoss);
            _events = new EventRing(_limits.EventRingCapacity);
            _sink = new EventSink(_events, _metrics);
            _outgoing = new FrameQueue(_limits.OutgoingQueueCapacity, _limits.FrameBytesMax);
            _trickle = new TrickleTimer(_limits.BeaconIntervalMsMin, _limits.BeaconIntervalMsMax, _limits.BeaconJitterPercent, _limits.MissedBeaconsBeforeLoss, _random);
            _levelAssignment = new AssignedLevelStrategy(strategy ?? new DynamicHierarchyStrategy());
            _topology = new TopologyEngine(_identity, _limits, _levelAssignment, weights ?? new ParentWeights(), _neighbours, _sink, _trickle, _random);
            _self = SelfReading.Unknown;
            _beaconSequence = (ushort)_random.NextUInt32();
            _intervalHintMs = _limits.BeaconIntervalMsMin;
            _duplicates = new DuplicateCache(_limits.DuplicateCacheCapacity);
            _authorizer = AllowAllCommands.Instance;

            // Random starts (so a restarted node's frames are not taken for duplicates still cached by its
            // neighbours), derived from the beacon's random start: construction draws nothing more from the
            // PRNG, so seeded runs stay byte-identical to those before assignments existed.
            _commandSequence = (ushort)(_beaconSequence + 0x5A5A);
            _statusSequence = (ushort)(_beaconSequence + 0xA5A5);
            _assignments = new AssignmentTable(_limits.AssignmentCapacity, (ushort)~_beaconSequence);
            _telemetry = new TelemetryBuffer(_limits.TelemetryBufferCount, _limits.TelemetryBufferBytes);
            _inbox = new TelemetryBuffer(_limits.TelemetryInboxCount, _limits.TelemetryInboxBytes);
            _payloadScratch = new byte[_limits.FrameBytesMax];

            // Telemetry sequences start at random too: a restarted node's records must not pass for copies
            // of its earlier ones, end to end (32 bits) or at its parent (frames). Mixed from the seed, not
            // drawn, so the beacon schedule of a seeded run does not depend on telemetry existing.
            uint start = Pcg32.Mix(seed, identity.NodeId);
            _telemetrySequence = start;
            _telemetryFrameSequence = (ushort)(_beaconSequence + 0x3C3C);
            _telemetryAckSequence = (ushort)(start >> 16);
        }

        /// <summary>This node's id.</summary>
        public uint NodeId => _identity.NodeId;

        /// <summary>The neighbour table (read it; the node writes it).</summary>
        public NeighbourTable Neighbours => _neighbours;

        /// <summary>Frames waiting to be sent.</summary>
        public int OutgoingCount => _outgoing.Count;

        /// <summary>Events waiting to be drained.</summary>
        public int EventCount => _events.Count;

        /// <summary>The latest accepted sensor readings.</summary>
        public SelfReading Self => _self;

        /// <summary>What this node advertises it can do.</summary>
        public Capabilities Capabilities => _identity.Capabilities;

        /// <summary>Current parent, or <see cref="FrameHeader.NodeIdNone"/>.</summary>
        public uint ParentId => _topology.ParentId;

        /// <summary>Hierarchy level (0 = top).</summary>
        public byte Level => _topology.Level;

        /// <summary>Role within the level.</summary>
        public NodeRole Role => _topology.Role;

        /// <summary>Path cost to the root; <see cref="RankInfinite"/> when attached to nothing.</summary>
        public ushort Rank => _topology.Rank;

        /// <summary>Partition (tree) this node belongs to.</summary>
        public ushort PartitionId => _topology.PartitionId;

        /// <summary>True when this node is the root of its tree (top of the hierarchy for its partition).</summary>
        public bool IsRoot => _topology.IsRoot;

        /// <summary>Neighbours that name this node as their parent.</summary>
        public int ChildCount => _topology.ChildCount;

        /// <summary>Same-level peers in this node's partition.</summary>
        public int LateralPeerCount => _topology.Laterals.Count;

        /// <summary>The node this one believes leads its cell (itself when it leads; 0 when it has no cell peers).</summary>
        public uint CellLeaderId => _topology.CellLeaderId;

        /// <summary>The current Trickle interval of this node's beacons.</summary>
        public int BeaconIntervalMs => _trickle.IntervalMs;

        /// <summary>The interval hint of the latest beacon: its next beacon comes no later than this after it.</summary>
        public int IntervalHintMs => _intervalHintMs;

        /// <summary>The topology engine (tests and the simulator read its decisions).</summary>
        public TopologyEngine Topology => _topology;

        /// <summary>
        /// Emission control (EMCON): while on, the node sends no periodic beacons and relays nothing. It
        /// answers each beacon of its current parent with one beacon addressed to that parent only, so the
        /// parent keeps it as a child; that beacon's interval hint is the parent's own hint (the next answer
        /// comes right after the parent's next beacon), so the parent's loss rule still works: the child is
        /// lost after K of the parent's own beacons went unanswered. Frames it originates (assignment
        /// statuses, commands) go to the parent only, and are withheld when it has none. Leave beacons
        /// still go out to everyone. Every withheld frame is counted (<c>EmissionSuppressed</c>).
        /// </summary>
        public bool EmissionControl
        {
            get => _emissionControl;
            set => _emissionControl = value;
        }

        /// <summary>
        /// Static discovery: seeds the neighbour table with a configured peer (the host maps ids to link
        /// addresses). The entry is never removed by missed beacons or evicted; until a real beacon from it
        /// is heard (and again after it is lost) its rank is unknown, so it is not a parent candidate.
        /// False when the table has no free slot. Call at start-up, before the table fills.
        /// </summary>
        public bool AddStaticPeer(uint nodeId)
        {
            Invariant.InRange(FrameHeader.IsValidNodeId(nodeId) && nodeId != _identity.NodeId, "nodeId", "must be a valid id other than this node's");
            return _neighbours.TrySeedStatic(nodeId);
        }

        /// <summary>
        /// When the host must call <see cref="Tick"/> next (host monotonic ms): the next beacon, neighbour
        /// loss, topology decision or assignment timeout. Before the first call it is 0 (call now).
        /// </summary>
        public long NextDeadlineMs
        {
            get
            {
                if (!_started)
                {
                    return 0;
                }

                long dueMs = _neighbours.NextLossDeadlineMs;
                dueMs = _trickle.SendAtMs < dueMs ? _trickle.SendAtMs : dueMs;
                long decisionMs = _topology.NextDeadlineMs(_nowMs);
                dueMs = decisionMs < dueMs ? decisionMs : dueMs;
                long assignmentMs = NextAssignmentDeadlineMs();
                dueMs = assignmentMs < dueMs ? assignmentMs : dueMs;
                long telemetryMs = NextTelemetryDeadlineMs();
                return telemetryMs < dueMs ? telemetryMs : dueMs;
            }
        }

        /// <summary>
        /// Takes new sensor readings. A position out of range (GPS noise) or a battery above 100 is not
        /// taken: the field becomes "unknown" and false is returned.
        /// </summary>
        public bool UpdateSelf(in SelfReading reading)
        {
            SelfReading taken = reading;
            bool positionOk = !reading.HasPosition
                || (reading.LatitudeE7 >= -BeaconBody.LatitudeE7Max && reading.LatitudeE7 <= BeaconBody.LatitudeE7Max
                    && reading.LongitudeE7 >= -BeaconBody.LongitudeE7Max && reading.LongitudeE7 <= BeaconBody.LongitudeE7Max);
            bool batteryOk = reading.BatteryPercent <= 100 || reading.BatteryPercent == BeaconBody.BatteryUnknown;
            if (!positionOk)
            {
                taken.HasPosition = false;
                taken.LatitudeE7 = 0;
                taken.LongitudeE7 = 0;
            }

            if (!batteryOk)
            {
                taken.BatteryPercent = BeaconBody.BatteryUnknown;
            }

            _self = taken;
            _neighbours.SetOrigin(taken.HasPosition, taken.LatitudeE7, taken.LongitudeE7);
            return positionOk && batteryOk;
        }

        /// <summary>Decodes and applies one received frame; every frame is accepted or dropped for a counted reason.</summary>
        public ReceiveResult Receive(byte[] buffer, int offset, int count, in LinkInfo link, long nowMs)
        {
            Invariant.Slice(buffer, offset, count);
            Advance(nowMs);
            _metrics.FrameReceived();
            ReceiveResult result = Apply(buffer, offset, count, link);
            CheckParentAssignment();
            PumpTelemetry();
            if (result == ReceiveResult.Accepted)
            {
                _metrics.FrameAccepted();
            }
            else
            {
                _metrics.FrameDropped(result);
            }

            return result;
        }

        /// <summary>Does whatever is due at <paramref name="nowMs"/>: neighbour losses, topology, assignment timeouts, then the beacon.</summary>
        public void Tick(long nowMs)
        {
            Advance(nowMs);
            while (_neighbours.TryRemoveLost(_nowMs, out NeighbourEntry lost))
            {
                long silentMs = _nowMs - lost.LastHeardMs;
                _metrics.NeighbourLost();
                Emit(MeshEventKind.NeighbourLost, lost.NodeId, silentMs > int.MaxValue ? int.MaxValue : (int)silentMs);
                _topology.OnNeighbourGone(lost, _nowMs, stillThere: false);
            }

            Evaluate();
            ExpireAssignments();
            CheckParentAssignment();
            if (_nowMs >= _trickle.SendAtMs)
            {
                // The timer runs on under EMCON, so deadlines advance and beacons resume on schedule when it ends.
                int hintMs = _trickle.OnSent(_nowMs);
                if (_emissionControl)
                {
                    _metrics.EmissionSuppressed();
                }
                else
                {
                    _intervalHintMs = hintMs;
                    QueueBeacon(FrameFlags.None, FrameHeader.NodeIdBroadcast);
                }
            }

            PumpTelemetry();
        }

        /// <summary>
        /// Queues a leave beacon (the node is shutting down) so neighbours drop it and children move at once.
        /// False when the outgoing queue is full.
        /// </summary>
        public bool Leave(long nowMs)
        {
            Advance(nowMs);
            return QueueBeacon(FrameFlags.Leave, FrameHeader.NodeIdBroadcast);
        }

        /// <summary>
        /// Routing reports whether an uplink frame was acknowledged by the parent. After
        /// <c>NodeLimits.UplinkFailuresBeforeSuspect</c> failures in a row the parent is suspected and left
        /// (as Thread and ESP-WIFI-MESH do) without waiting for its beacons to stop; it stays in the table and is
        /// taken again only after its next beacon (<c>MeshEventKind.ParentSuspected</c>).
        /// </summary>
        public void NoteUplinkResult(bool acknowledged, long nowMs)
        {
            Advance(nowMs);
            OnUplinkResult(acknowledged);
        }

        private void OnUplinkResult(bool acknowledged)
        {
            int parent = _topology.ParentId == FrameHeader.NodeIdNone ? -1 : _neighbours.IndexOf(_topology.ParentId);
            int quality = parent < 0 ? 1000 : _neighbours.LinkQualityPermille(parent, _nowMs);
            uint suspect = _topology.NoteUplinkResult(acknowledged, quality, _nowMs);
            if (suspect != FrameHeader.NodeIdNone && _neighbours.MarkSuspected(suspect))
            {
                // Kept in the table with its reception record: the parent may only be busy (LoRa ALOHA at a root that
                // relays for dozens), and a parent forgotten here had to be heard twice, 300 s apart, to be trusted again.
                _metrics.ParentSuspected();
                Emit(MeshEventKind.ParentSuspected, suspect, 0);
                _topology.OnParentSuspected(_nowMs);
                Evaluate();
                CheckParentAssignment();
            }
        }

        /// <summary>
        /// Moves the oldest outgoing frame into destination[offset..]; <paramref name="destinationId"/> is
        /// <see cref="FrameHeader.NodeIdBroadcast"/> for broadcast. The destination needs
        /// <c>NodeLimits.FrameBytesMax</c> bytes of room.
        /// </summary>
        public bool TryDequeueOutgoing(byte[] destination, int offset, out int count, out uint destinationId)
        {
            if (!_outgoing.TryDequeue(destination, offset, out count, out destinationId))
            {
                return false;
            }

            _metrics.FrameSent(count);
            return true;
        }

        /// <summary>Takes the oldest event; false when there is none.</summary>
        public bool TryDequeueEvent(out MeshEvent meshEvent)
        {
            return _events.TryDequeue(out meshEvent);
        }

        private ReceiveResult Apply(byte[] buffer, int offset, int count, in LinkInfo link)
        {
            if (count > _limits.FrameBytesMax)
            {
                RefuseOversizeTelemetry(buffer, offset, count);
                return ReceiveResult.DroppedTooLarge;
            }

            WireError error = FrameCodec.TryRead(buffer, offset, count, _limits.AuthTagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount);
            if (error != WireError.None)
            {
                return ToResult(error);
            }

            if (!FrameHeader.IsValidNodeId(header.SourceId))
            {
                return ReceiveResult.DroppedInvalidSource;
            }

            if (header.SourceId == _identity.NodeId)
            {
                return ReceiveResult.DroppedOwnFrame;
            }

            switch (header.Type)
            {
                case FrameType.Command:
                    return ApplyCommand(buffer, offset, count, header, bodyOffset, bodyCount);
                case FrameType.CommandStatus:
                    return ApplyCommandStatus(buffer, offset, count, header, bodyOffset, bodyCount);
                case FrameType.Telemetry:
                    return ApplyTelemetry(buffer, header, bodyOffset, bodyCount);
                case FrameType.TelemetryAck:
                    return ApplyTelemetryAck(buffer, header, bodyOffset, bodyCount);
            }

            error = BeaconBody.TryRead(buffer, bodyOffset, bodyCount, out BeaconBody beacon);
            return error != WireError.None ? ToResult(error) : ApplyBeacon(header, beacon, link);
        }

        private ReceiveResult ApplyBeacon(in FrameHeader header, in BeaconBody beacon, in LinkInfo link)
        {
            if ((header.Flags & FrameFlags.Leave) != 0)
            {
                if (_neighbours.Remove(header.SourceId, out NeighbourEntry left))
                {
                    _metrics.NeighbourLost();
                    Emit(MeshEventKind.NeighbourLeft, header.SourceId, 0);
                    _topology.OnNeighbourGone(left, _nowMs, stillThere: false);
                    Evaluate();
                }

                return ReceiveResult.Accepted;
            }

            bool freshStart = (header.Flags & FrameFlags.FreshStart) != 0;
            UpsertOutcome outcome = _neighbours.Upsert(header.SourceId, header.Sequence, beacon, link, _nowMs, _topology.ParentId, freshStart, out NeighbourEntry evicted, out BeaconBody previous);
            switch (outcome)
            {
                case UpsertOutcome.Duplicate:
                    return ReceiveResult.DroppedDuplicate;
                case UpsertOutcome.Stale:
                    return ReceiveResult.DroppedStale;
                case UpsertOutcome.Full:
                    return ReceiveResult.DroppedTableFull;
                case UpsertOutcome.Added:
                    if (evicted.NodeId != FrameHeader.NodeIdNone)
                    {
                        _metrics.TableEviction();
                        Emit(MeshEventKind.NeighbourEvicted, evicted.NodeId, 0);
                        _topology.OnNeighbourGone(evicted, _nowMs, stillThere: true);
                    }

                    _metrics.NeighbourAdded();
                    Emit(MeshEventKind.NeighbourAdded, header.SourceId, 0);
                    if (freshStart)
                    {
                        ForgetFramesOf(header.SourceId); // a restart seen as lost, then heard anew (on Wi-Fi the usual way)
                    }

                    break;
                case UpsertOutcome.Restarted:
                    // The old incarnation is gone (a child no longer follows it as its parent), the new one is news;
                    // the neighbour itself is there, so only a parent or child of the old one is news for our neighbours.
                    _metrics.NeighbourRestarted();
                    Emit(MeshEventKind.NeighbourRestarted, header.SourceId, 0);
                    ForgetFramesOf(header.SourceId);
                    _topology.OnNeighbourGone(evicted, _nowMs, stillThere: true);
                    break;
                case UpsertOutcome.Updated:
                    Emit(MeshEventKind.NeighbourUpdated, header.SourceId, 0);
                    break;
            }

            _metrics.BeaconApplied();
            bool known = outcome == UpsertOutcome.Updated || outcome == UpsertOutcome.Refreshed;
            if (_topology.OnBeaconApplied(header.SourceId, previous, known, beacon, _nowMs))
            {
                Evaluate();
            }

            if (_emissionControl && header.SourceId == _topology.ParentId)
            {
                // EMCON: one answer per parent beacon (duplicates never get here), to the parent only,
                // promising the next answer within the parent's own interval.
                _intervalHintMs = beacon.IntervalHintMs;
                QueueBeacon(FrameFlags.None, header.SourceId);
            }

            return ReceiveResult.Accepted;
        }

        // A restarted neighbour numbers its telemetry frames from a new random start, so a number it used before may
        // come again: taken for a copy, the new frame was acknowledged and lost. Only telemetry: a late copy of an old
        // flooded command, forgotten, would be applied again (a command that collides is a visible timeout instead).
        // Forgetting too often costs at most a record stored twice, which at-least-once delivery allows.
        private void ForgetFramesOf(uint sourceId)
        {
            _duplicates.Forget(sourceId, FrameType.Telemetry);
        }

        private bool QueueBeacon(FrameFlags flags, uint destinationId)
        {
            if (!_outgoing.TryBeginEnqueue(out byte[] buffer, out int offset))
            {
                _metrics.QueueFull();
                return false;
            }

            _beaconSequence++;
            if (_topology.InFreshStart(_nowMs))
            {
                flags |= FrameFlags.FreshStart; // neighbours that knew this node before its start learn that it restarted
            }

            FrameHeader header = new FrameHeader(FrameType.Beacon, flags, 0, _identity.NodeId, _beaconSequence);
            BeaconBody body = BuildOwnBeacon();
            int length = FrameCodec.WriteBeacon(header, body, _limits.AuthTagBytes, buffer, offset, _outgoing.SlotBytes);
            Invariant.That(length > 0, "a beacon always fits a frame slot (FrameBytesMax >= FrameBytesFloor)");
            _outgoing.CommitEnqueue(length, destinationId);
            _metrics.BeaconQueued();
            _topology.OnBeaconSent(body.IntervalHintMs, _nowMs);
            return true;
        }

        private BeaconBody BuildOwnBeacon()
        {
            BeaconBody body = default;
            body.HasPosition = _self.HasPosition;
            body.LatitudeE7 = _self.LatitudeE7;
            body.LongitudeE7 = _self.LongitudeE7;
            body.Capabilities = _self.IsMoving ? _identity.Capabilities | Capabilities.Mobile : _identity.Capabilities & ~Capabilities.Mobile;
            body.BatteryPercent = _self.BatteryPercent;
            body.IntervalHintDs = BeaconBody.ToIntervalHintDs(_intervalHintMs);
            _topology.FillBeacon(ref body);
            return body;
        }

        private void Evaluate()
        {
            BeaconBody self = BuildOwnBeacon();
            _topology.Evaluate(_nowMs, self);
            _trickle.CapIntervalMs(_topology.ChildCount > 0 ? _limits.ParentBeaconIntervalMsCap : _limits.BeaconIntervalMsMax);
        }

        [MethodImpl(Inlining.Aggressive)]
        private void Advance(long nowMs)
        {
            if (!_started)
            {
                _started = true;
                _nowMs = nowMs;
                _trickle.Start(nowMs, _limits.FirstBeaconDelayMsMax);
                _topology.Start(nowMs);
                return;
            }

            // Time never runs backwards inside the node, whatever the host's clock did.
            _nowMs = nowMs > _nowMs ? nowMs : _nowMs;
        }

        private void Emit(MeshEventKind kind, uint nodeId, int value)
        {
            if (!_events.TryEnqueue(new MeshEvent(kind, nodeId, _nowMs, value)))
            {
                _metrics.EventDropped();
            }
        }

        private static ReceiveResult ToResult(WireError error)
        {
            switch (error)
            {
                case WireError.Truncated: return ReceiveResult.DroppedTruncated;
                case WireError.UnsupportedVersion: return ReceiveResult.DroppedUnsupportedVersion;
                case WireError.UnknownType: return ReceiveResult.DroppedUnknownType;
                case WireError.InvalidField: return ReceiveResult.DroppedInvalidField;
                default: return ReceiveResult.DroppedMalformed;
            }
        }
    }
}
