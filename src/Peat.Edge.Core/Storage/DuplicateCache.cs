using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Storage
{
    /// <summary>
    /// Recently seen flooded frames, as a fixed ring of (source id, frame type, sequence) keys packed in
    /// one <c>ulong</c> each (source 32 bits, type 8, sequence 16): a frame already in the ring is a
    /// duplicate and is neither applied nor relayed again. When the ring is full the oldest key is
    /// overwritten (<c>NodeLimits.DuplicateCacheCapacity</c> sizes it: enough for every flooded frame
    /// that can still be in flight). Lookups scan, like the neighbour table: at these sizes a scan over
    /// one array beats hashing and needs no extra memory. Meshtastic's PacketHistory works the same way.
    /// </summary>
    public sealed class DuplicateCache
    {
        private readonly ulong[] _keys;
        private int _next;
        private int _count;

        /// <summary>Allocates room for <paramref name="capacity"/> keys (8 bytes each).</summary>
        public DuplicateCache(int capacity)
        {
            Invariant.InRange(capacity >= 1, "capacity", "must be at least 1");
            _keys = new ulong[capacity];
        }

        /// <summary>Keys held.</summary>
        public int Count => _count;

        /// <summary>Room in keys.</summary>
        public int Capacity => _keys.Length;

        /// <summary>True when the frame was seen before; otherwise records it (over the oldest key when full) and returns false.</summary>
        public bool CheckAndRecord(uint sourceId, FrameType type, ushort sequence)
        {
            ulong key = Key(sourceId, type, sequence);
            if (Contains(key))
            {
                return true;
            }

            Record(key);
            return false;
        }

        /// <summary>True when the frame was recorded before; records nothing (for frames taken only when there is room).</summary>
        public bool Contains(uint sourceId, FrameType type, ushort sequence)
        {
            return Contains(Key(sourceId, type, sequence));
        }

        /// <summary>Records a frame that <see cref="Contains(uint, FrameType, ushort)"/> did not find (over the oldest key when full).</summary>
        public void Record(uint sourceId, FrameType type, ushort sequence)
        {
            Record(Key(sourceId, type, sequence));
        }

        /// <summary>
        /// Forgets the frames of one type from one source (it restarted: its new incarnation numbers its frames from a
        /// new random start, and a number it had used before would be taken for a copy, acknowledged and dropped).
        /// </summary>
        public void Forget(uint sourceId, FrameType type)
        {
            ulong prefix = Key(sourceId, type, 0) >> 16;
            for (int i = 0; i < _count; i++)
            {
                if (_keys[i] >> 16 == prefix)
                {
                    _keys[i] = 0; // matches no frame (a key's source is never 0); overwritten in its turn
                }
            }
        }

        private static ulong Key(uint sourceId, FrameType type, ushort sequence)
        {
            Invariant.That(FrameHeader.IsValidNodeId(sourceId), "remembered frames come from valid sources");
            return ((ulong)sourceId << 24) | ((ulong)(byte)type << 16) | sequence; // never 0: the source is not 0
        }

        private bool Contains(ulong key)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_keys[i] == key)
                {
                    return true;
                }
            }

            return false;
        }

        private void Record(ulong key)
        {
            _keys[_next] = key;
            _next = _next + 1 == _keys.Length ? 0 : _next + 1;
            _count = _count < _keys.Length ? _count + 1 : _count;
        }
    }
}
