using System.Runtime.CompilerServices;
using Peat.Edge.Core.Beacons;
using Peat.Edge.Core.Geo;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Beacons;

public sealed class NeighbourTableTests
{
    private const int K = 3;
    private readonly ITestOutputHelper _output;

    public NeighbourTableTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void An_entry_takes_at_most_64_bytes()
    {
        int bytes = Unsafe.SizeOf<NeighbourEntry>();
        _output.WriteLine($"NeighbourEntry: {bytes} bytes");
        Assert.True(bytes <= 64, $"{bytes} bytes");
    }

    [Fact]
    public void Upsert_adds_refreshes_and_reports_topology_changes()
    {
        var table = new NeighbourTable(4, K);
        Assert.Equal(UpsertOutcome.Added, Upsert(table, 10, 1, Beacon(), 0));
        Assert.Equal(UpsertOutcome.Refreshed, Upsert(table, 10, 2, Beacon(), 1000));
        var moved = Beacon();
        moved.ParentId = 99;
        Assert.Equal(UpsertOutcome.Updated, Upsert(table, 10, 3, moved, 2000));
        var battery = moved;
        battery.BatteryPercent = 12; // not topology-relevant
        Assert.Equal(UpsertOutcome.Refreshed, Upsert(table, 10, 4, battery, 3000));
        Assert.Equal(1, table.Count);
        Assert.True(table.TryGet(10, out NeighbourEntry entry));
        Assert.Equal(12, entry.Beacon.BatteryPercent);
        Assert.Equal(3000, entry.LastHeardMs);
        Assert.False(table.TryGet(11, out _));
    }

    [Fact]
    public void Same_sequence_is_a_duplicate_and_older_is_stale_but_a_flagged_restart_after_silence()
    {
        var table = new NeighbourTable(4, K);
        Upsert(table, 10, 500, Beacon(), 0);
        Assert.Equal(UpsertOutcome.Duplicate, Upsert(table, 10, 500, Beacon(), 10));
        Assert.Equal(UpsertOutcome.Stale, Upsert(table, 10, 499, Beacon(), 20));
        // An older sequence without the fresh-start flag, even after a full interval of silence, is a replay or a
        // late copy: a restarted node flags its beacons.
        Assert.Equal(UpsertOutcome.Stale, Upsert(table, 10, 3, Beacon(), 1000));
        // The sender rebooted and started again from a low sequence.
        Assert.Equal(UpsertOutcome.Restarted, table.Upsert(10, 3, Beacon(), LinkInfo.None, 1000, 0, true, out _, out _));
        Assert.True(table.TryGet(10, out NeighbourEntry entry));
        Assert.Equal(3, entry.LastSequence);
        Assert.Equal(1, entry.ReceptionWindow);
        // Wrap-around is newer, not older.
        Upsert(table, 11, 65535, Beacon(), 0);
        Assert.Equal(UpsertOutcome.Refreshed, Upsert(table, 11, 0, Beacon(), 10));
    }

    [Fact]
    public void Link_quality_counts_missing_sequence_numbers_and_overdue_beacons()
    {
        var table = new NeighbourTable(4, K);
        ushort sequence = 0;
        long now = 0;
        Upsert(table, 10, sequence, Beacon(), now);
        Assert.Equal(250, table.LinkQualityPermille(0, now)); // heard once: counted over the 4-slot minimum, not yet "perfect"
        Upsert(table, 10, ++sequence, Beacon(), now);
        Assert.Equal(500, table.LinkQualityPermille(0, now));
        for (int i = 0; i < 15; i++)
        {
            sequence += (ushort)(i % 2 == 0 ? 1 : 2); // every other step loses one beacon
            now += 1000;
            Upsert(table, 10, sequence, Beacon(), now);
        }

        int quality = table.LinkQualityPermille(0, now);
        _output.WriteLine($"quality with about one beacon in three lost: {quality}");
        Assert.InRange(quality, 600, 700); // 11 of the last 16 sequence numbers arrived
        // Two whole intervals of silence count as two more misses.
        Assert.True(table.LinkQualityPermille(0, now + 2000) < quality);
        Assert.Equal(0, table.LinkQualityPermille(0, now + 100000));
    }

