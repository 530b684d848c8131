using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.IO;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;
using Peat.Edge.Aot.Sensors.Battery;
using Peat.Edge.Aot.Sensors.Gps;

namespace Peat.Edge.Aot.Sensors
{
    /// <summary>Builds the position and battery sources the settings ask for; a device that is not there is a <see cref="StartupException"/>.</summary>
    public static class SensorFactory
    {
        public static IPositionSource CreatePosition(GatewaySettings settings, MonotonicClock clock, Log log, List<IDisposable> owned)
        {
            GpsSettings gps = settings.Gps;
            switch (gps.Source)
            {
                case GpsSource.Nmea:
                    GpsReader reader = new GpsReader(gps, clock, log);
                    reader.Open();
                    owned.Add(reader);
                    reader.Start();
                    return reader;
                case GpsSource.Fixed:
                    return new FixedPosition(gps.FixedLatitudeE7, gps.FixedLongitudeE7);
                default:
                    return gps.HasFixed ? new FixedPosition(gps.FixedLatitudeE7, gps.FixedLongitudeE7) : new NoPosition();
            }
        }

        public static IBatterySource CreateBattery(GatewaySettings settings, Log log, List<IDisposable> owned)
        {
            BatterySettings battery = settings.Battery;
            switch (battery.Source)
            {
                case BatterySource.Sysfs:
                    {
                        SysfsBattery sysfs = new SysfsBattery(battery.SysfsPath);
                        if (!File.Exists(sysfs.CapacityPath))
                        {
                            throw new StartupException("sensors.battery.sysfsPath: no capacity file at '" + sysfs.CapacityPath + "'");
                        }

                        PolledBattery polled = new PolledBattery(() => sysfs.TryRead(out byte p) ? p : (byte)255, battery.PollMs, null);
                        owned.Add(polled);
                        polled.Start();
                        return polled;
                    }

                case BatterySource.Ina219:
                    {
                        string bus = "/dev/i2c-" + battery.I2cBus;
                        if (!File.Exists(bus))
                        {
                            throw new StartupException("sensors.battery.i2cBus: no I2C bus at '" + bus + "'");
                        }

                        Ina219Battery ina;
                        try
                        {
                            ina = new Ina219Battery(I2cDevice.Create(new I2cConnectionSettings(battery.I2cBus, battery.I2cAddress)), battery.CurveVolts, battery.CurvePercent);
                        }
                        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
                        {
                            throw new StartupException("sensors.battery: cannot open the INA219 at " + bus + " address 0x" + battery.I2cAddress.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + ": " + e.Message);
                        }

                        PolledBattery polled = new PolledBattery(() => ina.TryRead(out byte p, out double _) ? p : (byte)255, battery.PollMs, ina);
                        owned.Add(polled);
                        polled.Start();
                        return polled;
                    }

                case BatterySource.Fixed:
                    return new FixedBattery((byte)battery.Percent);
                default:
                    return new FixedBattery(255);
            }
        }
    }
}
