using System;

namespace Peat.Edge.Core.Geo
{
    /// <summary>
    /// Standard geohash (Niemeyer) over fixed-point coordinates, computed with integer arithmetic only,
    /// so every platform puts a point in the same cell. A point exactly on a cell edge belongs to the
    /// cell to its north / east (the usual "value >= mid gives bit 1" rule); latitude +90 belongs to
    /// the northmost row, and longitude +180 is the same meridian as -180 (the westmost column).
    /// No method allocates.
    /// </summary>
    public static class Geohash
    {
        /// <summary>Geohash base32 digits, index = 5-bit value.</summary>
        public const string Base32Alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";

        /// <summary>Longest geohash: 60 bits, 30 per axis, so index * span fits in a long.</summary>
        public const int PrecisionMax = GeoGuard.PrecisionMax;

        private const long LatitudeSpanE7 = 1800000000L;
        private const long LongitudeSpanE7 = 3600000000L;

        // -------- Encoding and decoding --------

        /// <summary>The cell of <paramref name="precision"/> characters (1..12) containing the point.</summary>
        public static GeohashCell Encode(int latitudeE7, int longitudeE7, int precision)
        {
            GeoGuard.Latitude(latitudeE7, "latitudeE7");
            GeoGuard.Longitude(longitudeE7, "longitudeE7");
            GeoGuard.Precision(precision, "precision");

            int latitudeBits = GeohashBits.LatitudeBitCount(precision);
            int longitudeBits = GeohashBits.LongitudeBitCount(precision);

            // index = floor(offset * 2^bits / span); offset < 2^32 and bits <= 30, so no overflow.
            long latitudeIndex = (((long)latitudeE7 + GeoGuard.LatitudeMaxE7) << latitudeBits) / LatitudeSpanE7;
            long latitudeLast = (1L << latitudeBits) - 1;
            if (latitudeIndex > latitudeLast)
            {
                latitudeIndex = latitudeLast;
            }

            long longitudeIndex = (((long)longitudeE7 + GeoGuard.LongitudeMaxE7) << longitudeBits) / LongitudeSpanE7;
            if (longitudeIndex > (1L << longitudeBits) - 1)
            {
                longitudeIndex = 0;
            }

            return new GeohashCell(GeohashBits.Interleave((uint)latitudeIndex, (uint)longitudeIndex, precision), precision);
        }

        /// <summary>
        /// Bounds of the cell, widened outward to whole E7 units (floor of the minimum, ceiling of the
        /// maximum), so every point that encodes to the cell satisfies min &lt;= value &lt;= max.
        /// Longitude +180 encodes to the westmost column and is reported there as -180.
        /// </summary>
        public static void GetBounds(GeohashCell cell, out int minLatitudeE7, out int minLongitudeE7, out int maxLatitudeE7, out int maxLongitudeE7)
        {
            CheckCell(cell, "cell");
            int precision = cell.Precision;
            int latitudeBits = GeohashBits.LatitudeBitCount(precision);
            int longitudeBits = GeohashBits.LongitudeBitCount(precision);
            long latitudeIndex = GeohashBits.LatitudeIndex(cell.Bits, precision);
            long longitudeIndex = GeohashBits.LongitudeIndex(cell.Bits, precision);

            // index * span < 2^30 * 3.6e9 < 2^62; the numerators are non-negative, so shifts floor.
            minLatitudeE7 = (int)(((latitudeIndex * LatitudeSpanE7) >> latitudeBits) - GeoGuard.LatitudeMaxE7);
            maxLatitudeE7 = (int)(CeilingShift((latitudeIndex + 1) * LatitudeSpanE7, latitudeBits) - GeoGuard.LatitudeMaxE7);
            minLongitudeE7 = (int)(((longitudeIndex * LongitudeSpanE7) >> longitudeBits) - GeoGuard.LongitudeMaxE7);
            maxLongitudeE7 = (int)(CeilingShift((longitudeIndex + 1) * LongitudeSpanE7, longitudeBits) - GeoGuard.LongitudeMaxE7);
        }

