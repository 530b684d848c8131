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
        : this(nodes, i => new NodeIdentity((uint)(i + 1), Capabilities.CanParent), limits, seed)
    {
    }

    public NodeHarness(int nodes, Func<int, NodeIdentity> identity, NodeLimits limits, ulong seed = 1, Func<int, Peat.Edge.Core.Hierarchy.IHierarchyStrategy?>? strategy = null)
    {
        for (int i = 0; i < nodes; i++)
        {
            var metrics = new CounterMetrics();
            var node = new MeshNode(identity(i), limits, metrics, seed + (ulong)i, strategy?.Invoke(i));
            node.UpdateSelf(SelfReading.At(473977000 + (i * 10000), 85456000, 90));
            Nodes.Add(node);
            Metrics.Add(metrics);
        }
    }

    /// <summary>Which directed links carry frames (default: everyone hears everyone).</summary>
    public Func<int, int, bool> Link { get; set; } = (_, _) => true;

    /// <summary>Drops single frames on a link that carries them (from, to, frame type): for lost acknowledgements and the like.</summary>
    public Func<int, int, FrameType, bool> DropFrame { get; set; } = (_, _, _) => false;

    /// <summary>The frames <see cref="DropFrame"/> dropped, in order (from, to, bytes).</summary>
    public List<(int From, int To, byte[] Frame)> DroppedFrames { get; } = new();

    /// <summary>Called after every delivery round (e.g. to check invariants).</summary>
    public Action? AfterEachStep { get; set; }

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
            AfterEachStep?.Invoke();
        }
    }

    /// <summary>Index of the node with this id.</summary>
    public int IndexOf(uint nodeId) => Nodes.FindIndex(n => n.NodeId == nodeId);

    /// <summary>Parent chain of every live node ends at a root, with no node repeated (the loop-freedom invariant).</summary>
    public string? FindLoop()
    {
        for (int i = 0; i < Nodes.Count; i++)
        {
            if (Silenced.Contains(i))
            {
                continue;
            }

            var seen = new HashSet<uint> { Nodes[i].NodeId };
            uint parent = Nodes[i].ParentId;
            while (parent != 0)
            {
                int index = IndexOf(parent);
                if (index < 0 || Silenced.Contains(index))
                {
                    break; // parent is dead: not attached, but not a loop
                }

                if (!seen.Add(parent))
                {
                    return $"loop through node {parent} starting at node {Nodes[i].NodeId} at t={NowMs} ms";
                }

                parent = Nodes[index].ParentId;
            }
        }

        return null;
    }

    /// <summary>True when every live node's parent chain reaches a live root.</summary>
    public bool AllAttachedTo(uint rootId)
    {
        for (int i = 0; i < Nodes.Count; i++)
        {
            if (Silenced.Contains(i))
            {
                continue;
            }

            int at = i;
            int hops = 0;
            while (Nodes[at].ParentId != 0 && hops++ < Nodes.Count)
            {
                at = IndexOf(Nodes[at].ParentId);
                if (at < 0 || Silenced.Contains(at))
                {
                    return false;
                }
            }

            if (Nodes[at].NodeId != rootId || !Nodes[at].IsRoot)
            {
                return false;
            }
        }

        return true;
    }

    private void Deliver()
    {
        // Until every queue is empty: a received frame may queue another at once (a relayed command, a
        // status, an EMCON answer), and those travel in the same instant. Unicast frames reach only the
        // node they are addressed to.
        bool sent = true;
        while (sent)
        {
            sent = false;
            for (int i = 0; i < Nodes.Count; i++)
            {
                while (Nodes[i].TryDequeueOutgoing(_frame, 0, out int count, out uint destination))
                {
                    sent = true;
                    for (int j = 0; j < Nodes.Count; j++)
                    {
                        bool addressed = destination == FrameHeader.NodeIdBroadcast || destination == Nodes[j].NodeId;
                        if (j == i || !addressed || Silenced.Contains(j) || Silenced.Contains(i) || !Link(i, j))
                        {
                            continue;
                        }

                        if (DropFrame(i, j, (FrameType)(_frame[0] & 0x0f)))
                        {
                            DroppedFrames.Add((i, j, _frame.AsSpan(0, count).ToArray()));
                            continue;
                        }

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
