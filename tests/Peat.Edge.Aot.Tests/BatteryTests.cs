using Peat.Edge.Aot.Sensors.Battery;
using Peat.Edge.Aot.Tests.Support;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    public sealed class BatteryTests
    {
        [Fact]
        public void SysfsCapacityFromATemporaryPowerSupplyDirectory()
        {
            using TempDir dir = new TempDir();
            SysfsBattery battery = new SysfsBattery(dir.Path);
            Assert.False(battery.TryRead(out byte percent)); // no capacity file yet
            Assert.Equal(255, percent);
            dir.Write("capacity", "87\n");
            Assert.True(battery.TryRead(out percent));
            Assert.Equal(87, percent);
            dir.Write("capacity", "250\n");
            Assert.False(battery.TryRead(out percent));
            Assert.Equal(255, percent);
            dir.Write("capacity", "full");
            Assert.False(battery.TryRead(out _));
        }

        [Theory]
        [InlineData(3.0, 0)]
        [InlineData(3.3, 0)]
        [InlineData(3.45, 5)]
        [InlineData(3.7, 30)]
        [InlineData(4.1, 92.5)]
        [InlineData(4.5, 100)]
        public void CurveInterpolatesAndClamps(double volts, double percent)
        {
            double[] v = { 3.3, 3.6, 3.7, 3.8, 3.9, 4.0, 4.2 };
            double[] p = { 0, 10, 30, 50, 70, 85, 100 };
            Assert.Equal(percent, Ina219Battery.Interpolate(volts, v, p), 6);
        }

        [Fact]
        public void Ina219BusVoltageThroughASimulatedRegisterMap()
        {
            SimulatedIna219 device = new SimulatedIna219();
            device.BusVolts = 3.8;
            using Ina219Battery battery = new Ina219Battery(device, new[] { 3.3, 4.2 }, new[] { 0.0, 100.0 });
            Assert.True(battery.TryRead(out byte percent, out double volts));
            Assert.Equal(3.8, volts, 3);
            Assert.Equal(56, percent); // (3.8 - 3.3) / 0.9 = 55.6%
            device.BusVolts = 4.3;
            Assert.True(battery.TryRead(out percent, out _));
            Assert.Equal(100, percent);
            device.Fail = true;
            Assert.False(battery.TryRead(out percent, out _));
            Assert.Equal(255, percent);
        }
    }
}
