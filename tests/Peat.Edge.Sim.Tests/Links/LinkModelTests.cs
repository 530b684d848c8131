using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Links;

/// <summary>
/// The link model's parameters as the engine applies them, measured by counting and timing deliveries of
/// frames sent by hand between silent nodes: distance loss, extra loss (--loss), asymmetric links and
/// per-link delays. Every world is seeded, so the counts are the same in every run; the statistical
/// bounds (five standard deviations) only say how far a correct model could stray.
/// </summary>
public sealed class LinkModelTests
{
    private const int Frames = 2000;
    private const int FrameBytesMax = 64; // Worlds.BeaconFrame is about 48 bytes

    [Theory]
    [InlineData("wifi")]
    [InlineData("lora")]
    public void Delivery_falls_with_distance_as_the_loss_formula_says(string profile)
    {
        LinkParameters link = LinkParameters.ForName(profile)!;
        double r = link.RangeM;
        // A sender in the middle, one receiver at a fifth of the range, one near its edge (on the other side).
        SimWorld world = SilentWorld(link, 2.4 * r, (1.2 * r, 1.2 * r), (1.4 * r, 1.2 * r), (0.25 * r, 1.2 * r));
        int[,] delivered = CountDeliveries(world, new[] { 0 }, Frames, SpacingUs(world));

        double near = (double)delivered[0, 1] / Frames;
        double far = (double)delivered[0, 2] / Frames;
        AssertNear(1 - DocumentedDistanceLoss(world, 0, 1), near, Frames, $"{profile} near");
        AssertNear(1 - DocumentedDistanceLoss(world, 0, 2), far, Frames, $"{profile} far");
        Assert.True(near - far > 0.1, $"{profile}: {near:0.000} delivered near, {far:0.000} near the range edge");
    }

    [Fact]
    public void Extra_loss_adds_its_share_to_every_links_channel_loss()
    {
        LinkParameters wifi = LinkParameters.Wifi();
        (double, double)[] positions = { (300, 300), (425, 300), (300, 475), (75, 300) }; // receivers at 125, 175, 225 m
        SimWorld clean = SilentWorld(wifi, 600, positions);
        SimWorld lossy = SilentWorld(wifi with { ExtraLossProbability = 0.2 }, 600, positions);
        CountDeliveries(clean, new[] { 0 }, Frames, SpacingUs(clean));
        CountDeliveries(lossy, new[] { 0 }, Frames, SpacingUs(lossy));

        int receptions = Frames * 3;
        double distanceShare = Enumerable.Range(1, 3).Average(to => DocumentedDistanceLoss(clean, 0, to));
        double cleanShare = (double)clean.Radio.LostChannel / receptions;
        double lossyShare = (double)lossy.Radio.LostChannel / receptions;
        AssertNear(distanceShare, cleanShare, receptions, "without extra loss");
        AssertNear(distanceShare + 0.2, lossyShare, receptions, "with ExtraLossProbability 0.2");
        Assert.InRange(lossyShare - cleanShare, 0.2 - 0.05, 0.2 + 0.05);
    }

    [Fact]
    public void An_asymmetric_link_loses_extra_in_its_direction_only()
    {
        // Six nodes close together, no distance loss: only the asymmetric extra can lose a frame.
        LinkParameters wifi = LinkParameters.Wifi() with { DistanceLossFactor = 0, AsymmetryProbability = 0.5, AsymmetricExtraLoss = 0.5 };
        SimWorld world = SilentWorld(wifi, 400, (200, 200), (260, 200), (200, 260), (140, 200), (200, 140), (240, 240));
        (int a, int b) = FirstOneWayAsymmetricPair(world.Graph);
        int[,] delivered = CountDeliveries(world, new[] { a, b }, Frames, SpacingUs(world));

        AssertNear(0.5, (double)delivered[a, b] / Frames, Frames, $"asymmetric direction {a + 1} -> {b + 1}");
        Assert.Equal(Frames, delivered[b, a]); // the reverse direction is a perfect link, as it would be without asymmetry
    }

    [Theory]
    [InlineData("wifi")]
    [InlineData("lora")]
    public void Each_directed_link_delays_every_frame_by_its_own_fixed_amount_within_the_bound(string profile)
    {
        LinkParameters link = LinkParameters.ForName(profile)! with { DistanceLossFactor = 0, DelayJitterMs = 0, PerLinkDelayMsMax = 20 };
        double r = link.RangeM;
        SimWorld world = SilentWorld(link, r, (0.3 * r, 0.3 * r), (0.6 * r, 0.3 * r), (0.3 * r, 0.6 * r), (0.6 * r, 0.6 * r));
        var delays = new Dictionary<(int From, int To), HashSet<long>>();
        long fixedUs = (long)(link.DelayMs * 1000);
        SendRounds(world, new[] { 0, 1, 2, 3 }, rounds: 10, SpacingUs(world), (from, to, afterAirUs) =>
        {
            if (!delays.TryGetValue((from, to), out HashSet<long>? extraUs))
            {
                extraUs = delays[(from, to)] = new HashSet<long>();
            }

            extraUs.Add(afterAirUs - fixedUs);
        });

        Assert.Equal(12, delays.Count); // every directed link carried frames
        foreach (((int from, int to), HashSet<long> extraUs) in delays)
        {
            long only = Assert.Single(extraUs); // the same shift for every frame on the link
            Assert.InRange(only, 0, 20_000);
            Assert.True(world.Graph.TryGetLink(from, to, out RadioLink drawn));
            Assert.Equal(drawn.ExtraDelayUs, only);
        }

        long[] all = delays.Values.Select(set => set.Single()).ToArray();
        Assert.True(all.Distinct().Count() >= 6, "each directed link draws its own delay: " + string.Join(", ", all));
        Assert.Contains(delays.Keys, key => delays[key].Single() != delays[(key.To, key.From)].Single()); // directions differ too
    }

