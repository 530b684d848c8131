using System.Collections.Generic;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>
    /// The radio graph as the liveness check needs it: which pairs can hear each other right now (in
    /// range and not cut by a fault), and over which of those links a new parent could be taken.
    /// Alive-ness is the snapshot's business, not this one's.
    /// </summary>
    public interface IRadioTopology
    {
        /// <summary>Nodes in the graph.</summary>
        int NodeCount { get; }

        /// <summary>True when <paramref name="a"/> and <paramref name="b"/> (indexes) hear each other now.</summary>
        bool IsLinkUp(int a, int b);

        /// <summary>
        /// True when <paramref name="child"/> could take <paramref name="parent"/> as a new parent over their link now: it
        /// is up, and it delivers <paramref name="parent"/>'s beacons at least as often as <paramref name="child"/>'s parent
        /// rule asks of a new parent (the core's <c>ParentLinkQualityMinPermille</c>). A link in range that loses more
        /// (an asymmetric direction, a high `--loss`, a raised-loss fault) is one the core is right to refuse, so what lies only
        /// beyond such links is not expected to join the tree through them.
        /// </summary>
        bool CanParentOver(int parent, int child);

        /// <summary>Replaces <paramref name="into"/>'s contents with the indexes <paramref name="node"/> hears now.</summary>
        void GetNeighbours(int node, List<int> into);
    }
}
