using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Topology;

/// <summary>Small meshes on the in-test harness: trees form, stay loop-free, and heal.</summary>
public sealed class FormationTests
{
    private const int Side = 6; // a 6 x 6 grid; each node hears its four grid neighbours
    private readonly ITestOutputHelper _output;

    public FormationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void A_grid_forms_one_loop_free_tree_under_the_highest_priority_root()
    {
        var harness = Grid(out _);
        harness.RunUntil(30_000);
        Assert.True(harness.AllAttachedTo(1), Describe(harness));
        Assert.True(harness.Nodes[0].IsRoot);
        Assert.Equal(0, harness.Nodes[0].Level);
        // Dynamic strategy: level is the depth; the far corner is several hops down.
        int far = (Side * Side) - 1;
        Assert.True(harness.Nodes[far].Level >= 3, $"far corner level {harness.Nodes[far].Level}");
        foreach (var node in harness.Nodes.Where(n => !n.IsRoot))
        {
            int parent = harness.IndexOf(node.ParentId);
            Assert.True(harness.Nodes[parent].Rank < node.Rank, "a parent ranks strictly better");
            Assert.Equal(harness.Nodes[parent].Level + 1, node.Level);
            Assert.Equal(harness.Nodes[0].PartitionId, node.PartitionId);
        }

        Assert.Equal(harness.Nodes.Count - 1, harness.Nodes.Sum(n => n.ChildCount));
    }

    [Fact]
    public void Killing_the_root_hands_the_top_to_the_next_root_capable_node_without_loops()
    {
        var harness = Grid(out _);
        harness.RunUntil(30_000);
        Assert.True(harness.AllAttachedTo(1));
        harness.Silenced.Add(0); // the command post dies
        long killedAt = harness.NowMs;
        long? healedAt = null;
        harness.AfterEachStep = () =>
        {
            Assert.Null(harness.FindLoop());
            if (healedAt == null && harness.AllAttachedTo(2))
            {
                healedAt = harness.NowMs;
            }
        };
        harness.RunUntil(killedAt + 30_000);
        Assert.True(harness.AllAttachedTo(2), Describe(harness));
        _output.WriteLine($"all nodes under the alternate root after {(healedAt - killedAt) / 1000.0:F2} s");
        Assert.True(healedAt - killedAt <= 10_000, $"healed after {healedAt - killedAt} ms");
    }

    [Fact]
    public void Killing_a_relay_moves_its_children_without_loops()
    {
        var harness = Grid(out _);
        harness.RunUntil(30_000);
        int relay = Enumerable.Range(3, harness.Nodes.Count - 3)
            .OrderByDescending(i => harness.Nodes[i].ChildCount).First();
        Assert.True(harness.Nodes[relay].ChildCount > 0);
        harness.Silenced.Add(relay);
        long killedAt = harness.NowMs;
        long? healedAt = null;
        harness.AfterEachStep = () =>
        {
            Assert.Null(harness.FindLoop());
            if (healedAt == null && harness.AllAttachedTo(1))
            {
                healedAt = harness.NowMs;
            }
        };
        harness.RunUntil(killedAt + 20_000);
        Assert.True(harness.AllAttachedTo(1), Describe(harness));
        _output.WriteLine($"relay {relay + 1} with children killed; healed after {(healedAt - killedAt) / 1000.0:F2} s");
    }

    [Fact]
    public void A_stable_mesh_slows_its_beacons_to_the_maximum_interval_and_parents_to_theirs()
    {
        var harness = Grid(out var limits);
        harness.RunUntil(60_000);
        // A parent beacons at its own, shorter maximum: its children time it out on missed beacons.
        Assert.All(harness.Nodes, n => Assert.Equal(n.ChildCount > 0 ? limits.ParentBeaconIntervalMsCap : limits.BeaconIntervalMsMax, n.BeaconIntervalMs));
        Assert.Contains(harness.Nodes, n => n.ChildCount > 0);
        Assert.Contains(harness.Nodes, n => n.ChildCount == 0);
        Assert.True(limits.ParentBeaconIntervalMsCap < limits.BeaconIntervalMsMax);
    }

    internal static NodeHarness Grid(out NodeLimits limits)
    {
        limits = NodeLimits.Gateway().WithWifiTiming();
        var harness = new NodeHarness(
            Side * Side,
            i => new NodeIdentity((uint)(i + 1), i < 3 ? Capabilities.CanParent | Capabilities.RootCapable : Capabilities.CanParent, (byte)(i < 3 ? 100 - (i * 10) : 0)),
            limits);
        for (int i = 0; i < harness.Nodes.Count; i++)
        {
            harness.Nodes[i].UpdateSelf(SelfReading.At(473977000 + (i / Side * 13500), 85456000 + (i % Side * 20000), 90));
        }

        // Grid neighbours hear each other; the command post (1) and its alternates (2, 3) all hear each other.
        harness.Link = (a, b) => Math.Abs((a / Side) - (b / Side)) + Math.Abs((a % Side) - (b % Side)) <= 1 || (a < 3 && b < 3);
        return harness;
    }

    internal static string Describe(NodeHarness harness) => string.Join("; ", harness.Nodes.Select(n =>
        $"{n.NodeId}->{n.ParentId} r{n.Rank} L{n.Level} p{n.PartitionId:X4}{(n.IsRoot ? " ROOT" : string.Empty)}"));
}
