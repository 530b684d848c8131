using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Tests.Support;
using Xunit;

namespace Peat.Edge.Sim.Tests.Engine;

/// <summary>LoRa physics in the engine: collisions, half-duplex, duty cycle.</summary>
public sealed class RadioTests
{
    // Three nodes on a line, all within 3 km of each other: A (0) - C (1 km) - B (2 km). No distance loss,
    // and silent nodes, so their own beacons stay out of the way.
    private static SimWorld ThreeNodesOnLora()
    {
        LinkParameters lora = LinkParameters.Lora() with { DistanceLossFactor = 0 };
        return Worlds.Silent(Worlds.HandPlaced(lora, 3000, 10, (0, 1000), (2000, 1000), (1000, 1000)));
    }

    private const int A = 0;
    private const int B = 1;
    private const int C = 2;

    private static List<(long At, int From, int To)> RecordDeliveries(SimWorld world)
    {
        var deliveries = new List<(long, int, int)>();
        world.FrameDelivered = (at, from, to) => deliveries.Add((at, from, to));
        return deliveries;
    }

    [Fact]
    public void Overlapping_transmissions_are_both_lost_at_the_receiver_between_them()
    {
        SimWorld world = ThreeNodesOnLora();
        var deliveries = RecordDeliveries(world);
        byte[] fromA = Worlds.BeaconFrame(1, 1, out int lengthA);
        byte[] fromB = Worlds.BeaconFrame(2, 1, out int lengthB);
        world.RunUntil(1_000_000);
        world.DebugTransmit(A, fromA, lengthA);
        world.RunUntil(1_020_000); // 20 ms later: A's frame (~80 ms) is still on the air
        world.DebugTransmit(B, fromB, lengthB);
        world.RunUntil(3_000_000);

        Assert.DoesNotContain(deliveries, d => d.To == C);
        Assert.True(world.Radio.LostCollision >= 2, "both receptions at C collide");
        // A and B were transmitting while the other's frame arrived: half-duplex loses those too.
        Assert.Empty(deliveries);
        Assert.Equal(2, world.Radio.LostHalfDuplex);
    }

    [Fact]
    public void Transmissions_apart_in_time_are_both_received()
    {
        SimWorld world = ThreeNodesOnLora();
        var deliveries = RecordDeliveries(world);
        byte[] fromA = Worlds.BeaconFrame(1, 1, out int lengthA);
        byte[] fromB = Worlds.BeaconFrame(2, 1, out int lengthB);
        world.RunUntil(1_000_000);
        world.DebugTransmit(A, fromA, lengthA);
        world.RunUntil(1_500_000);
        world.DebugTransmit(B, fromB, lengthB);
        world.RunUntil(3_000_000);

        Assert.Contains(deliveries, d => d.From == A && d.To == C);
        Assert.Contains(deliveries, d => d.From == B && d.To == C);
        Assert.Contains(deliveries, d => d.From == A && d.To == B);
        Assert.Equal(0, world.Radio.LostCollision);
        // Delivered when the frame has been fully received: start + airtime.
        long airtimeUs = world.Link.AirtimeUs(lengthA);
        Assert.Equal(1_000_000 + airtimeUs, deliveries.First(d => d.From == A && d.To == C).At);
    }

    [Fact]
    public void A_node_receives_nothing_while_it_transmits()
    {
        SimWorld world = ThreeNodesOnLora();
        var deliveries = RecordDeliveries(world);
        byte[] fromA = Worlds.BeaconFrame(1, 1, out int lengthA);
        byte[] fromC = Worlds.BeaconFrame(3, 1, out int lengthC);
        world.RunUntil(1_000_000);
        world.DebugTransmit(A, fromA, lengthA);
        world.RunUntil(1_010_000);
        world.DebugTransmit(C, fromC, lengthC); // C starts sending while A's frame is arriving at C
        world.RunUntil(3_000_000);

        Assert.DoesNotContain(deliveries, d => d.From == A && d.To == C);
        Assert.True(world.Radio.LostHalfDuplex >= 1);
    }

    [Fact]
    public void A_duty_cycle_limit_spaces_a_nodes_frames()
    {
        LinkParameters lora = LinkParameters.Lora() with { DutyCycle = 0.01 };
        SimWorld world = new SimWorld(Worlds.HandPlaced(lora, 2000, 600, (500, 500), (1500, 500)));
        var sends = new List<long>[] { new(), new() };
        world.FrameDelivered = (at, from, _) => sends[from].Add(at);
        world.Run();

        // 5 s beacons would be 120 frames in 600 s; each ~80 ms frame now costs ~8 s of silence.
        long airtimeUs = world.Link.AirtimeUs(40);
        Assert.True(world.Radio.Deferred > 0);
        foreach (List<long> times in sends)
        {
            Assert.True(times.Count <= 600_000_000 / (airtimeUs * 100) + 1, $"{times.Count} frames");
            for (int k = 1; k < times.Count; k++)
            {
                Assert.True(times[k] - times[k - 1] >= airtimeUs * 99, "consecutive frames respect the duty-cycle wait");
            }
        }
    }