    // Nodes at the given positions that never beacon on their own, for long enough to send every frame.
    [Theory]
    [InlineData(nameof(LinkParameters.DelayMs))]
    [InlineData(nameof(LinkParameters.DelayJitterMs))]
    [InlineData(nameof(LinkParameters.PerLinkDelayMsMax))]
    public void A_delay_part_outside_zero_to_a_minute_is_refused_by_name_of_the_rule(string field)
    {
        LinkParameters wifi = LinkParameters.Wifi();
        LinkParameters With(double ms) => field == nameof(LinkParameters.DelayMs) ? wifi with { DelayMs = ms }
            : field == nameof(LinkParameters.DelayJitterMs) ? wifi with { DelayJitterMs = ms } : wifi with { PerLinkDelayMsMax = ms };

        Assert.Null(With(0).Validate());
        Assert.Null(With(LinkParameters.DelayMsMax).Validate());
        foreach (double bad in new[] { -1, LinkParameters.DelayMsMax + 1, double.NaN, double.PositiveInfinity })
        {
            Assert.Equal("LinkParameters delays must be 0..60000 ms", With(bad).Validate());
        }
    }

    private static SimWorld SilentWorld(LinkParameters link, double areaM, params (double X, double Y)[] positions)
    {
        return Worlds.Silent(Worlds.HandPlaced(link, areaM, 1200, positions));
    }

    // Far enough apart that a frame's airtime and any delay are over before the next one starts (no collisions).
    private static long SpacingUs(SimWorld world)
    {
        return (2 * world.Link.AirtimeUs(FrameBytesMax)) + 100_000;
    }

    /// <summary>0.3 (Wi-Fi) or 0.2 (LoRa) · (d/range)^4, from docs/simulator.md, at the distance the graph measured.</summary>
    private static double DocumentedDistanceLoss(SimWorld world, int from, int to)
    {
        Assert.True(world.Graph.TryGetLink(from, to, out RadioLink link), "in range");
        LinkParameters parameters = world.Link.Parameters;
        double factor = parameters.Kind == LinkKind.Lora ? 0.2 : 0.3;
        return factor * Math.Pow(link.DistanceM / parameters.RangeM, 4);
    }

    private static void AssertNear(double expectedShare, double measuredShare, int trials, string what)
    {
        double sigma = Math.Sqrt(Math.Max(expectedShare * (1 - expectedShare), 1e-4) / trials);
        Assert.True(Math.Abs(measuredShare - expectedShare) <= 5 * sigma,
            $"{what}: measured {measuredShare:0.0000}, expected {expectedShare:0.0000} ± {5 * sigma:0.0000} over {trials} trials");
    }

    private static (int A, int B) FirstOneWayAsymmetricPair(RadioGraph graph)
    {
        for (int a = 0; a < graph.NodeCount; a++)
        {
            foreach (RadioLink link in graph.LinksOf(a))
            {
                if (link.Asymmetric && graph.TryGetLink(link.To, a, out RadioLink back) && !back.Asymmetric)
                {
                    return (a, link.To);
                }
            }
        }

        throw new InvalidOperationException("seed 5 drew no one-way asymmetric pair");
    }

    // Deliveries per (sender, receiver) of `frames` frames from each sender.
    private static int[,] CountDeliveries(SimWorld world, int[] senders, int frames, long spacingUs)
    {
        var delivered = new int[world.NodeCount, world.NodeCount];
        SendRounds(world, senders, frames, spacingUs, (from, to, _) => delivered[from, to]++);
        return delivered;
    }

    // One frame from each sender in turn, `spacingUs` apart, so every delivery belongs to the frame just
    // sent; hands each to `delivered` as (from, to, µs from the end of its airtime to its delivery).
    // Nothing else may be on the air.
    private static void SendRounds(SimWorld world, int[] senders, int rounds, long spacingUs, Action<int, int, long> delivered)
    {
        var frames = new byte[senders.Length][];
        var lengths = new int[senders.Length];
        for (int k = 0; k < senders.Length; k++)
        {
            frames[k] = Worlds.BeaconFrame((uint)(senders[k] + 1), 1, out lengths[k]);
            Assert.True(lengths[k] <= FrameBytesMax);
        }

        long airEndUs = 0;
        world.FrameDelivered = (atUs, from, to) => delivered(from, to, atUs - airEndUs);
        world.RunUntil(1_000_000);
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < senders.Length; k++)
            {
                long sentAtUs = world.NowUs;
                airEndUs = sentAtUs + world.Link.AirtimeUs(lengths[k]);
                world.DebugTransmit(senders[k], frames[k], lengths[k]);
                world.RunUntil(sentAtUs + spacingUs);
            }
        }

        Assert.Equal(rounds * senders.Length, world.Radio.Transmissions);
    }
}
