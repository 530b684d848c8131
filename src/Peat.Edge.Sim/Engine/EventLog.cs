using System.Globalization;
using System.IO;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// The run's text log: one line per membership event, parent change, fault, formation, recovery and
    /// violation, stamped with virtual time as seconds with six decimals (exact integer formatting, so the
    /// log is byte-identical for the same seed). Nothing is formatted when no writer is set.
    /// </summary>
    internal sealed class EventLog
    {
        private readonly TextWriter? _writer;

        public EventLog(TextWriter? writer)
        {
            _writer = writer;
        }

        public bool Enabled => _writer != null;

        public void Line(long atUs, string text)
        {
            if (_writer == null)
            {
                return;
            }

            _writer.Write(FormatTime(atUs));
            _writer.Write(' ');
            _writer.Write(text);
            _writer.Write('\n');
        }

        /// <summary>"12.345678" for 12 345 678 µs.</summary>
        public static string FormatTime(long atUs)
        {
            long seconds = atUs / 1_000_000;
            long micros = atUs % 1_000_000;
            return seconds.ToString(CultureInfo.InvariantCulture) + "." + micros.ToString("D6", CultureInfo.InvariantCulture);
        }
    }
}
