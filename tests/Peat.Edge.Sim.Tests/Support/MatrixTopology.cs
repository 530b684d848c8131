using Peat.Edge.Sim.Checks;

namespace Peat.Edge.Sim.Tests.Support;

/// <summary>A hand-built radio graph for the checks: undirected links by index, cut by removing them.</summary>
internal sealed class MatrixTopology : IRadioTopology
{
    private readonly bool[,] _up;

    public MatrixTopology(int nodes)
    {
        _up = new bool[nodes, nodes];
    }

    public int NodeCount => _up.GetLength(0);

    public MatrixTopology Link(int a, int b, bool up = true)
    {
        _up[a, b] = up;
        _up[b, a] = up;
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
