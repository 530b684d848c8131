using Peat.Edge.Core.Wire;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Placement;
using Peat.Edge.Sim.Scenarios;

namespace Peat.Edge.Sim.Tests.Support;

/// <summary>Small worlds for tests: from CLI-style options, or with nodes placed by hand.</summary>
internal static class Worlds
{
    public static SimOptions Options(string scenario = "formation", int nodes = 30, ulong seed = 7, double durationS = 30, string link = "wifi")
    {
        return new SimOptions { Scenario = scenario, Nodes = nodes, Seed = seed, DurationS = durationS, Link = link };
    }

    public static SimWorld FromOptions(SimOptions options, TextWriter? log = null)
    {
        return new SimWorld(ScenarioCatalog.Build(options), log);
    }

    /// <summary>Nodes at the given planar positions (metres) in an area of <paramref name="areaM"/>; node 1 root-capable, others leaves.</summary>
    public static SimConfig HandPlaced(LinkParameters link, double areaM, double durationS, params (double X, double Y)[] positions)
    {
        var plans = new NodePlan[positions.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            GeoProjection.ToE7(positions[i].X, positions[i].Y, areaM, out int lat, out int lon);
            plans[i] = new NodePlan
            {
                NodeId = (uint)(i + 1),
                XM = positions[i].X,
                YM = positions[i].Y,
                LatitudeE7 = lat,
                LongitudeE7 = lon,
                Capabilities = i == 0 ? NodePlacement.RootCapableNode : NodePlacement.LeafNode,
                BatteryPercent = 80,
            };
        }

        return new SimConfig
        {
            Scenario = "hand-placed",
            Seed = 5,
            DurationUs = (long)(durationS * 1e6),
            Link = link,
            AreaM = areaM,
            Nodes = plans,
            CheckPeriodUs = SimProfile.CheckPeriodUs(link.Kind),
            ReplayCommand = "(hand-placed test world)",
        };
    }

    /// <summary>
    /// A world of <paramref name="config"/> whose nodes never transmit on their own (emission control on
    /// every node: no beacons, and no parent to answer), so only the frames a test sends with
    /// <see cref="SimWorld.DebugTransmit"/> are on the air. They still receive, and the core still runs.
    /// </summary>
    public static SimWorld Silent(SimConfig config)
    {
        var world = new SimWorld(config);
        for (int i = 0; i < world.NodeCount; i++)
        {
            world.Node(i).EmissionControl = true;
        }

        return world;
    }

    /// <summary>A valid beacon frame from <paramref name="sourceId"/> (48 bytes or so with an 8-byte tag).</summary>
    public static byte[] BeaconFrame(uint sourceId, ushort sequence, out int length)
    {
        byte[] frame = new byte[255];
        var header = new FrameHeader(FrameType.Beacon, FrameFlags.None, 0, sourceId, sequence);
        var body = new BeaconBody
        {
            HasPosition = true,
            LatitudeE7 = GeoProjection.CentreLatitudeE7,
            LongitudeE7 = GeoProjection.CentreLongitudeE7,
            Capabilities = Capabilities.Sensor,
            BatteryPercent = 50,
            Rank = 0xFFFF,
            IntervalHintDs = 50,
        };
        length = FrameCodec.WriteBeacon(header, body, 8, frame, 0, frame.Length);
        return frame;
    }

    /// <summary>Makes the world see no parent and no root anywhere (whatever the core does), so a test controls attachment.</summary>
    public static void OverlayOrphans(SimWorld world)
    {
        for (int i = 0; i < world.NodeCount; i++)
        {
            world.DebugRootOverride(i, false);
            world.DebugParentOverride(i, 0);
        }
    }

    /// <summary>Lays a breadth-first tree from node index 0 over the radio graph with the debug overrides (a stand-in for topology).</summary>
    public static void OverlayBfsTree(SimWorld world, int rootIndex = 0)
    {
        var parent = new int[world.NodeCount];
        Array.Fill(parent, -2);
        var queue = new Queue<int>();
        parent[rootIndex] = -1;
        queue.Enqueue(rootIndex);
        while (queue.Count > 0)
        {
            int node = queue.Dequeue();
            foreach (RadioLink link in world.Graph.LinksOf(node))
            {
                if (parent[link.To] == -2 && world.IsAlive(link.To))
                {
                    parent[link.To] = node;
                    queue.Enqueue(link.To);
                }
            }
        }

        for (int i = 0; i < world.NodeCount; i++)
        {
            world.DebugRootOverride(i, i == rootIndex);
            world.DebugParentOverride(i, parent[i] >= 0 ? (uint)(parent[i] + 1) : 0);
        }
    }
}
