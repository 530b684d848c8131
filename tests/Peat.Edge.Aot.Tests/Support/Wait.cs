using System.Diagnostics;

namespace Peat.Edge.Aot.Tests.Support
{
    public static class Wait
    {
        /// <summary>Polls until the condition holds or the timeout passes; returns the elapsed ms, or -1 on timeout.</summary>
        public static long Until(Func<bool> condition, int timeoutMs, int pollMs = 50)
        {
            Stopwatch watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < timeoutMs)
            {
                if (condition())
                {
                    return watch.ElapsedMilliseconds;
                }

                Thread.Sleep(pollMs);
            }

            return condition() ? watch.ElapsedMilliseconds : -1;
        }
    }
}
