using System;
using System.Globalization;
using System.IO;
using System.Text;
using Peat.Edge.Aot.Config;

namespace Peat.Edge.Aot.Host
{
    /// <summary>
    /// Structured log lines on stdout in logfmt (<c>level=info event=parent_selected node=0x00000002 …</c>),
    /// one line per record, so journald, grep and log shippers all read them. Under systemd (JOURNAL_STREAM
    /// set) each line also starts with the syslog priority prefix (<c>&lt;6&gt;</c>), which journald turns into
    /// the record's priority. Thread-safe; a line is written whole.
    /// </summary>
    public sealed class Log
    {
        private readonly TextWriter _out;
        private readonly LogLevel _minimum;
        private readonly bool _priorityPrefix;
        private readonly object _gate = new object();

        public Log(TextWriter output, LogLevel minimum, bool priorityPrefix)
        {
            _out = output;
            _minimum = minimum;
            _priorityPrefix = priorityPrefix;
        }

        /// <summary>A log on stdout with the journald prefix when stdout is the journal.</summary>
        public static Log ForStdout(LogLevel minimum)
        {
            return new Log(Console.Out, minimum, Environment.GetEnvironmentVariable("JOURNAL_STREAM") != null);
        }

        public bool Enabled(LogLevel level) => level >= _minimum;

        /// <summary>Writes <c>level=… event=…</c> followed by the fields (pairs of key and value).</summary>
        public void Write(LogLevel level, string eventName, params object?[] fields)
        {
            if (level < _minimum)
            {
                return;
            }

            StringBuilder line = new StringBuilder(128);
            if (_priorityPrefix)
            {
                line.Append(level == LogLevel.Error ? "<3>" : level == LogLevel.Warn ? "<4>" : level == LogLevel.Info ? "<6>" : "<7>");
            }

            line.Append("level=").Append(Name(level)).Append(" event=").Append(eventName);
            for (int i = 0; i + 1 < fields.Length; i += 2)
            {
                line.Append(' ').Append(fields[i]).Append('=');
                AppendValue(line, fields[i + 1]);
            }

            lock (_gate)
            {
                _out.WriteLine(line.ToString());
                _out.Flush();
            }
        }

        public void Info(string eventName, params object?[] fields) => Write(LogLevel.Info, eventName, fields);

        public void Warn(string eventName, params object?[] fields) => Write(LogLevel.Warn, eventName, fields);

        public void Error(string eventName, params object?[] fields) => Write(LogLevel.Error, eventName, fields);

        public void Debug(string eventName, params object?[] fields) => Write(LogLevel.Debug, eventName, fields);

        /// <summary>A node id as the logs and status print it.</summary>
        public static string Id(uint nodeId) => "0x" + nodeId.ToString("x8", CultureInfo.InvariantCulture);

        private static string Name(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug: return "debug";
                case LogLevel.Info: return "info";
                case LogLevel.Warn: return "warn";
                default: return "error";
            }
        }

        // Values with spaces, quotes or '=' are quoted, as logfmt readers expect.
        private static void AppendValue(StringBuilder line, object? value)
        {
            string text = value switch
            {
                null => string.Empty,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
            bool quote = text.Length == 0;
            for (int i = 0; i < text.Length && !quote; i++)
            {
                char c = text[i];
                quote = c == ' ' || c == '"' || c == '=' || c < ' ';
            }

            if (!quote)
            {
                line.Append(text);
                return;
            }

            line.Append('"');
            foreach (char c in text)
            {
                if (c == '"' || c == '\\')
                {
                    line.Append('\\').Append(c);
                }
                else if (c == '\n')
                {
                    line.Append("\\n");
                }
                else if (c >= ' ')
                {
                    line.Append(c);
                }
            }

            line.Append('"');
        }
    }
}
