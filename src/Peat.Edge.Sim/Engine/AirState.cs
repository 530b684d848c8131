namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// A node as a transmission sees it, one per node in one array of the world: a frame visits every
    /// node in range of its sender, and these few fields side by side stay in cache where each node's
    /// <see cref="SimNode"/> (spread over the heap between MeshNode state) missed it. <see cref="SimNode"/>
    /// keeps its fields here, so there is one copy.
    /// </summary>
    internal struct AirState
    {
        public uint NodeId;

        /// <summary>See <see cref="SimNode.Incarnation"/>.</summary>
        public int Incarnation;

        public bool Alive;
        public bool Isolated;
        public bool WestSide;

        /// <summary>See <see cref="SimNode.SteadyBeaconAirUs"/>.</summary>
        public long SteadyBeaconAirUs;
    }
}
