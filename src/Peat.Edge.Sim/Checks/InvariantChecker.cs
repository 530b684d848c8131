using System;
using System.Collections.Generic;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// Safety: the parent graph of alive nodes has no cycle, so no node is its own ancestor. Follows
    /// parent pointers from every alive node once (three-colour walk, linear in nodes); a chain ends at a
    /// node without a parent, at an unknown id or at a dead node (a dead node's last parent pointer is
    /// not state anyone acts on). Each distinct cycle is reported once per check, however many nodes
    /// hang below it.
    /// </summary>
    public sealed class InvariantChecker
    {
        private const byte Unvisited = 0;
        private const byte OnPath = 1;
        private const byte Done = 2;

        private byte[] _state = Array.Empty<byte>();
        private readonly List<int> _path = new List<int>();

        /// <summary>Every distinct cycle among alive nodes (empty when the graph is loop-free).</summary>
        public List<RoutingLoop> FindLoops(ParentSnapshot snapshot)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            int n = snapshot.NodeCount;
            if (_state.Length != n)
            {
                _state = new byte[n];
            }
            else
            {
                Array.Clear(_state);
            }

            List<RoutingLoop> loops = new List<RoutingLoop>();
            for (int start = 0; start < n; start++)
            {
                if (!snapshot.Alive[start] || _state[start] != Unvisited)
                {
                    continue;
                }

                _path.Clear();
                int current = start;
                while (current >= 0 && snapshot.Alive[current] && _state[current] == Unvisited)
                {
                    _state[current] = OnPath;
                    _path.Add(current);
                    current = snapshot.IndexOf(snapshot.ParentId[current]);
                }

                if (current >= 0 && snapshot.Alive[current] && _state[current] == OnPath)
                {
                    loops.Add(ExtractLoop(current));
                }

                foreach (int visited in _path)
                {
                    _state[visited] = Done;
                }
            }

            return loops;
        }

        // The path ends with the cycle: from the first occurrence of `entry` to the end.
        private RoutingLoop ExtractLoop(int entry)
        {
            int from = _path.IndexOf(entry);
            int length = _path.Count - from;
            int smallest = from;
            for (int k = from; k < _path.Count; k++)
            {
                smallest = _path[k] < _path[smallest] ? k : smallest;
            }

            uint[] ids = new uint[length];
            for (int k = 0; k < length; k++)
            {
                int position = from + ((smallest - from + k) % length);
                ids[k] = (uint)(_path[position] + 1);
            }

            return new RoutingLoop(ids);
        }
    }
}
