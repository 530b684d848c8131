using System.Globalization;
using System.Text;

namespace Peat.Edge.Sim.Checks
{
    /// <summary>A cycle in the parent graph, as node ids in parent order starting at the smallest id (so one loop has one spelling).</summary>
    public sealed class RoutingLoop
    {
        /// <summary>Creates a loop record; <paramref name="nodeIds"/> must already be canonical.</summary>
        public RoutingLoop(uint[] nodeIds)
        {
            NodeIds = nodeIds;
        }

        /// <summary>Node ids around the loop; each one's parent is the next, the last one's is the first.</summary>
        public uint[] NodeIds { get; }

        /// <summary>A node that is its own parent.</summary>
        public bool IsSelfParent => NodeIds.Length == 1;

        /// <summary>"node 7 is its own parent" or "routing loop 2 -> 5 -> 2 (each is its own ancestor)".</summary>
        public string Describe()
        {
            if (IsSelfParent)
            {
                return "node " + NodeIds[0].ToString(CultureInfo.InvariantCulture) + " is its own parent";
            }

            StringBuilder text = new StringBuilder("routing loop ");
            foreach (uint id in NodeIds)
            {
                text.Append(id.ToString(CultureInfo.InvariantCulture)).Append(" -> ");
            }

            text.Append(NodeIds[0].ToString(CultureInfo.InvariantCulture)).Append(" (each node on it is its own ancestor)");
            return text.ToString();
        }
    }
}
