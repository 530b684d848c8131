using System;
using System.Collections.Generic;
using Peat.Edge.Core.Geo;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Links
{
    /// <summary>
    /// Who can hear whom: every directed link inside radio range, fixed for the run because nodes do not
    /// move. Stored compressed (one array of links, sorted by sender then receiver, plus offsets), so the
    /// transmit loop walks a contiguous slice. Built with a grid of range-sized cells so construction is
    /// linear in links, not quadratic in nodes. Faults that cut links (isolate, partition) are applied on
    /// top by the world, not here.
    /// </summary>
    public sealed class RadioGraph
    {
        private readonly RadioLink[] _links;
        private readonly int[] _offsets;

        private RadioGraph(RadioLink[] links, int[] offsets)
        {
            _links = links;
            _offsets = offsets;
        }

        /// <summary>Nodes in the graph.</summary>
        public int NodeCount => _offsets.Length - 1;

        /// <summary>Directed links in range.</summary>
        public int LinkCount => _links.Length;

        /// <summary>Mean number of nodes in range of a node.</summary>
        public double MeanDegree => NodeCount == 0 ? 0 : (double)_links.Length / NodeCount;

        /// <summary>The links out of <paramref name="node"/>, by receiver index.</summary>
        public ReadOnlySpan<RadioLink> LinksOf(int node)
        {
            return new ReadOnlySpan<RadioLink>(_links, _offsets[node], _offsets[node + 1] - _offsets[node]);
        }

        /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are in range of each other.</summary>
        public bool InRange(int a, int b)
        {
            return TryGetLink(a, b, out _);
        }

        /// <summary>The directed link <paramref name="from"/>→<paramref name="to"/>; false when they are out of range.</summary>
        public bool TryGetLink(int from, int to, out RadioLink link)
        {
            ReadOnlySpan<RadioLink> links = LinksOf(from);
            int low = 0;
            int high = links.Length - 1;
            while (low <= high)
            {
                int mid = (low + high) >> 1;
                int at = links[mid].To;
                if (at == to)
                {
                    link = links[mid];
                    return true;
                }

                if (at < to)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }

            link = default;
            return false;
        }

        /// <summary>Connected parts of the whole graph (every node, no cuts): 1 means every node can reach every other, hop by hop.</summary>
        public int CountComponents()
        {
            int n = NodeCount;
            bool[] seen = new bool[n];
            Stack<int> pending = new Stack<int>();
            int components = 0;
            for (int start = 0; start < n; start++)
            {
                if (seen[start])
                {
                    continue;
                }

                components++;
                seen[start] = true;
                pending.Push(start);
                while (pending.Count > 0)
                {
                    foreach (RadioLink link in LinksOf(pending.Pop()))
                    {
                        if (!seen[link.To])
                        {
                            seen[link.To] = true;
                            pending.Push(link.To);
                        }
                    }
                }
            }

            return components;
        }

        /// <summary>Builds the graph for <paramref name="plans"/>; asymmetry and per-link delays come from the seed.</summary>
        public static RadioGraph Build(NodePlan[] plans, ILinkModel model, ulong seed)
        {
            ArgumentNullException.ThrowIfNull(plans);
            ArgumentNullException.ThrowIfNull(model);
            LinkParameters parameters = model.Parameters;
            double rangeM = parameters.RangeM;
            SimRandom random = new SimRandom(seed, RandomStream.LinkShape);
            long perLinkDelayMaxUs = LinkParameters.ToUs(parameters.PerLinkDelayMsMax);
            Dictionary<long, List<int>> cells = BucketByCell(plans, rangeM);
            List<RadioLink> links = new List<RadioLink>(plans.Length * 16);
            int[] offsets = new int[plans.Length + 1];
            List<int> candidates = new List<int>(64);
            for (int i = 0; i < plans.Length; i++)
            {
                offsets[i] = links.Count;
                CollectCandidates(plans[i], rangeM, cells, candidates);
                candidates.Sort();
                foreach (int j in candidates)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    double distanceM = GeoDistance.DistanceM(plans[i].LatitudeE7, plans[i].LongitudeE7, plans[j].LatitudeE7, plans[j].LongitudeE7);
                    if (distanceM > rangeM)
                    {
                        continue;
                    }

                    links.Add(MakeLink(model, j, distanceM, random, perLinkDelayMaxUs));
                }
            }

            offsets[plans.Length] = links.Count;
            return new RadioGraph(links.ToArray(), offsets);
        }

        private static RadioLink MakeLink(ILinkModel model, int to, double distanceM, SimRandom random, long perLinkDelayMaxUs)
        {
            LinkParameters parameters = model.Parameters;
            bool asymmetric = random.Chance(parameters.AsymmetryProbability);
            double loss = model.DistanceLossProbability(distanceM) + (asymmetric ? parameters.AsymmetricExtraLoss : 0);
            long extraDelayUs = perLinkDelayMaxUs > 0 ? (long)(random.NextDouble() * (perLinkDelayMaxUs + 1)) : 0;
            model.SignalAt(distanceM, out sbyte rssiDbm, out sbyte snrDb);
            return new RadioLink
            {
                To = to,
                DistanceM = (float)distanceM,
                BaseLossProbability = (float)Math.Min(1.0, loss),
                ExtraDelayUs = (int)extraDelayUs,
                RssiDbm = rssiDbm,
                SnrDb = snrDb,
                Asymmetric = asymmetric,
            };
        }

        // Cells a little larger than the range: planar metres and haversine distances differ by far less than 5 %.
        private static Dictionary<long, List<int>> BucketByCell(NodePlan[] plans, double rangeM)
        {
            Dictionary<long, List<int>> cells = new Dictionary<long, List<int>>();
            for (int i = 0; i < plans.Length; i++)
            {
                long key = CellKey(CellOf(plans[i].XM, rangeM), CellOf(plans[i].YM, rangeM));
                if (!cells.TryGetValue(key, out List<int>? members))
                {
                    members = new List<int>();
                    cells[key] = members;
                }

                members.Add(i);
            }

            return cells;
        }

        private static void CollectCandidates(NodePlan plan, double rangeM, Dictionary<long, List<int>> cells, List<int> candidates)
        {
            candidates.Clear();
            long cx = CellOf(plan.XM, rangeM);
            long cy = CellOf(plan.YM, rangeM);
            for (long dx = -1; dx <= 1; dx++)
            {
                for (long dy = -1; dy <= 1; dy++)
                {
                    if (cells.TryGetValue(CellKey(cx + dx, cy + dy), out List<int>? members))
                    {
                        candidates.AddRange(members);
                    }
                }
            }
        }

        private static long CellOf(double metres, double rangeM)
        {
            return (long)Math.Floor(metres / (rangeM * 1.05));
        }

        private static long CellKey(long cx, long cy)
        {
            return (cx << 32) ^ (cy & 0xFFFFFFFFL);
        }
    }
}
