using System;
using System.Collections.Generic;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// Which alive nodes could possibly hang below a root-capable node right now: those with a path of radio
    /// links that are up and could carry a new parent (<see cref="IRadioTopology.CanParentOver"/>: lossy enough,
    /// the core refuses to take a parent over a link), to an alive root-capable node, on which every node after
    /// the first may parent (CanParent; root-capable nodes can). A leaf sensor cannot relay a tree, so a region joined to the
    /// command post only through leaves cannot attach to it, however long it waits: for liveness it is a
    /// part "holding no root-capable node", and its own root counts. Computed by a breadth-first search
    /// backwards from the root-capable nodes, linear in links; recomputed only when the graph changes.
    /// <para>It also marks which nodes can attach to anything at all: a node that may not parent and has
    /// no parent-capable node in range over a link that could carry a parent can only ever be its own root. The core need not elect such a lone
    /// leaf; liveness exempts it (the "every alive, reachable node") and counts it separately.</para>
    /// </summary>
    public sealed class RootReachability
    {
        private bool[] _reachable = Array.Empty<bool>();
        private bool[] _attachable = Array.Empty<bool>();

        /// <summary>True when node <paramref name="index"/> can reach an alive root-capable node through parent-capable hops.</summary>
        public bool CanReachRootCapable(int index) => _reachable[index];

        /// <summary>True when node <paramref name="index"/> is alive and may parent, or has an alive parent-capable node it could take as a parent (<see cref="IRadioTopology.CanParentOver"/>).</summary>
        public bool CanAttach(int index) => _attachable[index];

        /// <summary>Alive nodes that cannot (they may lead their own part).</summary>
        public int UnreachableCount { get; private set; }

        /// <summary>Recomputes for the alive set of <paramref name="snapshot"/> and the links of <paramref name="topology"/>.</summary>
        public void Compute(ParentSnapshot snapshot, IRadioTopology topology)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            ArgumentNullException.ThrowIfNull(topology);
            int n = snapshot.NodeCount;
            if (_reachable.Length != n)
            {
                _reachable = new bool[n];
                _attachable = new bool[n];
            }

            Array.Clear(_reachable);
            Array.Clear(_attachable);
            Queue<int> parents = new Queue<int>();
            for (int i = 0; i < n; i++)
            {
                if (snapshot.Alive[i] && snapshot.IsRootCapable(i))
                {
                    _reachable[i] = true;
                    parents.Enqueue(i);
                }
            }

            List<int> neighbours = new List<int>();
            while (parents.Count > 0)
            {
                // Everyone who could take a reachable parent-capable node as a parent can be its child.
                int parent = parents.Dequeue();
                topology.GetNeighbours(parent, neighbours);
                foreach (int child in neighbours)
                {
                    if (!snapshot.Alive[child] || _reachable[child] || !topology.CanParentOver(parent, child))
                    {
                        continue;
                    }

                    _reachable[child] = true;
                    if (CanParent(snapshot, child))
                    {
                        parents.Enqueue(child);
                    }
                }
            }

            int unreachable = 0;
            for (int i = 0; i < n; i++)
            {
                unreachable += snapshot.Alive[i] && !_reachable[i] ? 1 : 0;
                _attachable[i] = snapshot.Alive[i] && (CanParent(snapshot, i) || HasParentCapableNeighbour(snapshot, topology, i, neighbours));
            }

            UnreachableCount = unreachable;
        }

        private static bool CanParent(ParentSnapshot snapshot, int index)
        {
            return (snapshot.Capabilities[index] & Capabilities.CanParent) != 0;
        }

        private static bool HasParentCapableNeighbour(ParentSnapshot snapshot, IRadioTopology topology, int index, List<int> neighbours)
        {
            topology.GetNeighbours(index, neighbours);
            foreach (int neighbour in neighbours)
            {
                if (snapshot.Alive[neighbour] && CanParent(snapshot, neighbour) && topology.CanParentOver(neighbour, index))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