    [Fact]
    public void A_neighbour_is_lost_after_K_missed_intervals_plus_grace_and_not_before()
    {
        var table = new NeighbourTable(4, K);
        var beacon = Beacon(); // 1 s interval hint
        for (ushort sequence = 1; sequence <= 16; sequence++)
        {
            Upsert(table, 10, sequence, beacon, sequence * 1000L - 11000); // a perfect link: 16 of 16
        }

        long deadline = 5000 + (K * 1000) + 125;
        Assert.Equal(deadline, table.NextLossDeadlineMs);
        Assert.False(table.TryRemoveLost(deadline - 1, out _));
        Assert.True(table.TryRemoveLost(deadline, out NeighbourEntry lost));
        Assert.Equal(10u, lost.NodeId);
        Assert.Equal(5000, lost.LastHeardMs);
        Assert.Equal(0, table.Count);
        Assert.Equal(long.MaxValue, table.NextLossDeadlineMs);
    }

    [Fact]
    public void Over_a_lossy_link_more_misses_are_needed_so_a_false_loss_stays_under_one_in_ten_thousand_but_never_more_than_3K()
    {
        var table = new NeighbourTable(4, K);
        ushort sequence = 0;
        for (int i = 0; i < 12; i++)
        {
            sequence += (ushort)(i % 4 == 3 ? 2 : 1); // one beacon in four lost: 75%
            Upsert(table, 10, sequence, Beacon(), i * 1000L);
        }

        Assert.True(table.TryGet(10, out var entry));
        int reception = entry.ReceptionPermille;
        Assert.InRange(reception, 700, 820);
        Assert.Equal(11000 + (ExpectedMisses(reception) * 1000L) + 125, table.NextLossDeadlineMs);
        Assert.True(ExpectedMisses(reception) > K, "a lossy link waits for more than K misses");

        Upsert(table, 11, 1, Beacon(), 0); // heard once: a quarter of the minimum window, so the 3K cap
        Assert.True(table.TryGet(11, out var fresh));
        Assert.Equal((3 * K * 1000) + 125, fresh.LossDeadlineMs());
    }

    [Theory]
    [InlineData(1000, 3)] // perfect: K
    [InlineData(950, 4)] // 0.05^3 = 1.25e-4 > 1e-4
    [InlineData(900, 4)] // 0.1^4 = 1e-4
    [InlineData(850, 5)]
    [InlineData(750, 7)]
    [InlineData(500, 9)] // 0.5^9 = 2e-3: capped at 3K
    [InlineData(0, 9)]
    public void The_misses_before_loss_follow_the_false_loss_bound(int receptionPermille, int expected)
    {
        Assert.Equal(expected, NeighbourEntry.MissesBeforeLoss(K, receptionPermille));
        Assert.Equal(expected, ExpectedMisses(receptionPermille));
    }

    /// <summary>The rule computed in doubles: smallest m in K..3K with L^m ≤ 1e-4.</summary>
    private static int ExpectedMisses(int receptionPermille)
    {
        double loss = 1 - (receptionPermille / 1000.0);
        int m = K;
        while (m < 3 * K && Math.Pow(loss, m) > 1e-4 + 1e-12)
        {
            m++;
        }

        return m;
    }

    [Fact]
    public void A_slow_beaconing_neighbour_is_judged_by_its_own_interval_hint()
    {
        var table = new NeighbourTable(4, K);
        var slow = Beacon();
        slow.IntervalHintDs = 600; // 60 s (LoRa, stable)
        Upsert(table, 10, 1, slow, 0);
        Upsert(table, 11, 1, Beacon(), 0);
        Assert.True(table.TryRemoveLost(10000, out NeighbourEntry lost));
        Assert.Equal(11u, lost.NodeId);
        Assert.False(table.TryRemoveLost(10000, out _));
        Assert.True(table.TryGet(10, out _));
    }

    [Fact]
    public void When_full_the_stalest_non_parent_that_missed_a_beacon_is_evicted()
    {
        var table = new NeighbourTable(3, K);
        Upsert(table, 1, 1, Beacon(), 0); // parent, stalest
        Upsert(table, 2, 1, Beacon(), 100);
        Upsert(table, 3, 1, Beacon(), 200);
        Assert.Equal(UpsertOutcome.Added, table.Upsert(4, 1, Beacon(), LinkInfo.None, 1500, protectedId: 1, out uint evicted));
        Assert.Equal(2u, evicted);
        Assert.True(table.TryGet(1, out _));
        Assert.False(table.TryGet(2, out _));
    }

