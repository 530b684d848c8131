using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Tests.Support;

/// <summary>Builds parent snapshots by hand: parents[i] is node (i+1)'s parent id (0 = none); everyone may parent unless told otherwise.</summary>
internal static class Snapshots
{
    public static ParentSnapshot Of(uint[] parents, int[]? roots = null, int[]? rootCapable = null, int[]? dead = null, int[]? leaves = null)
    {
        var snapshot = new ParentSnapshot(parents.Length);
        for (int i = 0; i < parents.Length; i++)
        {
            snapshot.Alive[i] = true;
            snapshot.ParentId[i] = parents[i];
            snapshot.Capabilities[i] = NodePlacement.ParentNode;
        }

        foreach (int i in roots ?? Array.Empty<int>())
        {
            snapshot.IsRoot[i] = true;
        }

        foreach (int i in rootCapable ?? Array.Empty<int>())
        {
            snapshot.Capabilities[i] = NodePlacement.RootCapableNode;
        }

        foreach (int i in leaves ?? Array.Empty<int>())
        {
            snapshot.Capabilities[i] = NodePlacement.LeafNode;
        }

        foreach (int i in dead ?? Array.Empty<int>())
        {
            snapshot.Alive[i] = false;
        }

        return snapshot;
    }
}
