using System;
using System.Collections.Generic;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// Liveness: is every alive node attached to a proper tree? A node is attached when
    /// <list type="bullet">
    /// <item>it is a valid root: IsRoot and root-capable, or IsRoot while no root-capable node can be
    /// reached from it (see <see cref="RootReachability"/>: through radio links that are up, every hop
    /// landing on a node that may parent) — then its part holds no root-capable node it could join, and
    /// someone must lead that part; or</item>
    /// <item>following ParentId from it reaches a valid root, loop-free, through alive nodes only, each
    /// hop over a radio link that is up right now (in range and not cut).</item>
    /// </list>
    /// A node that cannot attach to anything (<see cref="RootReachability.CanAttach"/>) and is not its own
    /// root is counted as unattachable, not as an orphan: liveness asks every node that can attach to be attached.
    /// A node that claims IsRoot but is not a valid root (not root-capable, and a root-capable node is
    /// reachable) ends its chain unattached. Several valid roots in one part are allowed by this check;
    /// their number is reported as the tree count (partitions_at_end). Linear in nodes:
    /// every chain is resolved once and memoised.
    /// </summary>
    public sealed class AttachmentCheck
    {
        private const int Unknown = -2;
        private const int InProgress = -3;
        private const int NotAttached = -1;

        private int[] _depth = Array.Empty<int>();
        private readonly List<int> _path = new List<int>();

        /// <summary>Depth per node from the last evaluation: 0 for a root, -1 when not attached or dead.</summary>
        public ReadOnlySpan<int> Depths => _depth;

        /// <summary>Evaluates <paramref name="snapshot"/> against the radio graph and the reachability computed for the same alive set and links.</summary>
        public AttachmentResult Evaluate(ParentSnapshot snapshot, IRadioTopology topology, RootReachability reachability)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            ArgumentNullException.ThrowIfNull(topology);
            ArgumentNullException.ThrowIfNull(reachability);
            int n = snapshot.NodeCount;
            if (_depth.Length != n)
            {
                _depth = new int[n];
            }

            Array.Fill(_depth, Unknown);
            int alive = 0;
            int attached = 0;
            int unattachable = 0;
            int validRoots = 0;
            int maxDepth = -1;
            for (int i = 0; i < n; i++)
            {
                if (!snapshot.Alive[i])
                {
                    _depth[i] = NotAttached;
                    continue;
                }

                alive++;
                int depth = Resolve(i, snapshot, topology, reachability);
                if (depth >= 0)
                {
                    attached++;
                    maxDepth = Math.Max(maxDepth, depth);
                    validRoots += depth == 0 ? 1 : 0;
                }
                else if (!reachability.CanAttach(i))
                {
                    unattachable++;
                }
            }

            return new AttachmentResult(alive, attached, unattachable, validRoots, maxDepth);
        }

        /// <summary>True when node <paramref name="index"/> is a root that counts.</summary>
        public static bool IsValidRoot(int index, ParentSnapshot snapshot, RootReachability reachability)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            ArgumentNullException.ThrowIfNull(reachability);
            if (!snapshot.Alive[index] || !snapshot.IsRoot[index])
            {
                return false;
            }

            return snapshot.IsRootCapable(index) || !reachability.CanReachRootCapable(index);
        }

        // Walks up from `start` until a resolved node, a valid root, a broken hop or a node already on the walk (a loop).
        private int Resolve(int start, ParentSnapshot snapshot, IRadioTopology topology, RootReachability reachability)
        {
            _path.Clear();
            int current = start;
            int baseDepth;
            while (true)
            {
                int known = _depth[current];
                if (known >= NotAttached)
                {
                    baseDepth = known < 0 ? NotAttached : known + 1;
                    break;
                }

                if (known == InProgress)
                {
                    baseDepth = NotAttached; // a loop: nobody on it reaches a root
                    break;
                }

                _depth[current] = InProgress;
                _path.Add(current);
                if (snapshot.IsRoot[current])
                {
                    baseDepth = IsValidRoot(current, snapshot, reachability) ? 0 : NotAttached;
                    _path.RemoveAt(_path.Count - 1);
                    _depth[current] = baseDepth;
                    baseDepth = baseDepth < 0 ? NotAttached : 1;
                    break;
                }

                int parent = snapshot.IndexOf(snapshot.ParentId[current]);
                if (parent < 0 || !snapshot.Alive[parent] || !topology.IsLinkUp(current, parent))
                {
                    baseDepth = NotAttached;
                    break;
                }

                current = parent;
            }

            // Assign from the top of the walk down: each node is one deeper than the one above it.
            int depth = baseDepth;
            for (int k = _path.Count - 1; k >= 0; k--)
            {
                _depth[_path[k]] = depth;
                depth = depth < 0 ? NotAttached : depth + 1;
            }

            return _depth[start];
        }
    }
}
