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
    /// A node in a tree whose root is not root-capable (a fallback tree) is attached only if it cannot reach a
    /// root-capable node itself: reachability over links that could carry a parent is directed (an asymmetric
    /// link), so a fallback root no root-capable node can reach may hold a member that hears the command post's
    /// tree well, and that member should be in it.
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
        private int[] _rootOf = Array.Empty<int>(); // the root a chain ends at, for nodes with a depth
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
                _rootOf = new int[n];
            }

            Array.Fill(_depth, Unknown);
            for (int i = 0; i < n; i++)
            {
                if (!snapshot.Alive[i])
                {
                    _depth[i] = NotAttached;
                    continue;
                }

                Resolve(i, snapshot, topology, reachability);
            }

            // Only after every chain is resolved: a member that should be in a root-capable tree is not attached,
            // while what hangs below it still is when it cannot reach one either.
            for (int i = 0; i < n; i++)
            {
                if (_depth[i] > 0 && !snapshot.IsRootCapable(_rootOf[i]) && reachability.CanReachRootCapable(i))
                {
                    _depth[i] = NotAttached;
                }
            }

            int alive = 0;
            int attached = 0;
            int unattachable = 0;
            int validRoots = 0;
            int maxDepth = -1;
            for (int i = 0; i < n; i++)
            {
                if (!snapshot.Alive[i])
                {
                    continue;
                }

                alive++;
                int depth = _depth[i];
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
        private void Resolve(int start, ParentSnapshot snapshot, IRadioTopology topology, RootReachability reachability)
        {
            _path.Clear();
            int current = start;
            int baseDepth;
            int root = -1;
            while (true)
            {
                int known = _depth[current];
                if (known >= NotAttached)
                {
                    baseDepth = known < 0 ? NotAttached : known + 1;
                    root = known < 0 ? -1 : _rootOf[current];
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
                    _rootOf[current] = current;
                    root = current;
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
                _rootOf[_path[k]] = root;
                depth = depth < 0 ? NotAttached : depth + 1;
            }
        }
    }
}
