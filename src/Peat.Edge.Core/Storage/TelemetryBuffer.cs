using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Storage
{
    /// <summary>
    /// Telemetry records held by a node, oldest first, bounded by count and by payload bytes
    /// (<c>NodeLimits.TelemetryBufferCount</c> / <c>TelemetryBufferBytes</c>). Metadata sits in parallel
    /// arrays of <c>count</c> slots; payloads sit in one byte ring, in the same order, so a record's bytes
    /// may wrap around its end. Records leave from the front only: when the next hop acknowledged them,
    /// or when a full buffer makes room for a newer one (the caller counts that drop).
    /// </summary>
    public sealed class TelemetryBuffer
    {
        private readonly uint[] _origins;
        private readonly uint[] _sequences;
        private readonly byte[] _hops;
        private readonly int[] _lengths;
        private readonly int[] _starts;
        private readonly long[] _addedAtMs;
        private readonly byte[] _bytes;
        private int _head;
        private int _count;
        private int _bytesHead;
        private int _bytesUsed;

        /// <summary>Allocates room for <paramref name="capacity"/> records and <paramref name="byteCapacity"/> payload bytes (either may be 0: nothing is held).</summary>
        public TelemetryBuffer(int capacity, int byteCapacity)
        {
            Invariant.InRange(capacity >= 0, "capacity", "must not be negative");
            Invariant.InRange(byteCapacity >= 0, "byteCapacity", "must not be negative");
            _origins = new uint[capacity];
            _sequences = new uint[capacity];
            _hops = new byte[capacity];
            _lengths = new int[capacity];
            _starts = new int[capacity];
            _addedAtMs = new long[capacity];
            _bytes = new byte[byteCapacity];
        }

        /// <summary>Records held.</summary>
        public int Count => _count;

        /// <summary>Most records held at once.</summary>
        public int Capacity => _origins.Length;

        /// <summary>Payload bytes held.</summary>
        public int Bytes => _bytesUsed;

        /// <summary>Most payload bytes held at once.</summary>
        public int ByteCapacity => _bytes.Length;

        /// <summary>True when a record of <paramref name="payloadCount"/> bytes could ever be held (it fits an empty buffer).</summary>
        public bool CanEverHold(int payloadCount)
        {
            return _origins.Length > 0 && payloadCount <= _bytes.Length;
        }

        /// <summary>True when <paramref name="records"/> more records of <paramref name="payloadBytes"/> bytes in all fit now.</summary>
        public bool HasRoom(int records, int payloadBytes)
        {
            return _count + records <= _origins.Length && _bytesUsed + payloadBytes <= _bytes.Length;
        }

        /// <summary>Appends a record (its payload copied from source); false, and nothing changes, when it does not fit now.</summary>
        public bool TryAdd(uint originId, uint sequence, byte hops, byte[] source, int sourceOffset, int payloadCount, long nowMs)
        {
            Invariant.Slice(source, sourceOffset, payloadCount);
            if (!HasRoom(1, payloadCount))
            {
                return false;
            }

            int slot = Slot(_count);
            int start = _bytesHead + _bytesUsed;
            start = start >= _bytes.Length ? start - _bytes.Length : start;
            int first = _bytes.Length - start < payloadCount ? _bytes.Length - start : payloadCount;
            System.Array.Copy(source, sourceOffset, _bytes, start, first);
            System.Array.Copy(source, sourceOffset + first, _bytes, 0, payloadCount - first);
            _origins[slot] = originId;
            _sequences[slot] = sequence;
            _hops[slot] = hops;
            _lengths[slot] = payloadCount;
            _starts[slot] = start;
            _addedAtMs[slot] = nowMs;
            _bytesUsed += payloadCount;
            _count++;
            return true;
        }

        /// <summary>Origin of the record <paramref name="index"/> places from the front.</summary>
        public uint OriginAt(int index) { return _origins[CheckedSlot(index)]; }

        /// <summary>Origin sequence of the record <paramref name="index"/> places from the front.</summary>
        public uint SequenceAt(int index) { return _sequences[CheckedSlot(index)]; }

        /// <summary>Links crossed by the record <paramref name="index"/> places from the front.</summary>
        public byte HopsAt(int index) { return _hops[CheckedSlot(index)]; }

        /// <summary>Payload length of the record <paramref name="index"/> places from the front.</summary>
        public int LengthAt(int index) { return _lengths[CheckedSlot(index)]; }

        /// <summary>When the oldest record was added (host ms); only meaningful when <see cref="Count"/> > 0.</summary>
        public long OldestAddedAtMs => _count > 0 ? _addedAtMs[_head] : 0;

        /// <summary>Copies the payload of the record <paramref name="index"/> places from the front to destination[offset..]; returns its length.</summary>
        public int CopyPayload(int index, byte[] destination, int offset)
        {
            int slot = CheckedSlot(index);
            int length = _lengths[slot];
            Invariant.Slice(destination, offset, length);
            int start = _starts[slot];
            int first = _bytes.Length - start < length ? _bytes.Length - start : length;
            System.Array.Copy(_bytes, start, destination, offset, first);
            System.Array.Copy(_bytes, 0, destination, offset + first, length - first);
            return length;
        }

        /// <summary>Removes the <paramref name="records"/> oldest records.</summary>
        public void RemoveOldest(int records)
        {
            Invariant.InRange(records >= 0 && records <= _count, "records", "must be 0..Count");
            for (int i = 0; i < records; i++)
            {
                int length = _lengths[_head];
                _bytesHead += length;
                _bytesHead = _bytesHead >= _bytes.Length ? _bytesHead - _bytes.Length : _bytesHead;
                _bytesUsed -= length;
                _head = _head + 1 == _origins.Length ? 0 : _head + 1;
                _count--;
            }

            if (_count == 0)
            {
                _bytesHead = 0; // an empty ring starts over, so the next payload is contiguous
            }
        }

        private int CheckedSlot(int index)
        {
            Invariant.InRange(index >= 0 && index < _count, "index", "must be 0..Count-1");
            return Slot(index);
        }

        private int Slot(int fromHead)
        {
            int index = _head + fromHead;
            return index >= _origins.Length ? index - _origins.Length : index;
        }
    }
}
