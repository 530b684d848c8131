using System.Runtime.CompilerServices;
using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Storage;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Node
{
    /// <summary>
    /// Telemetry up the tree (docs/architecture.md, "Telemetry"): hop by hop, with custody. A record
    /// the application submits waits in the node's buffer; the node sends what it holds to its parent in
    /// one frame (records of its children and its own together: aggregation), and removes them only when
    /// the parent acknowledged that it holds them. So a record is always held somewhere, or delivered, or
    /// dropped by a counted rule, never silently gone (short of a node dying with it).
    /// <list type="bullet">
    /// <item>One frame in flight at a time (stop and wait). No acknowledgement within
    /// <c>TelemetryAckTimeoutMs</c>: the same frame goes again, and it counts as an uplink failure, so a
    /// dead parent is suspected after <c>UplinkFailuresBeforeSuspect</c> of them.</item>
    /// <item>The parent takes a frame whole or refuses it (no room); it remembers frames it took
    /// (<see cref="DuplicateCache"/>), so a copy sent again after a lost acknowledgement is acknowledged
    /// again but not stored twice.</item>
    /// <item>Records move only inside a tree whose root may lead (a root-capable partition); in a
    /// fallback tree, or detached, they wait where they are, and flow up once the tree heals.</item>
    /// <item>The root of a root-capable tree delivers: it keeps records in its inbox for the host
    /// (<see cref="TryDequeueTelemetry"/>), refusing frames while the inbox is full. Delivery is at least
    /// once: a record whose acknowledgement was lost on the way may arrive twice, under the same
    /// (origin, sequence).</item>
    /// </list>
    /// </summary>
    public sealed partial class MeshNode
    {
        /// <summary>Retries back off up to 15 acknowledgement timeouts (2^4 − 1) after the fifth unanswered frame in a row.</summary>
        private const int RetryBackoffStepsMax = 5;

        private readonly TelemetryBuffer _telemetry;
        private readonly TelemetryBuffer _inbox;
        private readonly byte[] _payloadScratch; // one record's payload on its way from the buffer to the inbox
        private uint _telemetrySequence;
        private ushort _telemetryFrameSequence;
        private ushort _telemetryAckSequence;

        // The frame last sent: its first _sentRecords records went to _sentTo as _sentSequence. Kept after a
        // timeout so the same frame (same sequence, same records) goes again and the parent can tell it is a copy.
        // _sentOpen: no answer to it yet, so a late one still counts (even if every record in it was evicted).
        private int _sentRecords;
        private bool _sentIntact;
        private bool _sentOpen;
        private uint _sentTo;
        private ushort _sentSequence;
        private int _sentFrameBytes; // its length on the wire
        private bool _awaitingAck;
        private long _ackDeadlineMs;
        private long _telemetryHoldUntilMs;
        private uint _telemetryHoldFor; // the parent a backoff or a full queue holds sending back for
        private int _telemetryTimeoutsInRow;
        private int _telemetryRefusalsInRow;
        private int _recordsPerFrameCap; // after a refusal: half the refused frame's records (0 = no cap)
        private int _nextHopFrameBytesMax; // the largest frame _sentTo takes, from its refusal of a larger one (0 = not known)

        /// <summary>Records this node holds to pass up (its own and its children's; read it, the node writes it).</summary>
        public TelemetryBuffer TelemetryHeld => _telemetry;

        /// <summary>Records delivered here as a root, waiting for the host (read it; take them with <see cref="TryDequeueTelemetry"/>).</summary>
        public TelemetryBuffer TelemetryInbox => _inbox;

        /// <summary>True when this node is where telemetry ends: the root of a tree whose root may lead.</summary>
        public bool IsTelemetrySink => _topology.IsRoot && PartitionIds.IsRootCapable(_topology.PartitionId);

        /// <summary>
        /// Submits one telemetry record (payload[offset .. offset + count), at most
        /// <c>NodeLimits.TelemetryPayloadBytesCap</c> bytes: TelemetryPayloadBytesMax within what one frame holds) under the next origin sequence, which is
        /// returned. A sink delivers it to its own inbox; any other node holds it until its parent takes
        /// it. When the buffer is full the oldest record is dropped to make room (counted, with a
        /// <c>TelemetryDroppedOverflow</c> event); false when the record itself could not be kept (a
        /// node configured with no telemetry buffer).
        /// </summary>
        public bool TrySubmitTelemetry(byte[] payload, int offset, int count, long nowMs, out uint sequence)
        {
            Invariant.Slice(payload, offset, count);
            Invariant.InRange(count <= _limits.TelemetryPayloadBytesCap, "count", "must be at most NodeLimits.TelemetryPayloadBytesCap (TelemetryPayloadBytesMax within what one frame holds)");
            Advance(nowMs);
            _telemetrySequence++;
            sequence = _telemetrySequence;
            _metrics.Telemetry(TelemetryOutcome.Submitted, 1);
            bool kept;
            if (IsTelemetrySink && _telemetry.Count == 0 && _inbox.TryAdd(_identity.NodeId, sequence, 0, payload, offset, count, _nowMs))
            {
                _metrics.Telemetry(TelemetryOutcome.Delivered, 1);
                kept = true;
            }
            else
            {
                kept = HoldOwn(payload, offset, count, sequence);
            }

            PumpTelemetry();
            return kept;
        }

        /// <summary>
        /// Host of a sink: takes the oldest delivered record into destination[offset..] (which needs
        /// <c>NodeLimits.FrameBytesMax</c> bytes of room: no record is longer than a frame). False when
        /// the inbox is empty.
        /// </summary>
        public bool TryDequeueTelemetry(byte[] destination, int offset, out int count, out uint originId, out uint sequence)
        {
            count = 0;
            originId = 0;
            sequence = 0;
            if (_inbox.Count == 0)
            {
                return false;
            }

            originId = _inbox.OriginAt(0);
            sequence = _inbox.SequenceAt(0);
            count = _inbox.CopyPayload(0, destination, offset);
            _inbox.RemoveOldest(1);
            if (IsTelemetrySink)
            {
                DeliverHeld();
            }

            return true;
        }

        private bool HoldOwn(byte[] payload, int offset, int count, uint sequence)
        {
            if (!_telemetry.CanEverHold(count))
            {
                DropTelemetry(TelemetryOutcome.DroppedOverflow, _identity.NodeId, sequence);
                return false;
            }

            while (!_telemetry.TryAdd(_identity.NodeId, sequence, 0, payload, offset, count, _nowMs))
            {
                DropTelemetry(TelemetryOutcome.DroppedOverflow, _telemetry.OriginAt(0), _telemetry.SequenceAt(0));
                RemoveFront();
            }

            return true;
        }

        // Takes the oldest held record out. If it was in the last frame, an acknowledgement still covers the rest
        // of that frame, but the frame can no longer be sent again as it was.
        private void RemoveFront()
        {
            _telemetry.RemoveOldest(1);
            if (_sentRecords > 0)
            {
                _sentRecords--;
                _sentIntact = false;
            }
        }

        /// <summary>Counts one dropped record and reports it as the event of that outcome (origin, sequence).</summary>
        private void DropTelemetry(TelemetryOutcome outcome, uint originId, uint sequence)
        {
            _metrics.Telemetry(outcome, 1);
            MeshEventKind kind = outcome == TelemetryOutcome.DroppedHopLimit ? MeshEventKind.TelemetryDroppedHopLimit
                : outcome == TelemetryOutcome.DroppedTooLarge ? MeshEventKind.TelemetryDroppedTooLarge : MeshEventKind.TelemetryDroppedOverflow;
            Emit(kind, originId, unchecked((int)sequence));
        }

        /// <summary>When telemetry needs the node next: an acknowledgement's deadline, or when held records are due to go up.</summary>
        [MethodImpl(Inlining.Aggressive)]
        private long NextTelemetryDeadlineMs()
        {
            if (_awaitingAck)
            {
                return _ackDeadlineMs;
            }

            if (_telemetry.Count == 0 || !CanSendTelemetryUp())
            {
                return long.MaxValue; // a topology change that lets records move comes with a Receive or Tick, which pump
            }

            long dueMs = ResendPending() || FrameWorthHeld() ? _nowMs : _telemetry.OldestAddedAtMs + _limits.TelemetryFlushDelayMs;
            // A backoff earned with one parent does not delay the first frame to the next one.
            long holdMs = _telemetryHoldFor == _topology.ParentId ? _telemetryHoldUntilMs : 0;
            return dueMs > holdMs ? dueMs : holdMs;
        }

        /// <summary>
        /// How long after the k-th unanswered frame in a row the next try waits: a random part of half an
        /// acknowledgement timeout (so two senders that collided do not collide again), plus (2^(k−1) − 1)
        /// timeouts, k at most <see cref="RetryBackoffStepsMax"/>: a lossy or dead parent gets fewer frames.
        /// </summary>
        private long RetryBackoffMs(int timeoutsInRow)
        {
            int steps = timeoutsInRow < RetryBackoffStepsMax ? timeoutsInRow : RetryBackoffStepsMax;
            long backoffMs = (long)_limits.TelemetryAckTimeoutMs * ((1L << (steps - 1)) - 1);
            return backoffMs + _random.NextBelow((uint)(_limits.TelemetryAckTimeoutMs / 2) + 1);
        }

        private void HoldTelemetry(uint parentId, long forMs)
        {
            _telemetryHoldFor = parentId;
            _telemetryHoldUntilMs = _nowMs + forMs;
        }

        [MethodImpl(Inlining.Aggressive)]
        private bool CanSendTelemetryUp()
        {
            return _topology.ParentId != FrameHeader.NodeIdNone && PartitionIds.IsRootCapable(_topology.PartitionId);
        }

        private bool ResendPending()
        {
            return _sentRecords > 0 && _sentIntact && _sentTo == _topology.ParentId;
        }

        // Waiting for more makes no sense once a frame's worth is held, or once the buffer is as good as full:
        // the next record would push out the oldest (a small buffer under a fast sensor would otherwise drop
        // every record before its flush delay is up).
        private bool FrameWorthHeld()
        {
            long worst = _telemetry.Bytes + ((long)_telemetry.Count * TelemetryRecord.OverheadBytesMax);
            return worst >= RecordRoomBytes() // a frame the parent takes: smaller where it said it takes less
                || _telemetry.Count >= _telemetry.Capacity
                || _telemetry.Bytes + _limits.TelemetryPayloadBytesCap > _telemetry.ByteCapacity;
        }

        /// <summary>Times out the frame in flight, delivers as a sink, or sends held records up when they are due.</summary>
        private void PumpTelemetry()
        {
            if (_awaitingAck && _nowMs >= _ackDeadlineMs)
            {
                _awaitingAck = false;
                _metrics.Telemetry(TelemetryOutcome.AckTimedOut, 1);
                _telemetryTimeoutsInRow++;
                HoldTelemetry(_sentTo, RetryBackoffMs(_telemetryTimeoutsInRow));
                if (_sentTo == _topology.ParentId)
                {
                    OnUplinkResult(false); // a frame to an earlier parent says nothing about this one
                }
            }

            if (IsTelemetrySink)
            {
                if (_telemetry.Count > 0)
                {
                    DeliverHeld(); // it became the sink with records still held (a root's every Receive comes here)
                }

                return;
            }

            // Nothing in flight any more (a timeout was just handled), records held and a way up: the deadline says when.
            if (NextTelemetryDeadlineMs() <= _nowMs)
            {
                SendTelemetry(_topology.ParentId);
            }
        }

        /// <summary>A sink moves what it held (from before it was one) into its inbox, as far as there is room.</summary>
        private void DeliverHeld()
        {
            // Whatever was sent up before is delivered here now; a late acknowledgement must not remove more.
            _sentRecords = 0;
            _sentOpen = false;
            _awaitingAck = false;
            int moved = 0;
            while (_telemetry.Count > 0 && _inbox.HasRoom(1, _telemetry.LengthAt(0)))
            {
                int length = _telemetry.CopyPayload(0, _payloadScratch, 0);
                _inbox.TryAdd(_telemetry.OriginAt(0), _telemetry.SequenceAt(0), _telemetry.HopsAt(0), _payloadScratch, 0, length, _nowMs);
                _telemetry.RemoveOldest(1);
                moved++;
            }

            if (moved > 0)
            {
                _metrics.Telemetry(TelemetryOutcome.Delivered, moved);
            }
        }

        private void SendTelemetry(uint parentId)
        {
            bool resend = ResendPending();
            if (!resend)
            {
                if (parentId != _sentTo)
                {
                    _recordsPerFrameCap = 0; // what one parent could not take says nothing about another
                    _nextHopFrameBytesMax = 0;
                    _telemetryRefusalsInRow = 0;
                    _telemetryTimeoutsInRow = 0;
                }

                DropRecordsTooLargeForNextHop();
                if (_telemetry.Count == 0)
                {
                    return;
                }
            }

            if (!_outgoing.TryBeginEnqueue(out byte[] buffer, out int offset))
            {
                _metrics.QueueFull();
                HoldTelemetry(parentId, _limits.TelemetryAckTimeoutMs); // try again later, not in a loop
                return;
            }

            int records = resend ? _sentRecords : RecordsThatFit();
            if (!resend)
            {
                _telemetryFrameSequence++;
                _sentSequence = _telemetryFrameSequence;
                _sentTo = parentId;
                _sentRecords = records;
                _sentIntact = true;
            }

            _sentOpen = true;

            int p = TelemetryBody.WriteHeader(buffer, offset + FrameHeader.Bytes, parentId, records);
            for (int i = 0; i < records; i++)
            {
                p = TelemetryRecord.WriteHeader(buffer, p, _telemetry.OriginAt(i), _telemetry.SequenceAt(i), (byte)(_telemetry.HopsAt(i) + 1), _telemetry.LengthAt(i));
                p += _telemetry.CopyPayload(i, buffer, p);
            }

            FrameHeader header = new FrameHeader(FrameType.Telemetry, FrameFlags.None, 0, _identity.NodeId, _sentSequence);
            int frameLength = FrameCodec.Seal(header, p - offset - FrameHeader.Bytes, _limits.AuthTagBytes, buffer, offset);
            Invariant.That(frameLength > 0 && frameLength <= _outgoing.SlotBytes, "the records counted to fit do fit the slot");
            _outgoing.CommitEnqueue(frameLength, parentId);
            _sentFrameBytes = frameLength;
            _awaitingAck = true;
            _ackDeadlineMs = _nowMs + _limits.TelemetryAckTimeoutMs;
        }

        /// <summary>How many records from the front fit one frame (at least one: a record always fits, NodeLimits checks it).</summary>
        private int RecordsThatFit()
        {
            int room = RecordRoomBytes();
            int records = 0;
            int most = _recordsPerFrameCap > 0 && _recordsPerFrameCap < TelemetryBody.RecordsMax ? _recordsPerFrameCap : TelemetryBody.RecordsMax;
            while (records < _telemetry.Count && records < most)
            {
                int bytes = ForwardedRecordBytes(records);
                if (bytes > room)
                {
                    break;
                }

                room -= bytes;
                records++;
            }

            Invariant.That(records > 0, "one record always fits a frame (DropRecordsTooLargeForNextHop ran)");
            return records;
        }

        // The held record's length on the wire, index places from the front, with the hop to the parent counted.
        private int ForwardedRecordBytes(int index)
        {
            return TelemetryRecord.EncodedLength(_telemetry.OriginAt(index), _telemetry.SequenceAt(index), (byte)(_telemetry.HopsAt(index) + 1), _telemetry.LengthAt(index));
        }

        // The largest telemetry frame for the parent: this node's frame slot, or less where the parent said it takes less.
        private int FrameBytesForNextHop()
        {
            int frameBytes = _outgoing.SlotBytes;
            bool known = _nextHopFrameBytesMax > 0 && _sentTo == _topology.ParentId; // the limit is _sentTo's
            return known && _nextHopFrameBytesMax < frameBytes ? _nextHopFrameBytesMax : frameBytes;
        }

        // Room for records in one frame to the parent.
        [MethodImpl(Inlining.Aggressive)]
        private int RecordRoomBytes()
        {
            return FrameBytesForNextHop() - TelemetryBody.FrameOverheadBytes(_limits.AuthTagBytes);
        }

        // A record too large for the parent's frames, even alone, could never pass it, and would block every
        // record behind it: it is dropped and counted, as the parent would have dropped it on arrival.
        private void DropRecordsTooLargeForNextHop()
        {
            int room = RecordRoomBytes();
            while (_telemetry.Count > 0 && ForwardedRecordBytes(0) > room)
            {
                DropTelemetry(TelemetryOutcome.DroppedTooLarge, _telemetry.OriginAt(0), _telemetry.SequenceAt(0));
                RemoveFront();
            }
        }

        /// <summary>
        /// A telemetry frame for this node that is larger than it takes (a sender with a larger frame limit: a
        /// UDP-only sensor under a gateway that also drives a 255-byte radio) is refused with this node's limit,
        /// so the sender builds frames that fit; dropped unanswered, the same frame came again for good.
        /// </summary>
        private void RefuseOversizeTelemetry(byte[] buffer, int offset, int count)
        {
            WireError error = FrameCodec.TryRead(buffer, offset, count, _limits.AuthTagBytes, out FrameHeader header, out int bodyOffset, out int bodyCount);
            if (error != WireError.None || header.Type != FrameType.Telemetry || !FrameHeader.IsValidNodeId(header.SourceId)
                || header.SourceId == _identity.NodeId || _emissionControl)
            {
                return;
            }

            error = TelemetryBody.TryRead(buffer, bodyOffset, bodyCount, out uint nextHop, out int records, out _);
            if (error == WireError.None && nextHop == _identity.NodeId)
            {
                _metrics.Telemetry(TelemetryOutcome.Refused, records);
                QueueTelemetryAck(header.SourceId, header.Sequence, false, _limits.FrameBytesMax);
            }
        }

        private ReceiveResult ApplyTelemetry(byte[] buffer, in FrameHeader header, int bodyOffset, int bodyCount)
        {
            WireError error = TelemetryBody.TryRead(buffer, bodyOffset, bodyCount, out uint nextHop, out int records, out int recordsOffset);
            if (error != WireError.None)
            {
                return ToResult(error);
            }

            if (nextHop != _identity.NodeId)
            {
                return ReceiveResult.DroppedNotAddressed;
            }

            if (_emissionControl)
            {
                _metrics.EmissionSuppressed(); // under EMCON a node relays nothing; the sender will look for another parent
                return ReceiveResult.Accepted;
            }

            if (_duplicates.Contains(header.SourceId, FrameType.Telemetry, header.Sequence))
            {
                QueueTelemetryAck(header.SourceId, header.Sequence, true, 0);
                return ReceiveResult.DroppedDuplicate;
            }

            bool sink = IsTelemetrySink;
            TelemetryBuffer into = sink ? _inbox : _telemetry;
            int keep = 0, keepBytes = 0;
            int end = bodyOffset + bodyCount;
            int p = recordsOffset;
            for (int i = 0; i < records; i++)
            {
                p = TelemetryRecord.TryRead(buffer, p, end, out TelemetryRecord item);
                if (sink || Forwardable(item) == TelemetryOutcome.Forwarded)
                {
                    keep++;
                    keepBytes += item.PayloadCount;
                }
            }

            if (!into.HasRoom(keep, keepBytes))
            {
                _metrics.Telemetry(TelemetryOutcome.Refused, records);
                QueueTelemetryAck(header.SourceId, header.Sequence, false, 0);
                return ReceiveResult.Accepted;
            }

            p = recordsOffset;
            for (int i = 0; i < records; i++)
            {
                p = TelemetryRecord.TryRead(buffer, p, end, out TelemetryRecord item);
                TelemetryOutcome fate = sink ? TelemetryOutcome.Forwarded : Forwardable(item);
                if (fate == TelemetryOutcome.Forwarded)
                {
                    into.TryAdd(item.OriginId, item.OriginSequence, item.Hops, buffer, item.PayloadOffset, item.PayloadCount, _nowMs);
                }
                else
                {
                    DropTelemetry(fate, item.OriginId, item.OriginSequence);
                }
            }

            if (sink && keep > 0)
            {
                _metrics.Telemetry(TelemetryOutcome.Delivered, keep);
            }

            _duplicates.Record(header.SourceId, FrameType.Telemetry, header.Sequence);
            QueueTelemetryAck(header.SourceId, header.Sequence, true, 0);
            return ReceiveResult.Accepted;
        }

        /// <summary>
        /// Forwarded when a relay can pass the record on; otherwise why not: it has crossed the hop limit, or
        /// its payload is more than one of this node's frames can carry (a sender with larger limits, or a
        /// crafted frame), which would never leave.
        /// </summary>
        private TelemetryOutcome Forwardable(in TelemetryRecord item)
        {
            if (item.Hops >= _limits.HopLimit)
            {
                return TelemetryOutcome.DroppedHopLimit;
            }

            return item.PayloadCount > _limits.TelemetryPayloadBytesCeiling ? TelemetryOutcome.DroppedTooLarge : TelemetryOutcome.Forwarded;
        }

        private ReceiveResult ApplyTelemetryAck(byte[] buffer, in FrameHeader header, int bodyOffset, int bodyCount)
        {
            WireError error = TelemetryAckBody.TryRead(buffer, bodyOffset, bodyCount, out TelemetryAckBody ack);
            if (error != WireError.None)
            {
                return ToResult(error);
            }

            if (ack.ToId != _identity.NodeId)
            {
                return ReceiveResult.DroppedNotAddressed;
            }

            if (!_sentOpen || header.SourceId != _sentTo || ack.AckedSequence != _sentSequence)
            {
                return ReceiveResult.DroppedStale; // an answer to a frame already settled (a copy, or one overtaken)
            }

            if (ack.Accepted)
            {
                // Even after a timeout: the parent holds them, whatever else happened since (records of the
                // frame evicted meanwhile are no longer at the front, and _sentRecords has counted them out).
                _telemetry.RemoveOldest(_sentRecords);
                _metrics.Telemetry(TelemetryOutcome.Forwarded, _sentRecords);
                _sentRecords = 0;
                _telemetryRefusalsInRow = 0;
                _recordsPerFrameCap = _recordsPerFrameCap > 0 && _recordsPerFrameCap < TelemetryBody.RecordsMax / 2 ? _recordsPerFrameCap * 2 : 0;
            }
            else if (ack.FrameBytesMax > 0 && ack.FrameBytesMax < _sentFrameBytes)
            {
                // The frame was larger than the parent takes: the next ones are built to its limit, at once (a new
                // frame, so a new sequence). A record that cannot fit even alone goes when the next frame is built.
                // Only a limit below the refused frame's length is taken, so each such refusal shrinks the frames and
                // they cannot repeat without end; any other (a confused parent's) is a refusal for lack of room.
                _nextHopFrameBytesMax = ack.FrameBytesMax;
                _sentIntact = false;
                HoldTelemetry(_sentTo, 0);
            }
            else
            {
                // Alive but without room for the whole frame: the next one carries half as many records (a new
                // frame, so a new sequence: the parent kept nothing of this one), after a growing wait.
                _recordsPerFrameCap = _sentRecords > 1 ? _sentRecords / 2 : 1;
                _sentIntact = false;
                _telemetryRefusalsInRow++;
                HoldTelemetry(_sentTo, RetryBackoffMs(_telemetryRefusalsInRow));
            }

            _sentOpen = false;
            _awaitingAck = false;
            _telemetryTimeoutsInRow = 0;
            if (_sentTo == _topology.ParentId)
            {
                OnUplinkResult(true);
            }

            return ReceiveResult.Accepted;
        }

        private void QueueTelemetryAck(uint toId, ushort sequence, bool accepted, int frameBytesMax)
        {
            if (!_outgoing.TryBeginEnqueue(out byte[] buffer, out int offset))
            {
                _metrics.QueueFull(); // no answer: the sender times out and sends the frame again
                return;
            }

            TelemetryAckBody body = default;
            body.ToId = toId;
            body.AckedSequence = sequence;
            body.Accepted = accepted;
            body.FrameBytesMax = (ushort)frameBytesMax;
            _telemetryAckSequence++;
            FrameHeader header = new FrameHeader(FrameType.TelemetryAck, FrameFlags.None, 0, _identity.NodeId, _telemetryAckSequence);
            int length = FrameCodec.WriteTelemetryAck(header, body, _limits.AuthTagBytes, buffer, offset, _outgoing.SlotBytes);
            Invariant.That(length > 0, "an acknowledgement always fits a frame slot (FrameBytesMax >= FrameBytesFloor)");
            _outgoing.CommitEnqueue(length, toId);
        }
    }
}
