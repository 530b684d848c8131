namespace Peat.Edge.Aot.Host
{
    /// <summary>An adapter with counters for status and the Prometheus exposition (read from the status server's request, on the host loop).</summary>
    public interface ICounterSource
    {
        /// <summary>Adds name/value pairs (e.g. serial_tx_oversize); must not block.</summary>
        void ReadCounters(CounterList counters);
    }
}
