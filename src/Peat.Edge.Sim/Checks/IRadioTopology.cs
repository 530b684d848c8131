using System.Collections.Generic;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// The radio graph as the liveness check needs it: which pairs can hear each other right now (in
    /// range and not cut by a fault). Alive-ness is the snapshot's business, not this one's.
    /// </summary>
    public interface IRadioTopology
    {
        /// <summary>Nodes in the graph.</summary>
        int NodeCount { get; }

        /// <summary>True when <paramref name="a"/> and <paramref name="b"/> (indexes) hear each other now.</summary>
        bool IsLinkUp(int a, int b);

        /// <summary>Replaces <paramref name="into"/>'s contents with the indexes <paramref name="node"/> hears now.</summary>
        void GetNeighbours(int node, List<int> into);
    }
}
