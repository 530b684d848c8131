using Peat.Edge.Core.Beacons;
using Peat.Edge.Core.Discovery;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Topology;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Core.Tests.Discovery;

/// <summary>Capability query: filters, ranking, ties, k and the caller's destination window.</summary>
public sealed class CapabilityQueryTests
{
    private const long NowMs = 10_000;
    private static readonly Capabilities Sensor = Capabilities.Sensor;

    [Fact]
    public void Required_flags_and_minimum_battery_filter_and_unknown_battery_passes()
    {
        var table = Table(
            (10, Capabilities.Sensor | Capabilities.Gps, 80),
            (11, Capabilities.Gps, 90), // lacks sensor
            (12, Capabilities.Sensor, 15), // battery too low
            (13, Capabilities.Sensor | Capabilities.Relay, BeaconBody.BatteryUnknown)); // mains: passes
        uint[] ids = new uint[8];
        int found = CapabilityQuery.FindBest(table, Sensor, Capabilities.None, 20, NowMs, ids, 0, 8);
        Assert.Equal(2, found);
        Assert.Equal(new uint[] { 13, 10 }, ids.Take(found)); // unknown battery scores as full
    }

    [Fact]
    public void Optional_flags_outweigh_battery_and_ties_go_to_the_lowest_id()
    {
        var table = Table(
            (30, Capabilities.Sensor, 100),
            (20, Capabilities.Sensor | Capabilities.Gps, 10),
            (25, Capabilities.Sensor | Capabilities.Gps | Capabilities.Uplink, 5),
            (21, Capabilities.Sensor | Capabilities.Gps, 10)); // same as 20 in every respect
        uint[] ids = new uint[4];
        int found = CapabilityQuery.FindBest(table, Sensor, Capabilities.Gps | Capabilities.Uplink, 0, NowMs, ids, 0, 4);
        Assert.Equal(4, found);
        Assert.Equal(new uint[] { 25, 20, 21, 30 }, ids);
    }

    [Fact]
    public void Closer_and_better_linked_neighbours_rank_higher()
    {
        var table = new NeighbourTable(8, 3);
        table.SetOrigin(true, 473977000, 85456000);
        Upsert(table, 40, Sensor, 50, latitudeE7: 473977000 + 90000); // ~1 km away
        Upsert(table, 41, Sensor, 50, latitudeE7: 473977000 + 900); // ~100 m away
        uint[] ids = new uint[2];
        Assert.Equal(2, CapabilityQuery.FindBest(table, Sensor, Capabilities.None, 0, NowMs, ids, 0, 2));
        Assert.Equal(new uint[] { 41, 40 }, ids);

        // 41 falls silent: its link quality decays with every missed interval, and 40, heard at every
        // beacon (a full 4-slot window), overtakes it.
        for (ushort sequence = 2; sequence <= 4; sequence++)
        {
            Upsert(table, 40, Sensor, 50, latitudeE7: 473977000 + 90000, sequence: sequence, nowMs: NowMs + 10_000 - ((4 - sequence) * 1000));
        }

        CapabilityQuery.FindBest(table, Sensor, Capabilities.None, 0, NowMs + 10_000, ids, 0, 2);
        Assert.Equal(new uint[] { 40, 41 }, ids);
    }

    [Fact]
    public void K_smaller_than_the_matches_keeps_the_best_k_and_the_window_is_respected()
    {
        var table = Table(
            (1, Sensor, 10), (2, Sensor, 60), (3, Sensor, 30), (4, Sensor, 90), (5, Sensor, 50), (6, Sensor, 70));
        uint[] ids = Enumerable.Repeat(0xEEEEEEEEu, 8).ToArray();
        int found = CapabilityQuery.FindBest(table, Sensor, Capabilities.None, 0, NowMs, ids, 2, 3);
        Assert.Equal(3, found);
        Assert.Equal(new uint[] { 0xEEEEEEEE, 0xEEEEEEEE, 4, 6, 2, 0xEEEEEEEE, 0xEEEEEEEE, 0xEEEEEEEE }, ids);
        Assert.Equal(0, CapabilityQuery.FindBest(table, Sensor, Capabilities.None, 0, NowMs, ids, 8, 0));
        Assert.Equal(0, CapabilityQuery.FindBest(table, Capabilities.Actuator, Capabilities.None, 0, NowMs, ids, 0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => CapabilityQuery.FindBest(table, Sensor, Capabilities.None, 0, NowMs, ids, 6, 3));
    }

    [Fact]
    public void A_static_peer_not_yet_heard_is_not_a_match()
    {
        var table = Table((7, Sensor, 50));
        Assert.True(table.TrySeedStatic(8));
        uint[] ids = new uint[4];
        Assert.Equal(1, CapabilityQuery.FindBest(table, Capabilities.None, Capabilities.None, 0, NowMs, ids, 0, 4));
        Assert.Equal(7u, ids[0]);
    }

    private static NeighbourTable Table(params (uint Id, Capabilities Caps, byte Battery)[] neighbours)
    {
        var table = new NeighbourTable(16, 3);
        foreach (var (id, caps, battery) in neighbours)
        {
            Upsert(table, id, caps, battery);
        }

        return table;
    }

    private static void Upsert(NeighbourTable table, uint id, Capabilities caps, byte battery, int latitudeE7 = 0, ushort sequence = 1, long nowMs = NowMs)
    {
        var beacon = new BeaconBody
        {
            Capabilities = caps, BatteryPercent = battery, Rank = Rank.Infinite, IntervalHintDs = 10,
            HasPosition = latitudeE7 != 0, LatitudeE7 = latitudeE7, LongitudeE7 = latitudeE7 != 0 ? 85456000 : 0,
        };
        table.Upsert(id, sequence, beacon, LinkInfo.None, nowMs, 0, out uint _);
    }
}
