using System;
using System.Globalization;
using System.IO;
using Peat.Edge.Core.Beacons;
using Peat.Edge.Core.Geo;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;

namespace Peat.Edge.Aot.Demo
{
    /// <summary>
    /// The end-of-run table: per node its counters, then each neighbour with the distance computed from
    /// the beaconed positions and the link quality the node measured.
    /// </summary>
    public static class DemoReport
    {
        /// <summary>Writes the table for every node of a finished demo.</summary>
        public static void Write(InProcessDemo demo, TextWriter output)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after {demo.NowMs / 1000.0:F3}s:"));
            for (int i = 0; i < demo.Nodes.Length; i++)
            {
                WriteNode(demo.Nodes[i], demo.CountersOf(i), demo.NowMs, output);
            }
        }

        private static void WriteNode(MeshNode node, MetricsSnapshot counters, long nowMs, TextWriter output)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"node {node.NodeId}: neighbours {node.Neighbours.Count}, frames sent {counters.FramesSent}, received {counters.FramesReceived}, dropped {counters.FramesDropped}"));
            output.WriteLine("  neighbour  distance_m  link_permille");
            NeighbourTable table = node.Neighbours;
            foreach (int i in IndicesById(table))
            {
                NeighbourEntry entry = table[i];
                string distance = DistanceText(node, entry);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {entry.NodeId,9}  {distance,10}  {table.LinkQualityPermille(i, nowMs),13}"));
            }
        }

        // The table keeps its own (arrival, then swap-on-remove) order; people read tables by id.
        private static int[] IndicesById(NeighbourTable table)
        {
            int[] indices = new int[table.Count];
            uint[] ids = new uint[table.Count];
            for (int i = 0; i < indices.Length; i++)
            {
                indices[i] = i;
                ids[i] = table[i].NodeId;
            }

            Array.Sort(ids, indices);
            return indices;
        }

                // Either end may lack a fix; then there is no distance to show.
        private static string DistanceText(MeshNode node, NeighbourEntry entry)
        {
            if (!node.Self.HasPosition || !entry.Beacon.HasPosition)
            {
                return "-";
            }

            double distanceM = GeoDistance.DistanceM(node.Self.LatitudeE7, node.Self.LongitudeE7, entry.Beacon.LatitudeE7, entry.Beacon.LongitudeE7);
            return distanceM.ToString("F1", CultureInfo.InvariantCulture);
        }
    }
}
