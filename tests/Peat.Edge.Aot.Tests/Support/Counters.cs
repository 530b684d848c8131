using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Tests.Support
{
    public static class Counters
    {
        /// <summary>One counter of an adapter, as the status server would read it.</summary>
        public static long Read(ICounterSource source, string name)
        {
            CounterList counters = new CounterList();
            source.ReadCounters(counters);
            return counters.Items.Single(p => p.Key == name).Value;
        }
    }
}
