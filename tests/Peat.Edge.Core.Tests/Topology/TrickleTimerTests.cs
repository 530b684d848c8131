using Peat.Edge.Core.Rng;
using Peat.Edge.Core.Topology;
using Xunit;

namespace Peat.Edge.Core.Tests.Topology;

/// <summary>The Trickle beacon timer: every announced hint bounds each of the next K gaps, also while a parent's cap moves.</summary>
public sealed class TrickleTimerTests
{
    private const int K = 3;

    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    public void Every_hint_bounds_each_of_the_next_K_gaps_while_the_cap_is_lowered_and_raised(ulong seed)
    {
        var random = new Pcg32(seed, 1);
        var timer = new TrickleTimer(250, 800, 25, K, random);
        var decide = new Pcg32(seed, 2);
        var sends = new List<(long AtMs, int HintMs)>();
        long now = 0;
        timer.Start(now, 250);
        for (int step = 0; step < 3000; step++)
        {
            now = timer.SendAtMs;
            sends.Add((now, timer.OnSent(now)));
            uint draw = decide.NextUInt32() % 100;
            if (draw < 10)
            {
                timer.CapIntervalMs(draw < 5 ? 400 : 800); // a parent gains or loses its children
            }
            else if (draw < 12)
            {
                timer.Reset(now + 1); // a topology change
            }
        }

        for (int n = 0; n + K < sends.Count; n++)
        {
            for (int j = 0; j < K; j++)
            {
                long gap = sends[n + j + 1].AtMs - sends[n + j].AtMs;
                Assert.True(gap <= sends[n].HintMs, $"seed {seed}: gap {j + 1} after send {n} is {gap} ms, over the hint {sends[n].HintMs} ms");
            }
        }

        Assert.Contains(sends, s => s.HintMs >= 900); // the 800 ms cap was in force at times
    }

    [Fact]
    public void A_lowered_cap_shortens_the_intervals_and_a_raised_one_restores_them()
    {
        var timer = new TrickleTimer(250, 800, 25, K, new Pcg32(9, 1));
        long now = 0;
        timer.Start(now, 0);
        for (int i = 0; i < 10; i++)
        {
            now = timer.SendAtMs;
            timer.OnSent(now);
        }

        Assert.Equal(800, timer.IntervalMs);
        timer.CapIntervalMs(400);
        now = timer.SendAtMs;
        timer.OnSent(now);
        Assert.Equal(400, timer.IntervalMs);
        timer.CapIntervalMs(800);
        for (int i = 0; i < K; i++)
        {
            now = timer.SendAtMs;
            timer.OnSent(now);
            Assert.Equal(400, timer.IntervalMs); // K sends at the old cap: hints already out cover them
        }

        now = timer.SendAtMs;
        timer.OnSent(now);
        Assert.Equal(800, timer.IntervalMs);
    }
}
