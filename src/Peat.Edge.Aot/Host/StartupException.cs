using System;

namespace Peat.Edge.Aot.Host
{
    /// <summary>A device, socket or file the configuration names cannot be used; the message is the one line printed.</summary>
    public sealed class StartupException : Exception
    {
        public StartupException(string message)
            : base(message)
        {
        }
    }
}
