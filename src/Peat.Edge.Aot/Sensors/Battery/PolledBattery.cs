using System;
using System.Threading;
using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Sensors.Battery
{
    /// <summary>Polls a battery reader on its own thread (I2C can stall) and publishes the latest value.</summary>
    public sealed class PolledBattery : IBatterySource, IDisposable
    {
        private readonly Func<byte> _read;
        private readonly int _pollMs;
        private readonly IDisposable? _owned;
        private volatile int _percent = 255;
        private volatile bool _stopping;

        public PolledBattery(Func<byte> read, int pollMs, IDisposable? owned)
        {
            _read = read;
            _pollMs = pollMs;
            _owned = owned;
            _percent = read();
        }

        public byte Percent => (byte)_percent;

        public void Start()
        {
            new Thread(() =>
            {
                while (!_stopping)
                {
                    Thread.Sleep(_pollMs);
                    _percent = _read();
                }
            }) { IsBackground = true, Name = "battery" }.Start();
        }

        public void Dispose()
        {
            _stopping = true;
            _owned?.Dispose();
        }
    }
}
