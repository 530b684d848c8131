using Peat.Edge.Sim.Engine;
using Xunit;

namespace Peat.Edge.Sim.Tests.Engine;

/// <summary>The event queue: total order by (time, insertion sequence), also for reserved sequences and replaced heads.</summary>
public sealed class EventQueueTests
{
    private static SimEvent Tagged(int tag) => new SimEvent(SimEventKind.Check, -1, tag);

    [Fact]
    public void Events_come_out_by_time_then_by_the_order_they_were_scheduled()
    {
        var queue = new EventQueue();
        queue.Schedule(20, Tagged(1));
        queue.Schedule(10, Tagged(2));
        queue.Schedule(20, Tagged(3));
        queue.Schedule(10, Tagged(4));

        var order = new List<int>();
        while (queue.TryDequeue(long.MaxValue, out SimEvent e))
        {
            order.Add(e.Arg);
        }

        Assert.Equal(new[] { 2, 4, 1, 3 }, order);
        Assert.Equal(20, queue.NowUs);
    }

    [Fact]
    public void A_reserved_sequence_orders_its_event_where_it_was_reserved_whenever_it_is_queued()
    {
        var queue = new EventQueue();
        long first = queue.ReserveSequences(2); // reserved before 3 was scheduled
        queue.Schedule(10, Tagged(3));
        queue.Schedule(10, first + 1, Tagged(2));
        queue.Schedule(10, first, Tagged(1));

        var order = new List<int>();
        while (queue.TryDequeue(long.MaxValue, out SimEvent e))
        {
            order.Add(e.Arg);
        }

        Assert.Equal(new[] { 1, 2, 3 }, order);
    }

    [Fact]
    public void Peek_leaves_the_event_queued_and_replace_puts_another_in_its_place()
    {
        var queue = new EventQueue();
        long first = queue.ReserveSequences(1);
        queue.Schedule(5, Tagged(1));
        queue.Schedule(8, Tagged(2));

        Assert.False(queue.TryPeek(4, out _));
        Assert.True(queue.TryPeek(5, out SimEvent head));
        Assert.Equal(1, head.Arg);
        Assert.Equal(5, queue.NowUs);
        Assert.Equal(2, queue.Count);

        queue.ReplaceNext(9, first, Tagged(3)); // after 2 by time
        Assert.True(queue.TryDequeue(long.MaxValue, out SimEvent next));
        Assert.Equal(2, next.Arg);
        queue.RemoveNext(); // 3
        Assert.Equal(0, queue.Count);
        Assert.Throws<InvalidOperationException>(() => queue.RemoveNext());
    }

    [Fact]
    public void The_past_and_sequences_never_reserved_are_refused()
    {
        var queue = new EventQueue();
        queue.Schedule(10, Tagged(1));
        Assert.True(queue.TryDequeue(long.MaxValue, out _));
        Assert.Throws<InvalidOperationException>(() => queue.Schedule(9, Tagged(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Schedule(10, 1, Tagged(2))); // only 0 was ever taken
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.ReserveSequences(-1));
    }

    // A model check: a random mix of schedules, schedules and replacements with sequences reserved earlier
    // (before events scheduled since), and removals comes out in exactly the order a sorted list of
    // (time, sequence) gives.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Any_mix_of_operations_keeps_the_total_order(int seed)
    {
        var random = new Random(seed);
        var queue = new EventQueue();
        var model = new SortedSet<(long At, long Sequence, int Tag)>();
        long sequenceCounter = 0;
        var reservedUnused = new List<long>();
        int tag = 0;
        for (int step = 0; step < 20_000; step++)
        {
            int action = random.Next(4);
            long at = queue.NowUs + random.Next(0, 50); // many ties
            if (action == 0 || (action >= 2 && model.Count == 0))
            {
                queue.Schedule(at, Tagged(++tag));
                model.Add((at, sequenceCounter++, tag));
            }
            else if (action == 1 && (reservedUnused.Count == 0 || random.Next(3) == 0))
            {
                // Reserve a block now, use it later (after other events were scheduled with later sequences).
                int block = random.Next(1, 4);
                long reserved = queue.ReserveSequences(block);
                sequenceCounter += block;
                for (int k = 0; k < block; k++)
                {
                    reservedUnused.Add(reserved + k);
                }
            }
            else if (action == 1)
            {
                int pick = random.Next(reservedUnused.Count);
                long sequence = reservedUnused[pick];
                reservedUnused.RemoveAt(pick);
                queue.Schedule(at, sequence, Tagged(++tag));
                model.Add((at, sequence, tag));
            }
            else
            {
                Assert.True(queue.TryPeek(long.MaxValue, out SimEvent head));
                (long At, long Sequence, int Tag) expected = model.Min;
                Assert.Equal(expected.Tag, head.Arg);
                Assert.Equal(expected.At, queue.NowUs);
                model.Remove(expected);
                if (action == 2)
                {
                    long reserved;
                    if (reservedUnused.Count > 0 && random.Next(2) == 0)
                    {
                        reserved = reservedUnused[reservedUnused.Count - 1]; // an old one, as the radio's arrivals use
                        reservedUnused.RemoveAt(reservedUnused.Count - 1);
                    }
                    else
                    {
                        reserved = queue.ReserveSequences(1);
                        sequenceCounter++;
                    }

                    long later = queue.NowUs + random.Next(0, 50);
                    queue.ReplaceNext(later, reserved, Tagged(++tag));
                    model.Add((later, reserved, tag));
                }
                else
                {
                    queue.RemoveNext();
                }
            }

            Assert.Equal(model.Count, queue.Count);
        }
    }
}