        /// <summary>
        /// Centre of the cell rounded to the nearest E7 unit. Re-encodes to the same cell at every
        /// precision: the smallest half-height (precision 12) is ~0.84 E7 units, more than the 0.5 of rounding.
        /// </summary>
        public static void GetCenter(GeohashCell cell, out int latitudeE7, out int longitudeE7)
        {
            CheckCell(cell, "cell");
            int precision = cell.Precision;
            int latitudeBits = GeohashBits.LatitudeBitCount(precision);
            int longitudeBits = GeohashBits.LongitudeBitCount(precision);
            long latitudeIndex = GeohashBits.LatitudeIndex(cell.Bits, precision);
            long longitudeIndex = GeohashBits.LongitudeIndex(cell.Bits, precision);

            // centre = (2 * index + 1) * span / 2^(bits + 1); (2^31) * 3.6e9 < 2^63 still fits.
            latitudeE7 = (int)(RoundShift(((2 * latitudeIndex) + 1) * LatitudeSpanE7, latitudeBits + 1) - GeoGuard.LatitudeMaxE7);
            longitudeE7 = (int)(RoundShift(((2 * longitudeIndex) + 1) * LongitudeSpanE7, longitudeBits + 1) - GeoGuard.LongitudeMaxE7);
        }

        // -------- Text --------

        /// <summary>
        /// Writes the cell's Precision lower-case base32 characters as ASCII at destination[offset]
        /// and returns how many were written.
        /// </summary>
        public static int WriteAscii(GeohashCell cell, byte[] destination, int offset)
        {
            CheckCell(cell, "cell");
            GeoGuard.Buffer(destination, offset, cell.Precision, "destination", "offset");
            int precision = cell.Precision;
            for (int i = 0; i < precision; i++)
            {
                int digit = (int)((cell.Bits >> (5 * (precision - 1 - i))) & 31UL);
                destination[offset + i] = (byte)Base32Alphabet[digit];
            }

            return precision;
        }

        /// <summary>
        /// Parses count ASCII geohash characters (either case). Returns false, never throws, for a null
        /// or too-short buffer, a bad offset, count outside 1..12, or a character outside the alphabet.
        /// </summary>
        public static bool TryParseAscii(byte[]? source, int offset, int count, out GeohashCell cell)
        {
            cell = default(GeohashCell);
            if (source == null || count < GeoGuard.PrecisionMin || count > GeoGuard.PrecisionMax
                || offset < 0 || offset > source.Length - count)
            {
                return false;
            }

            ulong bits = 0UL;
            for (int i = 0; i < count; i++)
            {
                int digit = DecodeBase32(source[offset + i]);
                if (digit < 0)
                {
                    return false;
                }

                bits = (bits << 5) | (uint)digit;
            }

            cell = new GeohashCell(bits, count);
            return true;
        }

        // -------- Neighbours --------

        /// <summary>
        /// The cell latitudeStep rows north (+1) or south (-1) and longitudeStep columns east (+1) or
        /// west (-1) of <paramref name="cell"/>, at the same precision; steps are -1, 0 or 1.
        /// Longitude wraps across the antimeridian. Returns false when the step would cross a pole:
        /// the grid has no row beyond the pole (the cells across it meet this one only at a point).
        /// Step (0, 0) gives the cell itself.
        /// </summary>
        public static bool TryGetNeighbour(GeohashCell cell, int latitudeStep, int longitudeStep, out GeohashCell neighbour)
        {
            CheckCell(cell, "cell");
            GeoGuard.Step(latitudeStep, "latitudeStep");
            GeoGuard.Step(longitudeStep, "longitudeStep");

            int precision = cell.Precision;
            long latitudeIndex = (long)GeohashBits.LatitudeIndex(cell.Bits, precision) + latitudeStep;
            long latitudeRows = 1L << GeohashBits.LatitudeBitCount(precision);
            if (latitudeIndex < 0 || latitudeIndex >= latitudeRows)
            {
                neighbour = default(GeohashCell);
                return false;
            }

            // The column count is a power of two, so masking wraps -1 to the last column and back.
            long longitudeMask = (1L << GeohashBits.LongitudeBitCount(precision)) - 1;
            long longitudeIndex = ((long)GeohashBits.LongitudeIndex(cell.Bits, precision) + longitudeStep) & longitudeMask;

            neighbour = new GeohashCell(GeohashBits.Interleave((uint)latitudeIndex, (uint)longitudeIndex, precision), precision);
            return true;
        }

