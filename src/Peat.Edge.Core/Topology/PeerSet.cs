using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Topology
{
    /// <summary>A bounded set of node ids (lateral peers), in a fixed array; full is a returned outcome.</summary>
    public sealed class PeerSet
    {
        private readonly uint[] _ids;
        private int _count;

        /// <summary>Allocates room for <paramref name="capacity"/> ids.</summary>
        public PeerSet(int capacity)
        {
            Invariant.InRange(capacity >= 0, "capacity", "must not be negative");
            _ids = new uint[capacity];
        }

        /// <summary>Ids held.</summary>
        public int Count => _count;

        /// <summary>The id at index 0..Count-1.</summary>
        public uint this[int index]
        {
            get
            {
                Invariant.InRange(index >= 0 && index < _count, "index", "must be 0..Count-1");
                return _ids[index];
            }
        }

        /// <summary>True when the id is held.</summary>
        public bool Contains(uint id)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds an id; false when it is already held or the set is full.</summary>
        public bool TryAdd(uint id)
        {
            if (_count == _ids.Length || Contains(id))
            {
                return false;
            }

            _ids[_count++] = id;
            return true;
        }

        /// <summary>Removes an id; false when it was not held.</summary>
        public bool Remove(uint id)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == id)
                {
                    _count--;
                    _ids[i] = _ids[_count];
                    _ids[_count] = 0;
                    return true;
                }
            }

            return false;
        }
    }
}
