using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Tests;

/// <summary>Runs a few nodes on virtual time with every broadcast reaching every other node (a test-only mini simulator).</summary>
internal sealed class NodeHarness
{
    private readonly byte[] _frame = new byte[2048];

    public NodeHarness(int nodes, NodeLimits limits, ulong seed = 1)
    {
        for (int i = 0; i < nodes; i++)
        {
            var metrics = new CounterMetrics();
            var node = new MeshNode(new NodeIdentity((uint)(i + 1), Capabilities.CanParent), limits, metrics, seed + (ulong)i);
            node.UpdateSelf(SelfReading.At(473977000 + (i * 10000), 85456000, 90));
            Nodes.Add(node);
            Metrics.Add(metrics);
        }
    }

    public List<MeshNode> Nodes { get; } = new();

    public List<CounterMetrics> Metrics { get; } = new();

    public HashSet<int> Silenced { get; } = new();

    public long NowMs { get; private set; }

    public List<(int Node, MeshEvent Event)> Events { get; } = new();

    public void RunUntil(long endMs)
    {
        Deliver(); // frames the test queued by hand (Leave) go out first
        while (true)
        {
            long next = Nodes.Where((_, i) => !Silenced.Contains(i)).Select(n => n.NextDeadlineMs).DefaultIfEmpty(long.MaxValue).Min();
            if (next > endMs)
            {
                NowMs = endMs;
                return;
            }

            NowMs = Math.Max(NowMs, next);
            for (int i = 0; i < Nodes.Count; i++)
            {
                if (!Silenced.Contains(i) && Nodes[i].NextDeadlineMs <= NowMs)
                {
                    Nodes[i].Tick(NowMs);
                }
            }

            Deliver();
        }
    }

    private void Deliver()
    {
        for (int i = 0; i < Nodes.Count; i++)
        {
            while (Nodes[i].TryDequeueOutgoing(_frame, 0, out int count, out _))
            {
                for (int j = 0; j < Nodes.Count; j++)
                {
                    if (j != i && !Silenced.Contains(j) && !Silenced.Contains(i))
                    {
                        Nodes[j].Receive(_frame, 0, count, LinkInfo.None, NowMs);
                    }
                }
            }
        }

        // Events after all frames, so each node's events of this instant are collected together.
        for (int i = 0; i < Nodes.Count; i++)
        {
            while (Nodes[i].TryDequeueEvent(out MeshEvent e))
            {
                Events.Add((i, e));
            }
        }
    }
}
