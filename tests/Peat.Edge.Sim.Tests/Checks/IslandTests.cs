using Peat.Edge.Core.Limits;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Placement;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Checks;

/// <summary>
/// Islands end to end, with the real topology: relays that reach the command post only through a leaf sensor
/// must root a fallback tree of their own, and must not wait for each other to do it.
/// </summary>
public sealed class IslandTests
{
    private static readonly LinkParameters Wifi = LinkParameters.Wifi(); // range 250 m

    private static SimConfig World(double durationS, params (double X, double Y, bool Relay)[] nodes)
    {
        SimConfig config = Worlds.HandPlaced(Wifi, 1000, durationS, nodes.Select(n => (n.X, n.Y)).ToArray());
        for (int i = 1; i < nodes.Length; i++)
        {
            config.Nodes[i] = config.Nodes[i] with { Capabilities = nodes[i].Relay ? NodePlacement.ParentNode : NodePlacement.LeafNode };
        }

        return config;
    }

    private static NodeLimits RelayLimits => SimProfile.LimitsFor(Wifi, new NodePlan { Capabilities = NodePlacement.ParentNode });

    [Fact]
    public void Two_relays_behind_a_leaf_form_their_own_tree_after_the_hold_down_not_three()
    {
        // 1 (command post) - 2 (leaf) - 3, 4 (relays hearing each other, not 1): only 2 bridges the part.
        SimWorld world = new SimWorld(World(30, (100, 500, false), (300, 500, false), (500, 500, true), (600, 500, true)));
        Assert.Equal(1, world.Graph.CountComponents());
        world.Run();

        long formedByUs = (RelayLimits.DetachHoldDownMs + RelayLimits.FloatingParentGraceMs + 2000) * 1000L;
        Assert.True(formedByUs < RelayLimits.FallbackRootWaitMs * 1000L, "the test must tell the two waits apart");
        Assert.NotNull(world.FormationUs);
        Assert.True(world.FormationUs <= formedByUs, $"formed at {world.FormationUs} us, seed {world.Config.Seed}");
        Assert.True(world.IsRoot(2) || world.IsRoot(3), "one of the relays leads the island");
        Assert.Equal(0, world.InvariantViolationCount);
    }

    [Fact]
    public void Two_relays_cut_off_by_a_kill_root_a_fallback_tree_within_the_floating_grace_not_three_hold_downs()
    {
        // 1 - 5 (relay) - {3, 4} (relays, children of 5, hearing each other but not 1); 2 (leaf) hears 1 and 3.
        // Killing 5 leaves 3 and 4 detached, each hearing only the other and a leaf.
        SimWorld world = new SimWorld(World(40,
            (100, 500, false), (280, 420, false), (450, 460, true), (450, 540, true), (300, 500, true)));
        world.RunUntil(15_000_000);
        Assert.True(world.ParentOf(2) == 5, string.Join(",", Enumerable.Range(0, 5).Select(i => $"{i + 1}->{world.ParentOf(i)}")));
        Assert.Equal(5u, world.ParentOf(3));
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Kill, 15_000_000, 5));
        world.Run();

        long? recoveredUs = world.Faults[0].RecoveredAfterUs;
        Assert.NotNull(recoveredUs);
        long boundUs = (RelayLimits.DetachHoldDownMs + RelayLimits.FloatingParentGraceMs) * 1000L;
        Assert.True(boundUs < RelayLimits.FallbackRootWaitMs * 1000L, "the test must tell the two waits apart");
        Assert.True(recoveredUs <= boundUs, $"recovered after {recoveredUs} us, seed {world.Config.Seed}");
        Assert.True(world.IsRoot(2) || world.IsRoot(3), "one of the relays leads the island");
        Assert.Equal(0, world.InvariantViolationCount);
    }
}
