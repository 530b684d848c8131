using System.Diagnostics;

namespace Peat.Edge.Aot.Host
{
    /// <summary>Monotonic milliseconds since the host started (Stopwatch: never steps with the wall clock).</summary>
    public sealed class MonotonicClock
    {
        private readonly long _startTicks = Stopwatch.GetTimestamp();

        public long NowMs => (long)((Stopwatch.GetTimestamp() - _startTicks) * 1000.0 / Stopwatch.Frequency);
    }
}
