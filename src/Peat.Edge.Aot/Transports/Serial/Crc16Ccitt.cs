namespace Peat.Edge.Aot.Transports.Serial
{
    /// <summary>CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection); check value of "123456789" is 0x29B1.</summary>
    public static class Crc16Ccitt
    {
        private static readonly ushort[] Table = BuildTable();

        public static ushort Compute(byte[] buffer, int offset, int count)
        {
            ushort crc = 0xFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc = (ushort)((crc << 8) ^ Table[((crc >> 8) ^ buffer[i]) & 0xFF]);
            }

            return crc;
        }

        private static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                ushort crc = (ushort)(i << 8);
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
                }

                table[i] = crc;
            }

            return table;
        }
    }
}
