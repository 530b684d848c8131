using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Sim.Placement
{
    /// <summary>
    /// Everything fixed about one simulated node before the run: id, position (planar metres for drawing
    /// and bucketing, E7 coordinates for the node and for link distances), capabilities and battery.
    /// </summary>
    public sealed record NodePlan
    {
        /// <summary>Node id (index + 1).</summary>
        public uint NodeId { get; init; }

        /// <summary>Metres east of the area's west edge.</summary>
        public double XM { get; init; }

        /// <summary>Metres north of the area's south edge.</summary>
        public double YM { get; init; }

        /// <summary>Latitude in 1e-7 degrees.</summary>
        public int LatitudeE7 { get; init; }

        /// <summary>Longitude in 1e-7 degrees.</summary>
        public int LongitudeE7 { get; init; }

        /// <summary>What the node advertises.</summary>
        public Capabilities Capabilities { get; init; }

        /// <summary>Battery level it reports (0..100, or BeaconBody.BatteryUnknown).</summary>
        public byte BatteryPercent { get; init; }

        /// <summary>Squad the node was placed in (clustered placement), or -1.</summary>
        public int Squad { get; init; } = -1;

        /// <summary>When the node powers on, in virtual microseconds (0 = at the start).</summary>
        public long BootAtUs { get; init; }

        /// <summary>The reading handed to MeshNode.UpdateSelf.</summary>
        public SelfReading Reading => SelfReading.At(LatitudeE7, LongitudeE7, BatteryPercent);

        /// <summary>True for a node that may lead the top level.</summary>
        public bool IsRootCapable => (Capabilities & Capabilities.RootCapable) != 0;

        /// <summary>
        /// Root priority of a root-capable node: the command post (node 1) highest, then its alternates
        /// in order, so the top passes to a known successor when the command post is lost.
        /// </summary>
        public byte RootPriority => IsRootCapable ? (byte)System.Math.Max(0, 100 - (10 * ((int)NodeId - 1))) : (byte)0;

        /// <summary>The identity the node's core runs with.</summary>
        public NodeIdentity Identity => new NodeIdentity(NodeId, Capabilities, RootPriority);
    }
}
