using System;
using Peat.Edge.Core.Wire;
using Peat.Edge.Sim.Engine;

namespace Peat.Edge.Sim.Placement
{
    /// <summary>
    /// Places nodes from the seed. Node 1..R are root-capable (CanParent | RootCapable | Uplink | Gps) on a
    /// small circle around the centre; a seeded share of the rest may parent (CanParent | Relay | Gps |
    /// BatteryPowered) — in clustered placement the member nearest each squad centre first, as its leader;
    /// the others are leaf sensors (Sensor | BatteryPowered | Gps). Batteries: root-capable nodes report
    /// 100, others a seeded 20..100.
    /// </summary>
    public static class NodePlacement
    {
        /// <summary>Capabilities of a command post or one of its alternates.</summary>
        public const Capabilities RootCapableNode = Capabilities.CanParent | Capabilities.RootCapable | Capabilities.Uplink | Capabilities.Gps;

        /// <summary>Capabilities of a squad leader or relay.</summary>
        public const Capabilities ParentNode = Capabilities.CanParent | Capabilities.Relay | Capabilities.Gps | Capabilities.BatteryPowered;

        /// <summary>Capabilities of a leaf sensor.</summary>
        public const Capabilities LeafNode = Capabilities.Sensor | Capabilities.BatteryPowered | Capabilities.Gps;

        /// <summary>Places <c>spec.Nodes</c> nodes; the same seed and spec give the same plans.</summary>
        public static NodePlan[] Generate(PlacementSpec spec, ulong seed)
        {
            ArgumentNullException.ThrowIfNull(spec);
            if (spec.Nodes < 1 || !(spec.AreaM > 0) || spec.RootCapableCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(spec), "placement needs nodes >= 1, area > 0 and root-capable count >= 0");
            }

            SimRandom random = new SimRandom(seed, RandomStream.Placement);
            int n = spec.Nodes;
            int rootCapable = Math.Min(spec.RootCapableCount, n);
            double[] x = new double[n];
            double[] y = new double[n];
            int[] squad = new int[n];
            Array.Fill(squad, -1);
            PlaceRootCapable(spec, rootCapable, random, x, y);
            bool[] leader = new bool[n];
            if (spec.Kind == PlacementKind.Clustered)
            {
                PlaceClustered(spec, rootCapable, random, x, y, squad, leader);
            }
            else
            {
                for (int i = rootCapable; i < n; i++)
                {
                    x[i] = random.NextDouble() * spec.AreaM;
                    y[i] = random.NextDouble() * spec.AreaM;
                }
            }

            bool[] canParent = ChooseParents(spec, rootCapable, random, leader);
            NodePlan[] plans = new NodePlan[n];
            for (int i = 0; i < n; i++)
            {
                GeoProjection.ToE7(x[i], y[i], spec.AreaM, out int latitudeE7, out int longitudeE7);
                bool isRoot = i < rootCapable;
                plans[i] = new NodePlan
                {
                    NodeId = (uint)(i + 1),
                    XM = x[i],
                    YM = y[i],
                    LatitudeE7 = latitudeE7,
                    LongitudeE7 = longitudeE7,
                    Capabilities = isRoot ? RootCapableNode : canParent[i] ? ParentNode : LeafNode,
                    BatteryPercent = isRoot ? (byte)100 : (byte)(20 + random.NextInt(81)),
                    Squad = squad[i],
                };
            }

            return plans;
        }

        private static void PlaceRootCapable(PlacementSpec spec, int count, SimRandom random, double[] x, double[] y)
        {
            double radiusM = spec.RootCircleShare * spec.AreaM;
            double startRad = random.NextDouble() * 2.0 * Math.PI;
            for (int k = 0; k < count; k++)
            {
                double angleRad = startRad + (2.0 * Math.PI * k / count);
                x[k] = (spec.AreaM / 2.0) + (radiusM * Math.Cos(angleRad));
                y[k] = (spec.AreaM / 2.0) + (radiusM * Math.Sin(angleRad));
            }
        }

        private static void PlaceClustered(PlacementSpec spec, int first, SimRandom random, double[] x, double[] y, int[] squad, bool[] leader)
        {
            int others = x.Length - first;
            if (others <= 0)
            {
                return;
            }

            int squads = spec.Squads > 0 ? spec.Squads : Math.Max(1, (int)Math.Round(others / 10.0));
            squads = Math.Min(squads, others);
            double[] centreX = new double[squads];
            double[] centreY = new double[squads];
            for (int s = 0; s < squads; s++)
            {
                centreX[s] = random.NextDouble() * spec.AreaM;
                centreY[s] = random.NextDouble() * spec.AreaM;
            }

            int[] nearest = new int[squads];
            double[] nearestM = new double[squads];
            Array.Fill(nearest, -1);
            for (int i = first; i < x.Length; i++)
            {
                int s = (i - first) % squads;
                x[i] = Math.Clamp(centreX[s] + (random.NextGaussian() * spec.SquadSigmaM), 0, spec.AreaM);
                y[i] = Math.Clamp(centreY[s] + (random.NextGaussian() * spec.SquadSigmaM), 0, spec.AreaM);
                squad[i] = s;
                double dx = x[i] - centreX[s];
                double dy = y[i] - centreY[s];
                double dM = Math.Sqrt((dx * dx) + (dy * dy));
                if (nearest[s] < 0 || dM < nearestM[s])
                {
                    nearest[s] = i;
                    nearestM[s] = dM;
                }
            }

            for (int s = 0; s < squads; s++)
            {
                leader[nearest[s]] = true;
            }
        }

        // Leaders first (clustered), then a seeded shuffle of the rest until the share is reached.
        private static bool[] ChooseParents(PlacementSpec spec, int first, SimRandom random, bool[] leader)
        {
            int n = leader.Length;
            bool[] canParent = new bool[n];
            int wanted = (int)Math.Round((n - first) * spec.CanParentShare);
            int chosen = 0;
            for (int i = first; i < n && chosen < wanted; i++)
            {
                if (leader[i])
                {
                    canParent[i] = true;
                    chosen++;
                }
            }

            int[] order = new int[n - first];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = first + i;
            }

            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            for (int k = 0; k < order.Length && chosen < wanted; k++)
            {
                if (!canParent[order[k]])
                {
                    canParent[order[k]] = true;
                    chosen++;
                }
            }

            return canParent;
        }
    }
}
