using System;

namespace Peat.Edge.Core.Geo
{
    /// <summary>
    /// A geohash cell as a number rather than text: <see cref="Bits"/> holds the 5 * Precision
    /// interleaved bits, right-aligned, longitude bit first (most significant) as in standard geohash.
    /// A 16-byte value that compares, hashes and truncates without allocating. default(GeohashCell)
    /// has Precision 0 and is not a cell: it equals only itself, contains nothing, and is within nothing.
    /// </summary>
    public readonly struct GeohashCell
    {
        /// <summary>Creates a cell from its bits; bits above 5 * precision must be zero.</summary>
        public GeohashCell(ulong bits, int precision)
        {
            GeoGuard.Precision(precision, "precision");
            if ((bits >> (5 * precision)) != 0UL)
            {
                throw new ArgumentOutOfRangeException("bits", "bits must fit in 5 * precision bits.");
            }

            Bits = bits;
            Precision = precision;
        }

        /// <summary>The 5 * Precision interleaved bits, right-aligned.</summary>
        public ulong Bits { get; }

        /// <summary>Number of geohash characters, 1..12 (0 only for default).</summary>
        public int Precision { get; }

        public static bool operator ==(GeohashCell left, GeohashCell right)
        {
            return left.Equals(right);
        }

        public static bool operator !=(GeohashCell left, GeohashCell right)
        {
            return !left.Equals(right);
        }

        public bool Equals(GeohashCell other)
        {
            return Bits == other.Bits && Precision == other.Precision;
        }

        public override bool Equals(object? obj)
        {
            return obj is GeohashCell other && Equals(other);
        }

        public override int GetHashCode()
        {
            // Fold the high bits in: at precision 12 the low 32 bits alone collide across regions.
            unchecked
            {
                return (int)(Bits ^ (Bits >> 32)) ^ (Precision * (int)0x9E3779B1);
            }
        }

        /// <summary>
        /// True when this cell lies inside <paramref name="coarser"/> (equal counts): the coarser cell's
        /// characters are a prefix of this one's. False when coarser is finer than this or is default.
        /// </summary>
        public bool IsWithin(GeohashCell coarser)
        {
            if (coarser.Precision < GeoGuard.PrecisionMin || coarser.Precision > Precision)
            {
                return false;
            }

            return (Bits >> (5 * (Precision - coarser.Precision))) == coarser.Bits;
        }

        /// <summary>The enclosing cell with the first <paramref name="precision"/> characters (1..Precision).</summary>
        public GeohashCell Truncate(int precision)
        {
            if (precision < GeoGuard.PrecisionMin || precision > Precision)
            {
                throw new ArgumentOutOfRangeException("precision", "precision must be within 1..Precision of the cell.");
            }

            return new GeohashCell(Bits >> (5 * (Precision - precision)), precision);
        }

        /// <summary>True when the point encodes to this cell at this cell's precision.</summary>
        public bool Contains(int latitudeE7, int longitudeE7)
        {
            if (Precision < GeoGuard.PrecisionMin)
            {
                // Still validate the point, so a bad coordinate fails the same way for every cell.
                GeoGuard.Latitude(latitudeE7, "latitudeE7");
                GeoGuard.Longitude(longitudeE7, "longitudeE7");
                return false;
            }

            return Geohash.Encode(latitudeE7, longitudeE7, Precision) == this;
        }

        /// <summary>The geohash text, e.g. "u4pruydqqvj". Allocates; not for the hot path. Empty for default.</summary>
        public override string ToString()
        {
            if (Precision < GeoGuard.PrecisionMin)
            {
                return string.Empty;
            }

            char[] text = new char[Precision];
            for (int i = 0; i < Precision; i++)
            {
                text[i] = Geohash.Base32Alphabet[(int)((Bits >> (5 * (Precision - 1 - i))) & 31UL)];
            }

            return new string(text);
        }
    }
}
