using System.Collections.Generic;

namespace Peat.Edge.Aot.Host
{
    /// <summary>Named counters gathered for status and the Prometheus exposition.</summary>
    public sealed class CounterList
    {
        public List<KeyValuePair<string, long>> Items { get; } = new List<KeyValuePair<string, long>>();

        public void Add(string name, long value) => Items.Add(new KeyValuePair<string, long>(name, value));
    }
}