    [Fact]
    public void Wifi_has_no_collisions_and_delivers_after_airtime_plus_two_to_five_ms()
    {
        SimWorld world = new SimWorld(Worlds.HandPlaced(LinkParameters.Wifi() with { DistanceLossFactor = 0 }, 400, 5, (100, 100), (200, 100), (300, 100)));
        var deliveries = RecordDeliveries(world);
        byte[] fromA = Worlds.BeaconFrame(1, 9, out int length);
        world.RunUntil(1_000_000);
        world.DebugTransmit(A, fromA, length);
        world.DebugTransmit(B, Worlds.BeaconFrame(2, 9, out _), length);
        world.RunUntil(1_100_000);
        long airtimeUs = world.Link.AirtimeUs(length);
        // Only the two debug frames' delivery window: the nodes' own beacons (every 250 ms or more) may
        // fall elsewhere in the run, and are not what is measured here.
        var atC = deliveries.Where(d => d.To == C && (d.From == A || d.From == B) && d.At >= 1_000_000 && d.At <= 1_000_000 + airtimeUs + 5000).ToList();
        Assert.Equal(2, atC.Count);
        Assert.All(atC, d => Assert.InRange(d.At - 1_000_000, airtimeUs + 2000, airtimeUs + 5000));
        Assert.Equal(0, world.Radio.LostCollision);
    }

    [Theory]
    [InlineData(FaultKind.Kill)]
    [InlineData(FaultKind.Restart)] // back at once, but its radio was off when the frame began (as on LoRa)
    public void A_wifi_frame_reaches_its_receivers_and_one_killed_or_restarted_in_flight_counts_as_down(FaultKind fault)
    {
        // A in the middle of four receivers; all hear it, none collides.
        SimWorld world = Worlds.Silent(Worlds.HandPlaced(LinkParameters.Wifi() with { DistanceLossFactor = 0 }, 400, 5,
            (200, 200), (100, 200), (300, 200), (200, 100), (200, 300)));
        var deliveries = RecordDeliveries(world);
        byte[] frame = Worlds.BeaconFrame(1, 9, out int length);
        world.RunUntil(1_000_000);
        long downBefore = world.Radio.LostReceiverDown;
        world.DebugTransmit(0, frame, length);
        world.ScheduleFault(FaultSpec.OnNode(fault, 1_000_001, 3)); // node 3 (index 2), while the frame is in flight
        world.RunUntil(1_100_000);

        var fromA = deliveries.Where(d => d.From == 0 && d.At >= 1_000_000 && d.At <= 1_100_000).ToList();
        Assert.Equal(new[] { 1, 3, 4 }, fromA.Select(d => d.To).OrderBy(to => to));
        Assert.Equal(downBefore + 1, world.Radio.LostReceiverDown);
    }

    [Fact]
    public void Arrivals_at_the_same_microsecond_come_in_the_order_they_were_drawn_also_past_the_first_32()
    {
        // 40 receivers on a ring around the sender, no jitter and no per-link delay: every arrival of a frame
        // is due at the same microsecond, so the order is the draw order alone (the sender's links in order),
        // as it was with one event per arrival.
        var positions = new List<(double X, double Y)> { (500, 500) };
        for (int k = 0; k < 40; k++)
        {
            double angle = 2 * Math.PI * k / 40;
            positions.Add((500 + (100 * Math.Cos(angle)), 500 + (100 * Math.Sin(angle))));
        }

        LinkParameters wifi = LinkParameters.Wifi() with { DistanceLossFactor = 0, DelayJitterMs = 0, PerLinkDelayMsMax = 0 };
        SimWorld world = Worlds.Silent(Worlds.HandPlaced(wifi, 1000, 5, positions.ToArray()));
        var deliveries = RecordDeliveries(world);
        byte[] frame = Worlds.BeaconFrame(1, 9, out int length);
        world.RunUntil(1_000_000);
        world.DebugTransmit(0, frame, length);
        world.RunUntil(1_100_000);

        var fromSender = deliveries.Where(d => d.From == 0 && d.At >= 1_000_000).ToList();
        int[] linkOrder = world.Graph.LinksOf(0).ToArray().Select(link => link.To).ToArray();
        Assert.Equal(40, linkOrder.Length);
        Assert.Single(fromSender.Select(d => d.At).Distinct());
        Assert.Equal(linkOrder, fromSender.Select(d => d.To));
    }
}
