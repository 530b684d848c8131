using System;

namespace Peat.Edge.Aot.Host
{
    /// <summary>
    /// A link the host sends frames over and receives them from. Start launches its receive side, which
    /// posts into the inbox from its own thread; Send must not block the host loop for long (a full link
    /// drops and counts). Counters are read by the status server.
    /// </summary>
    public interface ITransport : ICounterSource, IDisposable
    {
        string Name { get; }

        void Start(Inbox inbox);

        /// <summary>Sends to everyone in reach.</summary>
        void Broadcast(byte[] buffer, int count);

        /// <summary>Sends to one peer at an address learned from its frames (or configured).</summary>
        void SendTo(byte[] buffer, int count, object address);
    }
}
