using System.Text;
using System.Text.RegularExpressions;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Tests.Support
{
    /// <summary>A <see cref="Log"/> whose lines a test can read while adapter threads are still writing.</summary>
    public sealed class LogCapture : TextWriter
    {
        private readonly StringBuilder _text = new StringBuilder();

        public LogCapture()
        {
            Log = new Log(this, LogLevel.Debug, false);
        }

        public Log Log { get; }

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        /// <summary>How many lines carry <c>event=<paramref name="eventName"/></c>.</summary>
        public int Count(string eventName)
        {
            return Regex.Matches(Text, "event=" + Regex.Escape(eventName) + @"(\s|$)").Count;
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }
    }
}
