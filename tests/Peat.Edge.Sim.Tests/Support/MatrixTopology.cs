using Peat.Edge.Sim.Checks;

namespace Peat.Edge.Sim.Tests.Support;

/// <summary>A hand-built radio graph for the checks: undirected links by index, cut by removing them.</summary>
internal sealed class MatrixTopology : IRadioTopology
{
    private readonly bool[,] _up;
    private readonly bool[,] _tooLossy;

    public MatrixTopology(int nodes)
    {
        _up = new bool[nodes, nodes];
        _tooLossy = new bool[nodes, nodes];
    }

    public int NodeCount => _up.GetLength(0);

    public MatrixTopology Link(int a, int b, bool up = true)
    {
        _up[a, b] = up;
        _up[b, a] = up;
        return this;
    }

    /// <summary>Marks the up link from <paramref name="parent"/> to <paramref name="child"/> as losing too much for the child to take a new parent over it.</summary>
    public MatrixTopology TooLossy(int parent, int child)
    {
        _tooLossy[parent, child] = true;
        return this;
    }

    /// <summary>Links a chain 0-1-2-...-(n-1).</summary>
    public MatrixTopology Chain()
    {
        for (int i = 1; i < NodeCount; i++)
        {
            Link(i - 1, i);
        }

        return this;
    }

    public bool IsLinkUp(int a, int b) => _up[a, b];

    public bool CanParentOver(int parent, int child) => _up[parent, child] && !_tooLossy[parent, child];

    public void GetNeighbours(int node, List<int> into)
    {
        into.Clear();
        for (int j = 0; j < NodeCount; j++)
        {
            if (_up[node, j])
            {
                into.Add(j);
            }
        }
    }
}
