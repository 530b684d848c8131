using System.Collections.Generic;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Storage;
using Peat.Edge.Sim.Engine;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// Follows every telemetry record of a run by its end-to-end key (origin, origin sequence), so a
    /// record counts once whatever copies of it exist: delivered when a sink first delivered it (later
    /// copies are duplicates); otherwise buffered while some alive node holds a copy; otherwise its fate
    /// is settled: dropped by overflow, dropped for another counted reason (hop limit, held by a node
    /// that was killed or restarted), or, when no rule accounts for it, unaccounted, which the world
    /// reports as a violation. Custody makes this exact: a node lets a record go only after the next hop
    /// holds it, so a record neither delivered nor held nor dropped has been lost by a bug. A counted drop
    /// of any copy accounts for the record once no copy is left: after a lost acknowledgement the sender
    /// keeps a copy the next hop has taken custody of, and when the next hop drops the record (counted)
    /// and then acknowledges the sender's resent copy as one it took, the sender's copy goes too, rightly.
    /// The check cannot tell that from a copy lost by a bug after another copy was dropped; a first
    /// version that tried (a drop counted only if no copy was seen held after it) flagged the legitimate
    /// case in a fuzz of lossy, congested meshes. A record whose key was already taken is generated but
    /// never tracked, so it shows as unaccounted.
    /// <para>A check walks only the records still open (neither delivered nor settled) and what alive
    /// nodes hold, so its cost follows the backlog, not the run's length. What a buffer held at the last
    /// check is remembered with the records its keys resolved to: records leave a buffer from the front
    /// and join it at the back, so most of what it holds now is found again in order, without a lookup
    /// (a key→record pair never changes once made; any entry that does not match is looked up).</para>
    /// </summary>
    public sealed class RoutedTelemetryAccounting : ITelemetryAccounting
    {
        private const byte Delivered = 1;
        private const byte DroppedOverflow = 2;
        private const byte DroppedOther = 4;
        private const byte Settled = 8;

        private readonly Dictionary<ulong, int> _index = new Dictionary<ulong, int>();
        private readonly List<byte> _flags = new List<byte>();
        private readonly List<int> _heldStamp = new List<int>();
        private readonly List<int> _open = new List<int>();
        private HeldMemo[] _memos = System.Array.Empty<HeldMemo>(); // per node: its held buffer, then its inbox
        private SimWorld? _world;
        private int _stamp;
        private long _delivered;
        private long _duplicates;
        private long _settledOverflow;
        private long _settledOther;

        /// <summary>Records submitted whose key was already taken (a sequence start repeating; not expected in a run): counted as generated, never as anything else.</summary>
        public long KeyCollisions { get; private set; }

        /// <inheritdoc />
        public void Attach(SimWorld world)
        {
            _world = world;
            _memos = new HeldMemo[2 * world.NodeCount];
            for (int k = 0; k < _memos.Length; k++)
            {
                _memos[k] = new HeldMemo();
            }
        }

        /// <inheritdoc />
        public void OnGenerated(int nodeIndex, uint originId, uint sequence)
        {
            ulong key = Key(originId, sequence);
            if (_index.ContainsKey(key))
            {
                KeyCollisions++;
                return;
            }

            _index.Add(key, _flags.Count);
            _open.Add(_flags.Count);
            _flags.Add(0);
            _heldStamp.Add(-1);
        }

        /// <inheritdoc />
        public void OnDelivered(int nodeIndex, uint originId, uint sequence)
        {
            if (!_index.TryGetValue(Key(originId, sequence), out int record) || (_flags[record] & Delivered) != 0)
            {
                _duplicates++;
                return;
            }

            byte flags = _flags[record];
            if ((flags & Settled) != 0)
            {
                // Settled as dropped, and yet a copy arrived: it was not gone after all.
                _settledOverflow -= (flags & DroppedOverflow) != 0 ? 1 : 0;
                _settledOther -= (flags & (DroppedOverflow | DroppedOther)) == DroppedOther ? 1 : 0;
            }

            _flags[record] = (byte)(flags | Delivered);
            _delivered++;
        }

        /// <inheritdoc />
        public void OnDropped(int nodeIndex, uint originId, uint sequence, bool overflow)
        {
            Mark(Key(originId, sequence), overflow ? DroppedOverflow : DroppedOther);
        }

        /// <inheritdoc />
        public void OnNodeStopping(int nodeIndex, long atUs)
        {
            if (_world == null)
            {
                return;
            }

            MeshNode node = _world.Node(nodeIndex);
            MarkAll(node.TelemetryHeld, DroppedOther);
            MarkAll(node.TelemetryInbox, DroppedOther);
        }

        /// <inheritdoc />
        public TelemetryLedger Snapshot()
        {
            _stamp++;
            if (_world != null)
            {
                for (int i = 0; i < _world.NodeCount; i++)
                {
                    if (_world.IsAlive(i))
                    {
                        StampHeld(_world.Node(i).TelemetryHeld, _memos[2 * i]);
                        StampHeld(_world.Node(i).TelemetryInbox, _memos[(2 * i) + 1]);
                    }
                }
            }

            long buffered = 0;
            for (int k = _open.Count - 1; k >= 0; k--)
            {
                int record = _open[k];
                byte flags = _flags[record];
                if ((flags & Delivered) == 0 && _heldStamp[record] == _stamp)
                {
                    buffered++;
                    continue;
                }

                if ((flags & Delivered) == 0)
                {
                    _flags[record] = (byte)(flags | Settled);
                    _settledOverflow += (flags & DroppedOverflow) != 0 ? 1 : 0;
                    _settledOther += (flags & (DroppedOverflow | DroppedOther)) == DroppedOther ? 1 : 0;
                }

                _open[k] = _open[_open.Count - 1];
                _open.RemoveAt(_open.Count - 1);
            }

            long rawBytes = _world?.TelemetryUnaggregatedBytes ?? 0;
            long sentBytes = _world?.TelemetryFrameBytes ?? 0;
            return new TelemetryLedger(_flags.Count + KeyCollisions, _delivered, _duplicates, buffered, 0, _settledOverflow, _settledOther, rawBytes, sentBytes);
        }

        private static ulong Key(uint originId, uint sequence)
        {
            return ((ulong)originId << 32) | sequence;
        }

        // A settled record keeps the kind it was counted under (a delivery that comes after all undoes that count).
        private void Mark(ulong key, byte flag)
        {
            if (_index.TryGetValue(key, out int record) && (_flags[record] & Settled) == 0)
            {
                _flags[record] = (byte)(_flags[record] | flag);
            }
        }

        private void MarkAll(TelemetryBuffer buffer, byte flag)
        {
            for (int i = 0; i < buffer.Count; i++)
            {
                Mark(Key(buffer.OriginAt(i), buffer.SequenceAt(i)), flag);
            }
        }

        private void StampHeld(TelemetryBuffer buffer, HeldMemo memo)
        {
            int count = buffer.Count;
            if (memo.Buffer != buffer)
            {
                memo.Buffer = buffer; // a restarted node holds new buffers
                memo.Count = 0;
            }

            if (memo.Keys.Length < count)
            {
                System.Array.Resize(ref memo.Keys, System.Math.Max(count, 2 * memo.Keys.Length));
                System.Array.Resize(ref memo.Records, memo.Keys.Length);
            }

            // Where the front record was last time (the records before it have left since); rewritten in
            // place: entry i is written after entry skip + i, at or after it, has been read.
            ulong[] keys = memo.Keys;
            int[] records = memo.Records;
            int remembered = memo.Count;
            int skip = 0;
            if (count > 0)
            {
                ulong front = Key(buffer.OriginAt(0), buffer.SequenceAt(0));
                while (skip < remembered && keys[skip] != front)
                {
                    skip++;
                }
            }

            for (int i = 0; i < count; i++)
            {
                ulong key = Key(buffer.OriginAt(i), buffer.SequenceAt(i));
                int last = skip + i;
                int record = last < remembered && keys[last] == key ? records[last] : -1;
                if (record < 0 && !_index.TryGetValue(key, out record))
                {
                    record = -1; // not tracked (yet): looked up again next time
                }

                keys[i] = key;
                records[i] = record;
                if (record >= 0)
                {
                    _heldStamp[record] = _stamp;
                }
            }

            memo.Count = count;
        }

        private sealed class HeldMemo
        {
            public TelemetryBuffer? Buffer;
            public ulong[] Keys = System.Array.Empty<ulong>();
            public int[] Records = System.Array.Empty<int>();
            public int Count;
        }
    }
}
