using System;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// What the checks look at, copied out of the world at one instant: per node index (node id = index
    /// + 1) whether it is alive, its parent id (0 = none), whether it claims to be a root, and its
    /// capabilities. Plain arrays, so tests build corrupted snapshots by hand.
    /// </summary>
    public sealed class ParentSnapshot
    {
        /// <summary>An all-dead snapshot for <paramref name="nodeCount"/> nodes.</summary>
        public ParentSnapshot(int nodeCount)
        {
            if (nodeCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(nodeCount), "must be >= 0");
            }

            Alive = new bool[nodeCount];
            ParentId = new uint[nodeCount];
            IsRoot = new bool[nodeCount];
            Capabilities = new Capabilities[nodeCount];
        }

        /// <summary>Nodes in the snapshot.</summary>
        public int NodeCount => Alive.Length;

        /// <summary>Alive (booted, not killed) per node index.</summary>
        public bool[] Alive { get; }

        /// <summary>Parent node id per node index; 0 = none.</summary>
        public uint[] ParentId { get; }

        /// <summary>The node claims to be the root of its tree.</summary>
        public bool[] IsRoot { get; }

        /// <summary>Capabilities per node index.</summary>
        public Capabilities[] Capabilities { get; }

        /// <summary>Index of node <paramref name="nodeId"/>, or -1 when no node has that id.</summary>
        public int IndexOf(uint nodeId)
        {
            return nodeId >= 1 && nodeId <= (uint)Alive.Length ? (int)(nodeId - 1) : -1;
        }

        /// <summary>True when node <paramref name="index"/> may lead the top level.</summary>
        public bool IsRootCapable(int index)
        {
            return (Capabilities[index] & Core.Wire.Capabilities.RootCapable) != 0;
        }
    }
}
