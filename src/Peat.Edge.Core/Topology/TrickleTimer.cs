using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Rng;

namespace Peat.Edge.Core.Topology
{
    /// <summary>
    /// Beacon timing after RFC 6206 (Trickle), without suppression because our beacons are also
    /// heartbeats: an interval I starts at <c>Imin</c>; the beacon goes out at a random point in the
    /// last <c>jitter</c> share of I; at the end of I the next interval is 2I, up to <c>Imax</c>. Any
    /// topology change resets I to <c>Imin</c>, so a stable mesh spends little airtime and a broken one
    /// repairs in a few short intervals.
    /// <para>The next send time is drawn when the current beacon goes out, so each beacon can announce a
    /// hint that bounds each of the next K gaps (<see cref="OnSent"/>): neighbours declare the node lost
    /// only after K hints without a beacon, which then really means K beacons were missed, even while the
    /// intervals are still doubling. A reset only ever makes beacons sooner.</para>
    /// </summary>
    public sealed class TrickleTimer
    {
        private readonly int _intervalMsMin;
        private readonly int _intervalMsMax;
        private readonly int _jitterPercent;
        private readonly int _gapsCovered;
        private readonly Pcg32 _random;
        private int _intervalMs;
        private int _intervalMsCap;
        private int _intervalMsCapPending;
        private int _sendsBeforeCapRaise;
        private long _intervalStartMs;
        private long _sendAtMs;

        /// <summary>Creates a timer; <see cref="Start"/> arms it. Each hint covers the next <paramref name="gapsCovered"/> gaps (K of the loss rule).</summary>
        public TrickleTimer(int intervalMsMin, int intervalMsMax, int jitterPercent, int gapsCovered, Pcg32 random)
        {
            Invariant.InRange(gapsCovered >= 1, "gapsCovered", "must be at least 1");
            _gapsCovered = gapsCovered;
            Invariant.InRange(intervalMsMin > 0 && intervalMsMax >= intervalMsMin, "intervalMsMax", "must be >= intervalMsMin > 0");
            Invariant.InRange(jitterPercent >= 0 && jitterPercent <= 100, "jitterPercent", "must be 0..100");
            _intervalMsMin = intervalMsMin;
            _intervalMsMax = intervalMsMax;
            _jitterPercent = jitterPercent;
            _random = random;
            _intervalMs = intervalMsMin;
            _intervalMsCap = intervalMsMax;
            _intervalMsCapPending = intervalMsMax;
            _sendAtMs = long.MaxValue;
        }

        /// <summary>The current interval I.</summary>
        public int IntervalMs => _intervalMs;

        /// <summary>When the next beacon is due.</summary>
        public long SendAtMs => _sendAtMs;

        /// <summary>
        /// Arms the timer at power-on: the first beacon comes anywhere within <paramref name="firstDelayMsMax"/>
        /// (at most the first interval), so nodes started together spread out; 0 sends it at once.
        /// </summary>
        public void Start(long nowMs, int firstDelayMsMax)
        {
            Invariant.InRange(firstDelayMsMax >= 0, "firstDelayMsMax", "must not be negative");
            _intervalMs = _intervalMsMin;
            _intervalStartMs = nowMs;
            _sendAtMs = nowMs + _random.NextInRange(0, firstDelayMsMax < _intervalMsMin ? firstDelayMsMax : _intervalMsMin);
        }

        /// <summary>
        /// Topology changed: back to Imin. Does nothing when already in a fresh Imin interval (RFC 6206
        /// §4.2, step 6), and never delays a beacon that was due sooner.
        /// </summary>
        public void Reset(long nowMs)
        {
            if (_intervalMs == _intervalMsMin && _sendAtMs >= nowMs)
            {
                return;
            }

            _intervalMs = _intervalMsMin;
            _intervalStartMs = nowMs;
            long sendAtMs = nowMs + DrawSendOffsetMs(_intervalMs);
            _sendAtMs = sendAtMs < _sendAtMs ? sendAtMs : _sendAtMs;
        }

        /// <summary>
        /// Sets the longest interval (within min..max; a parent's is shorter). Lowering takes effect at the
        /// next doubling: shorter gaps break no hint. Raising waits K sends, and meanwhile hints assume the
        /// higher cap for the later gaps, so every hint already announced still bounds each of its K gaps.
        /// </summary>
        public void CapIntervalMs(int capMs)
        {
            Invariant.InRange(capMs >= _intervalMsMin && capMs <= _intervalMsMax, "capMs", "must be within the timer's interval range");
            if (capMs <= _intervalMsCap)
            {
                _intervalMsCap = capMs;
                _intervalMsCapPending = capMs;
                _sendsBeforeCapRaise = 0;
            }
            else if (capMs != _intervalMsCapPending)
            {
                _intervalMsCapPending = capMs;
                _sendsBeforeCapRaise = _gapsCovered;
            }
        }

        /// <summary>
        /// Records that the beacon went out at <paramref name="nowMs"/>, moves to the next interval and
        /// returns the interval hint to announce: the largest of the next K gaps, the first one exact (its
        /// send time is drawn now) and the later ones bounded (at most the jitter share of one interval
        /// plus the whole next, doubled up to Imax).
        /// </summary>
        public int OnSent(long nowMs)
        {
            long nextStartMs = _intervalStartMs + _intervalMs;
            if (nextStartMs <= nowMs)
            {
                nextStartMs = nowMs + 1; // a late host tick (or a reset) must not schedule into the past
            }

            if (_intervalMsCapPending > _intervalMsCap)
            {
                if (_sendsBeforeCapRaise == 0)
                {
                    _intervalMsCap = _intervalMsCapPending;
                }
                else
                {
                    _sendsBeforeCapRaise--;
                }
            }

            int next = _intervalMs >= _intervalMsCap / 2 ? _intervalMsCap : _intervalMs * 2;
            _intervalMs = next;
            _intervalStartMs = nextStartMs;
            _sendAtMs = nextStartMs + DrawSendOffsetMs(next);
            long untilNextMs = _sendAtMs - nowMs;
            Invariant.That(untilNextMs > 0 && untilNextMs <= (2L * _intervalMsMax) + 1, "the next beacon is scheduled within two intervals");
            long hintMs = untilNextMs;
            int interval = next;
            int hintCapMs = _intervalMsCapPending > _intervalMsCap ? _intervalMsCapPending : _intervalMsCap;
            for (int gap = 1; gap < _gapsCovered; gap++)
            {
                int following = interval >= hintCapMs / 2 ? hintCapMs : interval * 2;
                long bound = ((long)interval * _jitterPercent / 100) + following;
                hintMs = bound > hintMs ? bound : hintMs;
                interval = following;
            }

            return (int)hintMs;
        }

        private long DrawSendOffsetMs(int intervalMs)
        {
            long earliest = intervalMs - ((long)intervalMs * _jitterPercent / 100);
            return _random.NextInRange(earliest, intervalMs);
        }
    }
}