        /// <summary>
        /// Writes the neighbours of <paramref name="cell"/> in the order N, NE, E, SE, S, SW, W, NW,
        /// skipping those past a pole, and returns how many were written: 8, or 5 for a cell in the
        /// northmost or southmost row. The written cells are always distinct from each other and from
        /// the cell: the coarsest grid (precision 1) has 8 columns and 4 rows, so an east/west wrap never
        /// reaches the same column twice and no row touches both poles.
        /// destination must have room for 8 cells from offset.
        /// </summary>
        public static int GetNeighbours(GeohashCell cell, GeohashCell[] destination, int offset)
        {
            CheckCell(cell, "cell");
            GeoGuard.Buffer(destination, offset, 8, "destination", "offset");

            int written = 0;
            written += WriteNeighbour(cell, 1, 0, destination, offset + written);
            written += WriteNeighbour(cell, 1, 1, destination, offset + written);
            written += WriteNeighbour(cell, 0, 1, destination, offset + written);
            written += WriteNeighbour(cell, -1, 1, destination, offset + written);
            written += WriteNeighbour(cell, -1, 0, destination, offset + written);
            written += WriteNeighbour(cell, -1, -1, destination, offset + written);
            written += WriteNeighbour(cell, 0, -1, destination, offset + written);
            written += WriteNeighbour(cell, 1, -1, destination, offset + written);
            return written;
        }

        /// <summary>
        /// True when <paramref name="candidate"/>, cut to center's precision, is center or one of the
        /// cells GetNeighbours(center) would return (same wrap and pole rules). A candidate coarser than
        /// center (or default) is false. Compares row and column differences; no neighbour list is built.
        /// </summary>
        public static bool IsInCellOrNeighbour(GeohashCell center, GeohashCell candidate)
        {
            CheckCell(center, "center");
            int precision = center.Precision;
            if (candidate.Precision < precision)
            {
                return false;
            }

            ulong candidateBits = candidate.Bits >> (5 * (candidate.Precision - precision));

            long latitudeDelta = (long)GeohashBits.LatitudeIndex(candidateBits, precision) - GeohashBits.LatitudeIndex(center.Bits, precision);
            if (latitudeDelta < -1 || latitudeDelta > 1)
            {
                return false;
            }

            // Column difference modulo the column count: 0, 1 or (count - 1) means same, east or west.
            long longitudeMask = (1L << GeohashBits.LongitudeBitCount(precision)) - 1;
            long longitudeDelta = ((long)GeohashBits.LongitudeIndex(candidateBits, precision) - GeohashBits.LongitudeIndex(center.Bits, precision)) & longitudeMask;
            return longitudeDelta == 0 || longitudeDelta == 1 || longitudeDelta == longitudeMask;
        }

        private static int WriteNeighbour(GeohashCell cell, int latitudeStep, int longitudeStep, GeohashCell[] destination, int index)
        {
            GeohashCell neighbour;
            if (!TryGetNeighbour(cell, latitudeStep, longitudeStep, out neighbour))
            {
                return 0;
            }

            destination[index] = neighbour;
            return 1;
        }

        // -------- Helpers --------

        private static void CheckCell(GeohashCell cell, string parameterName)
        {
            if (cell.Precision < GeoGuard.PrecisionMin)
            {
                throw new ArgumentOutOfRangeException(parameterName, parameterName + " is default(GeohashCell), not a cell.");
            }
        }

        private static long CeilingShift(long value, int shift)
        {
            return (value + (1L << shift) - 1) >> shift;
        }

        private static long RoundShift(long value, int shift)
        {
            return (value + (1L << (shift - 1))) >> shift;
        }

        // Maps an ASCII byte to its 5-bit value, or -1. The alphabet omits a, i, l and o.
        private static int DecodeBase32(byte character)
        {
            int c = character;
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'Z')
            {
                c += 'a' - 'A';
            }

            if (c >= 'b' && c <= 'h')
            {
                return c - 'b' + 10;
            }

            if (c == 'j' || c == 'k')
            {
                return c - 'j' + 17;
            }

            if (c == 'm' || c == 'n')
            {
                return c - 'm' + 19;
            }

            if (c >= 'p' && c <= 'z')
            {
                return c - 'p' + 21;
            }

            return -1;
        }
    }
}
