using System;
using System.Buffers.Binary;
using System.Device.I2c;
using System.IO;

namespace Peat.Edge.Aot.Sensors.Battery
{
    /// <summary>
    /// An INA219 as its registers (big-endian, 16 bits; a write sets the pointer, then optionally the
    /// register), as dotnet/iot's own simulated devices do. For the tests and <c>peat-edge selftest</c>, which
    /// run the real Iot.Device.Adc.Ina219 driver against it (no I2C bus needed).
    /// </summary>
    public sealed class SimulatedIna219 : I2cDevice
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
