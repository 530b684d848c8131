using System;
using System.Collections.Generic;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// Connected parts of the current radio graph among alive nodes, and how many root-capable nodes each
    /// holds. Recomputed only when the graph changes (a fault), not at every check.
    /// </summary>
    public sealed class RadioComponents
    {
        private int[] _componentOf = Array.Empty<int>();
        private readonly List<int> _rootCapableCount = new List<int>();
        private readonly List<int> _sizes = new List<int>();

        /// <summary>Components found by the last <see cref="Compute"/>.</summary>
        public int Count => _sizes.Count;

        /// <summary>Component of an alive node, or -1 for a dead one.</summary>
        public int ComponentOf(int node) => _componentOf[node];

        /// <summary>Root-capable alive nodes in component <paramref name="component"/>.</summary>
        public int RootCapableIn(int component) => _rootCapableCount[component];

        /// <summary>Alive nodes in component <paramref name="component"/>.</summary>
        public int SizeOf(int component) => _sizes[component];

        /// <summary>Labels components by breadth-first search in index order (deterministic labels).</summary>
        public void Compute(ParentSnapshot snapshot, IRadioTopology topology)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            ArgumentNullException.ThrowIfNull(topology);
            int n = snapshot.NodeCount;
            if (_componentOf.Length != n)
            {
                _componentOf = new int[n];
            }

            Array.Fill(_componentOf, -1);
            _rootCapableCount.Clear();
            _sizes.Clear();
            Queue<int> frontier = new Queue<int>();
            List<int> neighbours = new List<int>();
            for (int start = 0; start < n; start++)
            {
                if (!snapshot.Alive[start] || _componentOf[start] >= 0)
                {
                    continue;
                }

                int label = _sizes.Count;
                int size = 0;
                int rootCapable = 0;
                _componentOf[start] = label;
                frontier.Enqueue(start);
                while (frontier.Count > 0)
                {
                    int node = frontier.Dequeue();
                    size++;
                    rootCapable += snapshot.IsRootCapable(node) ? 1 : 0;
                    topology.GetNeighbours(node, neighbours);
                    foreach (int next in neighbours)
                    {
                        if (snapshot.Alive[next] && _componentOf[next] < 0)
                        {
                            _componentOf[next] = label;
                            frontier.Enqueue(next);
                        }
                    }
                }

                _sizes.Add(size);
                _rootCapableCount.Add(rootCapable);
            }
        }
    }
}
