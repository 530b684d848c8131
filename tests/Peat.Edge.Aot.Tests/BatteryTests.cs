using System.Buffers.Binary;
using System.Device.I2c;
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

        /// <summary>An INA219 as its registers (big-endian, 16 bits; a write sets the pointer, then optionally the register), as dotnet/iot's own simulated devices do.</summary>
        private sealed class SimulatedIna219 : I2cDevice
        {
            private readonly ushort[] _registers = new ushort[6];
            private int _pointer;

            public SimulatedIna219()
            {
                _registers[0] = 0x399F; // configuration after reset
            }

            public double BusVolts { get; set; }

            public bool Fail { get; set; }

            public override I2cConnectionSettings ConnectionSettings { get; } = new I2cConnectionSettings(1, 0x40);

            public override byte ReadByte()
            {
                Span<byte> b = stackalloc byte[1];
                Read(b);
                return b[0];
            }

            public override void Read(Span<byte> buffer)
            {
                if (Fail)
                {
                    throw new IOException("simulated bus error");
                }

                // Bus voltage register: bits 15..3 in 4 mV steps, CNVR (bit 1) set.
                _registers[2] = (ushort)(((int)Math.Round(BusVolts * 1000 / 4) << 3) | 0x2);
                Span<byte> value = stackalloc byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(value, _registers[_pointer]);
                value.Slice(0, Math.Min(2, buffer.Length)).CopyTo(buffer);
            }

            public override void WriteByte(byte value) => Write(new[] { value });

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                if (Fail)
                {
                    throw new IOException("simulated bus error");
                }

                _pointer = buffer[0] % _registers.Length;
                if (buffer.Length >= 3)
                {
                    _registers[_pointer] = BinaryPrimitives.ReadUInt16BigEndian(buffer.Slice(1));
                }
            }

            public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
            {
                Write(writeBuffer);
                Read(readBuffer);
            }
        }
    }
}
