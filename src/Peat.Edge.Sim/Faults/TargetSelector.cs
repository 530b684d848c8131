using System;
using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Engine;

namespace Peat.Edge.Sim.Faults
{
    /// <summary>
    /// Picks a fault's node from the live parent graph at the moment it fires. Children and descendants
    /// are counted from alive nodes' parent pointers. Every choice breaks ties by lowest id, and every
    /// fallback is deterministic and explained in the returned note.
    /// </summary>
    public static class TargetSelector
    {
        /// <summary>
        /// The chosen node index, or -1 when nothing qualifies even after fallback. <paramref name="neighbourCounts"/>
        /// is each node's neighbour-table size (used by fallbacks); <paramref name="random"/> serves <see cref="FaultTarget.RandomAlive"/>.
        /// </summary>
        public static int Choose(FaultTarget target, ParentSnapshot snapshot, int[] neighbourCounts, SimRandom random, out string? note)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            ArgumentNullException.ThrowIfNull(neighbourCounts);
            ArgumentNullException.ThrowIfNull(random);
            note = null;
            int[] children = CountChildren(snapshot);
            switch (target)
            {
                case FaultTarget.SquadLeader:
                    return MostChildren(snapshot, children, allLeafChildren: false, out note, neighbourCounts);
                case FaultTarget.LeafParent:
                    return MostChildren(snapshot, children, allLeafChildren: true, out note, neighbourCounts);
                case FaultTarget.TopRoot:
                    return TopRoot(snapshot, out note, neighbourCounts);
                case FaultTarget.RandomAlive:
                    return RandomAlive(snapshot, random, out note);
                default:
                    throw new ArgumentOutOfRangeException(nameof(target), "this target is resolved by the world, not from the graph");
            }
        }

        /// <summary>Children per node: alive nodes whose parent pointer names it.</summary>
        public static int[] CountChildren(ParentSnapshot snapshot)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            int[] children = new int[snapshot.NodeCount];
            for (int i = 0; i < snapshot.NodeCount; i++)
            {
                int parent = snapshot.Alive[i] ? snapshot.IndexOf(snapshot.ParentId[i]) : -1;
                if (parent >= 0 && parent != i && snapshot.Alive[parent])
                {
                    children[parent]++;
                }
            }

            return children;
        }

        /// <summary>Descendants per node (walks are bounded by the node count, so a loop cannot hang it).</summary>
        public static int[] CountDescendants(ParentSnapshot snapshot)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            int n = snapshot.NodeCount;
            int[] descendants = new int[n];
            for (int i = 0; i < n; i++)
            {
                if (!snapshot.Alive[i])
                {
                    continue;
                }

                int current = snapshot.IndexOf(snapshot.ParentId[i]);
                for (int steps = 0; steps < n && current >= 0 && current != i && snapshot.Alive[current]; steps++)
                {
                    descendants[current]++;
                    current = snapshot.IndexOf(snapshot.ParentId[current]);
                }
            }

            return descendants;
        }

        private static int MostChildren(ParentSnapshot snapshot, int[] children, bool allLeafChildren, out string? note, int[] neighbourCounts)
        {
            int best = -1;
            for (int i = 0; i < snapshot.NodeCount; i++)
            {
                if (!snapshot.Alive[i] || snapshot.IsRoot[i] || snapshot.IsRootCapable(i) || children[i] == 0)
                {
                    continue;
                }

                if (allLeafChildren && !ChildrenAreLeaves(snapshot, children, i))
                {
                    continue;
                }

                best = best < 0 || children[i] > children[best] ? i : best;
            }

            if (best >= 0)
            {
                note = null;
                return best;
            }

            best = MostNeighbours(snapshot, neighbourCounts, canParentOnly: true);
            note = best >= 0
                ? (allLeafChildren ? "fallback: no parent of leaves yet; " : "fallback: no node has children yet; ") + "chose the CanParent node hearing most neighbours"
                : "fallback: no alive CanParent node; nothing to hit";
            return best;
        }

        private static bool ChildrenAreLeaves(ParentSnapshot snapshot, int[] children, int parent)
        {
            uint parentId = (uint)(parent + 1);
            for (int j = 0; j < snapshot.NodeCount; j++)
            {
                if (snapshot.Alive[j] && snapshot.ParentId[j] == parentId && children[j] > 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int TopRoot(ParentSnapshot snapshot, out string? note, int[] neighbourCounts)
        {
            int[] descendants = CountDescendants(snapshot);
            int best = -1;
            for (int i = 0; i < snapshot.NodeCount; i++)
            {
                if (snapshot.Alive[i] && snapshot.IsRoot[i] && (best < 0 || descendants[i] > descendants[best]))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                note = null;
                return best;
            }

            for (int i = 0; i < snapshot.NodeCount; i++)
            {
                if (snapshot.Alive[i] && snapshot.IsRootCapable(i))
                {
                    note = "fallback: no node is root yet; chose the lowest-id alive root-capable node";
                    return i;
                }
            }

            best = MostNeighbours(snapshot, neighbourCounts, canParentOnly: false);
            note = "fallback: no root and no root-capable node alive; chose the node hearing most neighbours";
            return best;
        }

        private static int RandomAlive(ParentSnapshot snapshot, SimRandom random, out string? note)
        {
            int aliveRootCapable = 0;
            for (int i = 0; i < snapshot.NodeCount; i++)
            {
                aliveRootCapable += snapshot.Alive[i] && snapshot.IsRootCapable(i) ? 1 : 0;
            }

            int candidates = 0;
            for (int i = 0; i < snapshot.NodeCount; i++)
            {
                candidates += IsRandomCandidate(snapshot, i, aliveRootCapable) ? 1 : 0;
            }

            note = null;
            if (candidates == 0)
            {
                note = "no alive node may be hit (the last root-capable node is spared)";
                return -1;
            }

            int pick = random.NextInt(candidates);
            for (int i = 0; i < snapshot.NodeCount; i++)
            {
                if (IsRandomCandidate(snapshot, i, aliveRootCapable) && pick-- == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsRandomCandidate(ParentSnapshot snapshot, int i, int aliveRootCapable)
        {
            return snapshot.Alive[i] && !(snapshot.IsRootCapable(i) && aliveRootCapable <= 1);
        }

        private static int MostNeighbours(ParentSnapshot snapshot, int[] neighbourCounts, bool canParentOnly)
        {
            int best = -1;
            for (int i = 0; i < snapshot.NodeCount; i++)
            {
                bool eligible = snapshot.Alive[i] && !snapshot.IsRootCapable(i)
                    && (!canParentOnly || (snapshot.Capabilities[i] & Core.Wire.Capabilities.CanParent) != 0);
                if (eligible && (best < 0 || neighbourCounts[i] > neighbourCounts[best]))
                {
                    best = i;
                }
            }

            return best;
        }
    }
}
