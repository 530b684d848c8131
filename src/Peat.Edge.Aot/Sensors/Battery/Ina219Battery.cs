using System;
using System.Device.I2c;
using System.IO;
using Iot.Device.Adc;

namespace Peat.Edge.Aot.Sensors.Battery
{
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
}
