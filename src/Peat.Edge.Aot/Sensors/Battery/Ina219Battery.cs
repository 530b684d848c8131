using System;
using System.Device.I2c;
using System.Globalization;
using System.IO;
using System.Threading;
using Iot.Device.Adc;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Sensors.Battery
{
    /// <summary>Battery level from Linux power_supply sysfs (<c>capacity</c>, 0..100). A failed read is unknown (255).</summary>
    public sealed class SysfsBattery
    {
        private readonly string _capacityPath;

        public SysfsBattery(string supplyDirectory)
        {
            _capacityPath = Path.Combine(supplyDirectory, "capacity");
        }

        public string CapacityPath => _capacityPath;

        public bool TryRead(out byte percent)
        {
            percent = 255;
            try
            {
                string text = File.ReadAllText(_capacityPath).Trim();
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0 && value <= 100)
                {
                    percent = (byte)value;
                    return true;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }

            return false;
        }
    }

    /// <summary>
    /// Battery level from an INA219 (bus voltage) through Iot.Device.Bindings, mapped to percent by a
    /// piecewise-linear voltage curve (a Li-ion cell is not linear: 3.7 V is about 30%, not 50%).
    /// </summary>
    public sealed class Ina219Battery : IDisposable
    {
        private readonly Ina219 _device;
        private readonly double[] _volts;
        private readonly double[] _percent;

        public Ina219Battery(I2cDevice device, double[] curveVolts, double[] curvePercent)
        {
            _device = new Ina219(device);
            _volts = curveVolts;
            _percent = curvePercent;
        }

        public bool TryRead(out byte percent, out double volts)
        {
            percent = 255;
            volts = double.NaN;
            try
            {
                volts = _device.ReadBusVoltage().Volts;
            }
            catch (Exception e) when (e is IOException || e is InvalidOperationException || e is UnauthorizedAccessException)
            {
                return false;
            }

            percent = (byte)Math.Round(Interpolate(volts, _volts, _percent));
            return true;
        }

        /// <summary>Linear interpolation on the curve, clamped at both ends.</summary>
        public static double Interpolate(double volts, double[] curveVolts, double[] curvePercent)
        {
            if (!(volts > curveVolts[0]))
            {
                return curvePercent[0];
            }

            for (int i = 1; i < curveVolts.Length; i++)
            {
                if (volts <= curveVolts[i])
                {
                    double share = (volts - curveVolts[i - 1]) / (curveVolts[i] - curveVolts[i - 1]);
                    return curvePercent[i - 1] + (share * (curvePercent[i] - curvePercent[i - 1]));
                }
            }

            return curvePercent[curvePercent.Length - 1];
        }

        public void Dispose() => _device.Dispose();
    }

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
