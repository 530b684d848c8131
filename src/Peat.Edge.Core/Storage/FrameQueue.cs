using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Storage
{
    /// <summary>
    /// Outgoing frames waiting for the host, in one preallocated block of equal slots (one frame each,
    /// <c>slotBytes</c> long). Frames are written in place (<see cref="TryBeginEnqueue"/> then
    /// <see cref="CommitEnqueue"/>), so encoding needs no scratch copy. Full is a returned outcome.
    /// </summary>
    public sealed class FrameQueue
    {
        private readonly byte[] _storage;
        private readonly int[] _lengths;
        private readonly uint[] _destinations;
        private readonly int _slotBytes;
        private int _head;
        private int _count;
        private bool _reserved;

        /// <summary>Allocates <paramref name="slots"/> × <paramref name="slotBytes"/> bytes.</summary>
        public FrameQueue(int slots, int slotBytes)
        {
            Invariant.InRange(slots > 0, "slots", "must be positive");
            Invariant.InRange(slotBytes > 0, "slotBytes", "must be positive");
            _storage = new byte[slots * slotBytes];
            _lengths = new int[slots];
            _destinations = new uint[slots];
            _slotBytes = slotBytes;
        }

        /// <summary>Frames waiting.</summary>
        public int Count => _count;

        /// <summary>Slots in total.</summary>
        public int Capacity => _lengths.Length;

        /// <summary>Largest frame a slot holds.</summary>
        public int SlotBytes => _slotBytes;

        /// <summary>Reserves the next free slot for writing; false when the queue is full.</summary>
        public bool TryBeginEnqueue(out byte[] buffer, out int offset)
        {
            Invariant.That(!_reserved, "one enqueue at a time");
            buffer = _storage;
            offset = 0;
            if (_count == _lengths.Length)
            {
                return false;
            }

            offset = SlotIndex(_count) * _slotBytes;
            _reserved = true;
            return true;
        }

        /// <summary>Publishes the reserved slot holding <paramref name="length"/> bytes for <paramref name="destinationId"/>; a zero length abandons it.</summary>
        public void CommitEnqueue(int length, uint destinationId)
        {
            Invariant.That(_reserved, "a slot was reserved");
            Invariant.InRange(length >= 0 && length <= _slotBytes, "length", "must fit the slot");
            _reserved = false;
            if (length == 0)
            {
                return;
            }

            int slot = SlotIndex(_count);
            _lengths[slot] = length;
            _destinations[slot] = destinationId;
            _count++;
        }

        /// <summary>
        /// Copies the oldest frame into destination[offset..] and removes it. False when empty; a
        /// destination too small is a programmer error (frames never exceed <see cref="SlotBytes"/>).
        /// </summary>
        public bool TryDequeue(byte[] destination, int offset, out int length, out uint destinationId)
        {
            length = 0;
            destinationId = 0;
            if (_count == 0)
            {
                return false;
            }

            int frameLength = _lengths[_head];
            Invariant.Slice(destination, offset, frameLength);
            System.Array.Copy(_storage, _head * _slotBytes, destination, offset, frameLength);
            length = frameLength;
            destinationId = _destinations[_head];
            _head = _head + 1 == _lengths.Length ? 0 : _head + 1;
            _count--;
            return true;
        }

        private int SlotIndex(int fromHead)
        {
            int index = _head + fromHead;
            return index >= _lengths.Length ? index - _lengths.Length : index;
        }
    }
}
