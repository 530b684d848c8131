using System;

namespace Peat.Edge.Aot.Config
{
    /// <summary>
    /// A configuration file that cannot be used: names the file, the key (a JSON path such as
    /// <c>transports.udp.port</c>) and what is wrong. The CLI prints <see cref="Exception.Message"/> as one line.
    /// </summary>
    public sealed class ConfigException : Exception
    {
        public ConfigException(string file, string key, string problem)
            : base("config error: " + file + ": " + (key.Length == 0 ? string.Empty : key + ": ") + problem)
        {
            File = file;
            Key = key;
            Problem = problem;
        }

        public string File { get; }

        public string Key { get; }

        public string Problem { get; }
    }
}