    [Fact]
    public void When_full_of_fresh_entries_a_newcomer_is_refused_rather_than_thrash_the_table()
    {
        var table = new NeighbourTable(2, K);
        Upsert(table, 1, 1, Beacon(), 0);
        Upsert(table, 2, 1, Beacon(), 100);
        Assert.Equal(UpsertOutcome.Full, table.Upsert(3, 1, Beacon(), LinkInfo.None, 900, 0, out uint evicted));
        Assert.Equal(0u, evicted);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Query_by_geohash_cell_finds_members_of_the_cell_and_optionally_its_neighbours()
    {
        var table = new NeighbourTable(8, K);
        // Zurich: precision-6 cells are about 1.2 km x 0.6 km.
        int lat = 473977000, lon = 85456000;
        GeohashCell home = Geohash.Encode(lat, lon, 6);
        Geohash.GetBounds(home, out int minLat, out int minLon, out int maxLat, out int maxLon);
        int centerLat = (minLat + maxLat) / 2, centerLon = (minLon + maxLon) / 2;
        int cellHeight = maxLat - minLat, cellWidth = maxLon - minLon;
        Upsert(table, 1, 1, At(centerLat, centerLon), 0);
        Upsert(table, 2, 1, At(centerLat + cellHeight, centerLon), 0); // north neighbour cell
        Upsert(table, 3, 1, At(centerLat - cellHeight, centerLon + cellWidth), 0); // south-east neighbour cell
        Upsert(table, 4, 1, At(centerLat + (3 * cellHeight), centerLon), 0); // three cells away
        Upsert(table, 5, 1, Beacon(), 0); // no position

        uint[] found = new uint[8];
        int inCell = table.FindInCell(home, false, found, 0);
        Assert.Equal(new uint[] { 1 }, found.Take(inCell));
        int nearby = table.FindInCell(home, true, found, 0);
        Assert.Equal(new uint[] { 1, 2, 3 }, found.Take(nearby).OrderBy(x => x));
        // A destination too small stops the query instead of overrunning.
        Assert.Equal(1, table.FindInCell(home, true, found, 7));
    }

    internal static BeaconBody Beacon() => new()
    {
        Level = 1, Role = NodeRole.Member, Capabilities = Capabilities.CanParent, BatteryPercent = 80,
        LoadPercent = 10, ParentId = 0, PartitionId = 1, Rank = 256, IntervalHintDs = 10,
    };

    private static BeaconBody At(int latitudeE7, int longitudeE7)
    {
        var beacon = Beacon();
        beacon.HasPosition = true;
        beacon.LatitudeE7 = latitudeE7;
        beacon.LongitudeE7 = longitudeE7;
        return beacon;
    }

    // Random steps on one table: each moves the clock on by 0..maxGapMs, picks a neighbour id 1..ids and hands both
    // to the step, which changes the table and checks it.
    private static void RandomSteps(int capacity, int ids, int seed, int steps, int maxGapMs, Action<NeighbourTable, Random, uint, long> step)
    {
        var table = new NeighbourTable(capacity, K);
        var random = new Random(seed);
        long now = 0;
        for (int i = 0; i < steps; i++)
        {
            now += random.Next(0, maxGapMs);
            step(table, random, (uint)random.Next(1, ids + 1), now);
        }
    }

    [Fact]
    public void The_cached_earliest_loss_deadline_always_equals_a_scan_of_the_entries()
    {
        // Beacons with gaps, losses, shrinking and growing hints, and expiry: the cache is kept without a
        // scan on most updates, so compare it with the brute-force minimum after every step.
        var sequences = new ushort[12];
        RandomSteps(8, 12, 20261201, 20000, 400, (table, random, id, now) =>
        {
            sequences[id - 1] += (ushort)random.Next(1, 4); // 1 in 3 arrivals follows a lost beacon or two
            var beacon = Beacon();
            beacon.IntervalHintDs = (ushort)random.Next(1, 40);
            Upsert(table, id, sequences[id - 1], beacon, now);
            while (table.TryRemoveLost(now, out _))
            {
            }

            long earliest = long.MaxValue;
            for (int i = 0; i < table.Count; i++)
            {
                // The rule computed afresh, not through the entry's cached miss count.
                NeighbourEntry entry = table[i];
                Assert.Equal(i, table.IndexOf(entry.NodeId)); // the packed id index follows every add, eviction and removal
                int misses = NeighbourEntry.MissesBeforeLoss(K, entry.LossRuleReceptionPermille);
                Assert.Equal(misses, entry.LossMisses);
                int hintMs = entry.Beacon.IntervalHintMs;
                earliest = Math.Min(earliest, entry.LastHeardMs + ((long)hintMs * misses) + (hintMs / 8));
            }

            Assert.Equal(earliest, table.NextLossDeadlineMs);
        });
    }

    [Fact]
    public void The_earliest_loss_deadline_stays_a_scan_of_the_entries_through_restarts_removals_static_peers_and_evictions()
    {
        // The table keeps every entry's deadline in an array of its own; each way an entry is added, replaced,
        // refreshed, removed, moved or put back to awaiting a beacon must keep that array, so compare after every step.
        var sequences = new ushort[10];
        RandomSteps(6, 10, 20261202, 30000, 300, (table, random, id, now) =>
        {
            int action = random.Next(0, 20);
            if (action == 0)
            {
                table.Remove(id, out _);
            }
            else if (action == 1)
            {
                table.TrySeedStatic(id);
            }
            else
            {
                bool freshStart = action == 2;
                sequences[id - 1] = freshStart ? (ushort)random.Next(0, 65536) : (ushort)(sequences[id - 1] + random.Next(1, 4));
                var beacon = Beacon();
                beacon.IntervalHintDs = (ushort)random.Next(1, 40);
                table.Upsert(id, sequences[id - 1], beacon, LinkInfo.None, now, (uint)random.Next(0, 11), freshStart, out _, out _);
            }

            while (table.TryRemoveLost(now, out NeighbourEntry lost))
            {
                Assert.True(now >= lost.LossDeadlineMs());
            }

            long earliest = long.MaxValue;
            for (int i = 0; i < table.Count; i++)
            {
                Assert.True(table[i].LossDeadlineMs() > now, "an entry past its deadline was not removed");
                earliest = Math.Min(earliest, table[i].LossDeadlineMs());
            }

            Assert.Equal(earliest, table.NextLossDeadlineMs);
        });
    }

    [Fact]
    public void The_loss_average_follows_the_long_run_loss_share_and_keeps_a_lucky_window_from_looking_perfect()
    {
        var table = new NeighbourTable(4, K);
        var random = new Random(7);
        ushort sequence = 0;
        long now = 0;
        int lost = 0, slots = 0;
        for (int i = 0; i < 4000; i++)
        {
            int step = 1;
            while (random.NextDouble() < 0.15)
            {
                step++; // 15% of beacons lost, independently
            }

            lost += step - 1;
            slots += step;
            sequence += (ushort)step;
            now += 400L * step;
            Upsert(table, 10, sequence, Beacon(), now);
        }

        Assert.True(table.TryGet(10, out var entry));
        double average = entry.LossAverage / 65536.0;
        Assert.InRange(average, (lost / (double)slots) - 0.07, (lost / (double)slots) + 0.07);

        // Now 16 beacons in a row arrive: the window reads perfect, the average still knows the link.
        for (int i = 0; i < 16; i++)
        {
            sequence++;
            now += 400;
            Upsert(table, 10, sequence, Beacon(), now);
        }

        Assert.True(table.TryGet(10, out entry));
        Assert.Equal(1000, entry.ReceptionPermille);
        int averaged = 1000 - (int)(entry.LossAverage * 1000L >> 16);
        Assert.True(averaged < 950, $"the average forgot the losses too soon ({averaged} per mille)");
        Assert.Equal(now + (NeighbourEntry.MissesBeforeLoss(K, averaged) * 1000L) + 125, entry.LossDeadlineMs());
        Assert.True(NeighbourEntry.MissesBeforeLoss(K, averaged) > K, "more than K misses over a link known to be lossy");
    }

    [Fact]
    public void Received_counts_match_a_plain_bit_count_for_every_mask_and_window()
    {
        for (int mask = 0; mask <= 0xFFFF; mask++)
        {
            for (int window = 1; window <= NeighbourTable.ReceptionWindowMax; window++)
            {
                int expected = 0;
                for (int bit = 0; bit < window; bit++)
                {
                    expected += (mask >> bit) & 1;
                }

                if (NeighbourEntry.ReceivedIn(mask, window) != expected)
                {
                    Assert.Fail($"mask 0x{mask:X4} window {window}: {NeighbourEntry.ReceivedIn(mask, window)} != {expected}");
                }
            }
        }
    }

    [Fact]
    public void A_fresh_start_after_ordinary_beacons_is_a_restart_that_replaces_the_entry()
    {
        var table = new NeighbourTable(4, K);
        var parented = Beacon();
        parented.ParentId = 99;
        Assert.Equal(UpsertOutcome.Added, table.Upsert(10, 100, parented, LinkInfo.None, 0, 0, false, out _, out _));
        Assert.Equal(UpsertOutcome.Refreshed, table.Upsert(10, 101, parented, LinkInfo.None, 1000, 0, false, out _, out _));

        // The next sequence, so only the flag tells: the sender started again and its sequence happened to follow on.
        Assert.Equal(UpsertOutcome.Restarted, table.Upsert(10, 102, Beacon(), LinkInfo.None, 1500, 0, true, out NeighbourEntry gone, out BeaconBody previous));
        Assert.Equal(10u, gone.NodeId);
        Assert.Equal(101, gone.LastSequence);
        Assert.Equal(99u, gone.Beacon.ParentId);
        Assert.Equal(default, previous);
        Assert.True(table.TryGet(10, out NeighbourEntry entry));
        Assert.Equal(102, entry.LastSequence);
        Assert.Equal(1, entry.ReceptionWindow);
        Assert.Equal(NeighbourFlags.FreshStart, entry.Flags);

        // Within the same fresh start, and once it is over, it is the same incarnation; a copy stays a duplicate.
        Assert.Equal(UpsertOutcome.Refreshed, table.Upsert(10, 103, Beacon(), LinkInfo.None, 2500, 0, true, out _, out _));
        Assert.Equal(UpsertOutcome.Refreshed, table.Upsert(10, 104, Beacon(), LinkInfo.None, 3500, 0, false, out _, out _));
        Assert.Equal(UpsertOutcome.Duplicate, table.Upsert(10, 104, Beacon(), LinkInfo.None, 3600, 0, true, out _, out _));
        Assert.Equal(1, table.Count);

        // A neighbour first heard during its fresh start has nothing earlier to restart from.
        Assert.Equal(UpsertOutcome.Added, table.Upsert(11, 7, Beacon(), LinkInfo.None, 0, 0, true, out _, out _));
        Assert.Equal(UpsertOutcome.Refreshed, table.Upsert(11, 8, Beacon(), LinkInfo.None, 1000, 0, true, out _, out _));
    }

    [Fact]
    public void A_restart_within_the_fresh_start_window_is_told_by_a_sequence_the_old_incarnation_could_not_reach()
    {
        var table = new NeighbourTable(4, K);
        Assert.Equal(UpsertOutcome.Added, table.Upsert(10, 1000, Beacon(), LinkInfo.None, 0, 0, true, out _, out _));

        // Ten seconds later, the same incarnation can have sent at most two beacons per 100 ms (plus a window's worth).
        long atMs = 10_000;
        int reachable = (int)(2 * atMs / Peat.Edge.Core.Limits.NodeLimits.BeaconIntervalMsFloor) + NeighbourTable.ReceptionWindowMax;
        Assert.Equal(UpsertOutcome.Refreshed, table.Upsert(10, (ushort)(1000 + reachable), Beacon(), LinkInfo.None, atMs, 0, true, out _, out _));

        // It restarted again (a brown-out) and its new random sequence lies far ahead, or behind after its interval.
        Assert.Equal(UpsertOutcome.Restarted, table.Upsert(10, 7_000, Beacon(), LinkInfo.None, atMs + 100, 0, true, out NeighbourEntry gone, out _));
        Assert.Equal((ushort)(1000 + reachable), gone.LastSequence);
        Assert.Equal(UpsertOutcome.Restarted, table.Upsert(10, 5_000, Beacon(), LinkInfo.None, atMs + 2_000, 0, true, out _, out _));

        // Behind within its interval is a reordered copy, not a restart.
        Assert.Equal(UpsertOutcome.Stale, table.Upsert(10, 4_999, Beacon(), LinkInfo.None, atMs + 2_100, 0, true, out _, out _));

        // Unless this node suspected it (its uplink frames went unanswered): then further behind than a window is a
        // restart at once; a late copy (within a window of the latest) is still stale and keeps the record.
        Assert.True(table.MarkSuspected(10));
        Assert.Equal(UpsertOutcome.Stale, table.Upsert(10, (ushort)(5_000 - NeighbourTable.ReceptionWindowMax), Beacon(), LinkInfo.None, atMs + 2_150, 0, true, out _, out _));
        Assert.Equal(UpsertOutcome.Restarted, table.Upsert(10, (ushort)(5_000 - NeighbourTable.ReceptionWindowMax - 1), Beacon(), LinkInfo.None, atMs + 2_200, 0, true, out _, out _));
        Assert.True(table.TryGet(10, out NeighbourEntry incarnation));
        Assert.False(incarnation.IsSuspected); // the new incarnation is not suspected
    }

    [Fact]
    public void An_ordinary_beacon_further_ahead_than_the_sender_could_have_reached_is_stale_and_changes_nothing()
    {
        // After a restart, a late copy of the old incarnation's last beacon (or a replay of it) lies anywhere: taken,
        // it cleared the fresh-start mark, so the new incarnation's next flagged beacon counted as a second restart.
        var table = new NeighbourTable(4, K);
        Assert.Equal(UpsertOutcome.Added, table.Upsert(10, 100, Beacon(), LinkInfo.None, 0, 0, false, out _, out _));
        Assert.Equal(UpsertOutcome.Restarted, table.Upsert(10, 9_000, Beacon(), LinkInfo.None, 1000, 0, true, out _, out _));
        long atMs = 1500;
        int reachable = (int)(2 * 500 / Peat.Edge.Core.Limits.NodeLimits.BeaconIntervalMsFloor) + NeighbourTable.ReceptionWindowMax;
        Assert.Equal(UpsertOutcome.Stale, table.Upsert(10, (ushort)(9_000 + reachable + 1), Beacon(), LinkInfo.None, atMs, 0, false, out _, out _));
        Assert.True(table.TryGet(10, out NeighbourEntry kept));
        Assert.Equal(9_000, kept.LastSequence);
        Assert.Equal(NeighbourFlags.FreshStart, kept.Flags);
        Assert.Equal(UpsertOutcome.Refreshed, table.Upsert(10, 9_001, Beacon(), LinkInfo.None, atMs + 100, 0, true, out _, out _)); // not a restart

        // As far ahead as it can have come is still its own beacon.
        Assert.Equal(UpsertOutcome.Refreshed, table.Upsert(10, (ushort)(9_001 + reachable), Beacon(), LinkInfo.None, atMs + 600, 0, false, out _, out _));
    }

    [Fact]
    public void A_restarted_static_peer_stays_static()
    {
        var table = new NeighbourTable(4, K);
        Assert.True(table.TrySeedStatic(20));
        Assert.Equal(UpsertOutcome.Added, table.Upsert(20, 1, Beacon(), LinkInfo.None, 0, 0, false, out _, out _));
        Assert.Equal(UpsertOutcome.Restarted, table.Upsert(20, 2, Beacon(), LinkInfo.None, 1000, 0, true, out _, out _));
        Assert.True(table.TryGet(20, out NeighbourEntry entry));
        Assert.True(entry.IsStatic);
        Assert.False(entry.IsAwaitingBeacon);
    }

    [Fact]
    public void A_suspected_neighbour_keeps_its_entry_and_record_until_its_next_beacon_ends_the_suspicion()
    {
        var table = new NeighbourTable(4, K);
        for (ushort s = 1; s <= 8; s++)
        {
            Upsert(table, 10, s, Beacon(), s * 1000L);
        }

        Assert.False(table.MarkSuspected(99)); // not in the table
        Assert.True(table.MarkSuspected(10));
        Assert.True(table.TryGet(10, out NeighbourEntry suspected));
        Assert.True(suspected.IsSuspected);
        Assert.Equal(8, suspected.ReceptionWindow); // its record kept
        Assert.Equal(UpsertOutcome.Duplicate, Upsert(table, 10, 8, Beacon(), 8500)); // a copy of the old beacon is no news
        Assert.True(table.TryGet(10, out suspected) && suspected.IsSuspected);
        Assert.Equal(UpsertOutcome.Refreshed, Upsert(table, 10, 9, Beacon(), 9000));
        Assert.True(table.TryGet(10, out NeighbourEntry heard));
        Assert.False(heard.IsSuspected);
        Assert.Equal(1000, table.LinkQualityPermille(table.IndexOf(10), 9000)); // one beacon on a kept record

        // A static peer awaiting its beacon has nothing to suspect.
        Assert.True(table.TrySeedStatic(20));
        Assert.False(table.MarkSuspected(20));
    }

    private static UpsertOutcome Upsert(NeighbourTable table, uint id, ushort sequence, BeaconBody beacon, long nowMs)
    {
        return table.Upsert(id, sequence, beacon, LinkInfo.None, nowMs, 0, out _);
    }
}
