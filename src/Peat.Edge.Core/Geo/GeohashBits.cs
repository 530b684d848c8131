namespace Peat.Edge.Core.Geo
{
    /// <summary>
    /// Interleaving of geohash bits. A cell of precision p has n = 5p bits, most significant first,
    /// alternating longitude, latitude, longitude... so longitude gets ceil(n/2) bits and latitude
    /// floor(n/2). Right-aligned in a ulong, the least significant bit is longitude when n is odd and
    /// latitude when n is even. Spreading with masks (Morton code) instead of a 60-step loop keeps
    /// encode and decode constant-time on a slow core.
    /// </summary>
    internal static class GeohashBits
    {
        internal static int LatitudeBitCount(int precision)
        {
            return (5 * precision) >> 1;
        }

        internal static int LongitudeBitCount(int precision)
        {
            return ((5 * precision) + 1) >> 1;
        }

        internal static ulong Interleave(uint latitudeIndex, uint longitudeIndex, int precision)
        {
            if ((precision & 1) != 0)
            {
                return Spread(longitudeIndex) | (Spread(latitudeIndex) << 1);
            }

            return (Spread(longitudeIndex) << 1) | Spread(latitudeIndex);
        }

        internal static uint LatitudeIndex(ulong bits, int precision)
        {
            return (precision & 1) != 0 ? Compact(bits >> 1) : Compact(bits);
        }

        internal static uint LongitudeIndex(ulong bits, int precision)
        {
            return (precision & 1) != 0 ? Compact(bits) : Compact(bits >> 1);
        }

        // Moves bit i of value to bit 2i.
        private static ulong Spread(uint value)
        {
            ulong x = value;
            x = (x | (x << 16)) & 0x0000FFFF0000FFFFUL;
            x = (x | (x << 8)) & 0x00FF00FF00FF00FFUL;
            x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FUL;
            x = (x | (x << 2)) & 0x3333333333333333UL;
            x = (x | (x << 1)) & 0x5555555555555555UL;
            return x;
        }

        // Moves bit 2i of value to bit i, dropping the odd bits.
        private static uint Compact(ulong value)
        {
            ulong x = value & 0x5555555555555555UL;
            x = (x | (x >> 1)) & 0x3333333333333333UL;
            x = (x | (x >> 2)) & 0x0F0F0F0F0F0F0F0FUL;
            x = (x | (x >> 4)) & 0x00FF00FF00FF00FFUL;
            x = (x | (x >> 8)) & 0x0000FFFF0000FFFFUL;
            x = (x | (x >> 16)) & 0x00000000FFFFFFFFUL;
            return (uint)x;
        }
    }
}
