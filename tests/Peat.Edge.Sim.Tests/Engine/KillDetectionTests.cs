using Peat.Edge.Core.Beacons;
using Peat.Edge.Core.Node;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Engine;

/// <summary>A kill is seen by every neighbour within the configured missed-beacon window.</summary>
public sealed class KillDetectionTests
{
    [Fact]
    public void Every_neighbour_reports_the_killed_node_lost_within_the_missed_beacon_window()
    {
        SimWorld world = Worlds.FromOptions(Worlds.Options("formation", nodes: 40, seed: 11, durationS: 200));
        int victim = -1;
        var lastHeardUs = new Dictionary<int, long>();
        var lostAtUs = new Dictionary<int, long>();
        world.FrameDelivered = (at, from, to) =>
        {
            if (from == victim)
            {
                lastHeardUs[to] = at;
            }
        };
        world.MeshEventObserved = (at, node, meshEvent) =>
        {
            if (meshEvent.Kind == MeshEventKind.NeighbourLost && victim >= 0 && meshEvent.NodeId == (uint)(victim + 1))
            {
                lostAtUs.TryAdd(node, at);
            }
        };
        world.RunUntil(15_000_000);
        victim = Enumerable.Range(0, world.NodeCount).OrderByDescending(i => world.Node(i).Neighbours.Count).First();
        uint victimId = (uint)(victim + 1);
        var hintMsAtKill = new Dictionary<int, int>();
        var receptionAtKill = new Dictionary<int, int>();
        for (int i = 0; i < world.NodeCount; i++)
        {
            if (world.Node(i).Neighbours.TryGet(victimId, out NeighbourEntry entry))
            {
                hintMsAtKill[i] = entry.Beacon.IntervalHintMs;
                // The loss rule reads the worse of the 16-slot window and the long-run average.
                receptionAtKill[i] = Math.Min(entry.ReceptionPermille, 1000 - (int)((entry.LossAverage * 1000L) >> 16));
                lastHeardUs[i] = entry.LastHeardMs * 1000;
            }
        }

        long killUs = world.NowUs;
        world.ScheduleFault(FaultSpec.OnNode(FaultKind.Kill, killUs, victimId));
        // Beacon intervals adapt (Trickle), so the window is as long as the longest hint seen allows.
        long longestWindowUs = hintMsAtKill.Values.DefaultIfEmpty(0).Max() * 1000L * ((3 * world.Limits(0).MissedBeaconsBeforeLoss) + 1);
        world.RunUntil(killUs + longestWindowUs + 1_000_000);

        Assert.True(hintMsAtKill.Count >= 5, $"the victim had only {hintMsAtKill.Count} neighbours");
        foreach ((int neighbour, int hintMs) in hintMsAtKill)
        {
            // K beacons that should have arrived, more over a lossy link: the fewest misses m ≥ K with
            // L^m ≤ 1e-4 at the link's loss share L (the worse of window and average), at most 3K; plus 1/8 interval of grace. Frames still
            // in flight at the kill can only raise the reception, which shortens the window.
            int missed = world.Limits(neighbour).MissedBeaconsBeforeLoss;
            int misses = ExpectedMisses(missed, receptionAtKill[neighbour]);
            long windowMs = ((long)hintMs * misses) + (hintMs / 8);
            Assert.True(misses >= missed && misses <= 3 * missed, "K..3K intervals");
            Assert.True(lostAtUs.ContainsKey(neighbour), $"node {neighbour + 1} never reported {victimId} lost");
            Assert.True(lastHeardUs[neighbour] <= killUs + 6000, "nothing is heard from a dead node after its last frames in flight");
            long deadlineUs = (lastHeardUs[neighbour] / 1000 + windowMs + 1) * 1000;
            Assert.True(lostAtUs[neighbour] <= deadlineUs,
                $"node {neighbour + 1} lost {victimId} at {lostAtUs[neighbour]} us, window ended {deadlineUs} us (seed 11)");
            Assert.True(lostAtUs[neighbour] - killUs <= windowMs * 1000 + 6000, "within the window counted from the kill");
            Assert.True(lostAtUs[neighbour] >= lastHeardUs[neighbour] + (long)hintMs * missed * 1000 - 1000, "not before K beacons were missed");
        }

        // Nodes that never had the victim as a neighbour report nothing about it.
        Assert.All(lostAtUs.Keys, node => Assert.True(hintMsAtKill.ContainsKey(node)));
    }

    /// <summary>The loss rule computed in doubles: smallest m in K..3K with L^m ≤ 1e-4.</summary>
    private static int ExpectedMisses(int k, int receptionPermille)
    {
        double loss = 1 - (receptionPermille / 1000.0);
        int m = k;
        while (m < 3 * k && Math.Pow(loss, m) > 1e-4 + 1e-12)
        {
            m++;
        }

        return m;
    }
}
