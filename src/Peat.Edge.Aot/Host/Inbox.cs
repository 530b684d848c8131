using System.Collections.Concurrent;
using System.Threading;

namespace Peat.Edge.Aot.Host
{
    /// <summary>A received frame waiting for the host loop, with the transport and address it came from.</summary>
    public sealed class InboundFrame
    {
        public InboundFrame(byte[] buffer, int count, ITransport transport, object? address)
        {
            Buffer = buffer;
            Count = count;
            Transport = transport;
            Address = address;
        }

        public byte[] Buffer { get; }

        public int Count { get; }

        public ITransport Transport { get; }

        /// <summary>Where it came from (an IPEndPoint for UDP; null on a serial line).</summary>
        public object? Address { get; }
    }

    /// <summary>
    /// The host loop's only input: frames from the transports' receive threads and wake-ups (status
    /// requests, sensor readings, shutdown). Bounded: when the loop falls behind, the newest frame is
    /// dropped and counted rather than memory growing (a beacon is worthless once a newer one exists).
    /// </summary>
    public sealed class Inbox
    {
        private readonly ConcurrentQueue<InboundFrame> _frames = new ConcurrentQueue<InboundFrame>();
        private readonly SemaphoreSlim _wake = new SemaphoreSlim(0, int.MaxValue);
        private readonly int _capacity;
        private int _count;
        private long _dropped;

        public Inbox(int capacity)
        {
            _capacity = capacity;
        }

        public long DroppedFull => Interlocked.Read(ref _dropped);

        /// <summary>Queues a frame (false and counted when full) and wakes the loop.</summary>
        public bool Post(InboundFrame frame)
        {
            if (Interlocked.Increment(ref _count) > _capacity)
            {
                Interlocked.Decrement(ref _count);
                Interlocked.Increment(ref _dropped);
                return false;
            }

            _frames.Enqueue(frame);
            _wake.Release();
            return true;
        }

        public bool TryTake(out InboundFrame? frame)
        {
            if (_frames.TryDequeue(out frame))
            {
                Interlocked.Decrement(ref _count);
                return true;
            }

            return false;
        }

        /// <summary>Wakes the loop without a frame (a status request, new readings, shutdown).</summary>
        public void Wake() => _wake.Release();

        /// <summary>Sleeps until something is posted or the timeout passes.</summary>
        public void Wait(int timeoutMs) => _wake.Wait(timeoutMs);
    }
}
