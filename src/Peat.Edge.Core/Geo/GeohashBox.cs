namespace Peat.Edge.Core.Geo
{
    /// <summary>
    /// The exact set of fixed-point points that <see cref="Geohash.Encode"/> puts in one cell, as integer
    /// bounds: whether a point is in the cell is then four comparisons instead of an encoding (two 64-bit
    /// divisions and the bit interleave), which a cell election makes for every peer it looks at. Exact by
    /// construction from Encode's rule: index = floor(offset · 2^bits / span), so a cell's row (column) holds
    /// the offsets from ceil(index · span / 2^bits) to ceil((index + 1) · span / 2^bits) - 1; the northmost
    /// row also takes latitude +90, and longitude +180 belongs to the westmost column.
    /// </summary>
    public struct GeohashBox
    {
        private const long LatitudeSpanE7 = 1800000000L;
        private const long LongitudeSpanE7 = 3600000000L;

        private GeohashCell _cell;
        private bool _valid;
        private int _minLatitudeE7;
        private int _maxLatitudeE7;
        private int _minLongitudeE7;
        private int _maxLongitudeE7;
        private bool _takesAntimeridian;

        /// <summary>The cell these bounds are for (default until <see cref="Set"/>).</summary>
        public GeohashCell Cell => _cell;

        /// <summary>Makes the box <paramref name="cell"/>'s (1..12 characters); nothing to compute when it already is.</summary>
        public void Set(GeohashCell cell)
        {
            if (_valid && cell == _cell)
            {
                return;
            }

            int precision = cell.Precision;
            GeoGuard.Precision(precision, "cell");
            int latitudeBits = GeohashBits.LatitudeBitCount(precision);
            int longitudeBits = GeohashBits.LongitudeBitCount(precision);
            long row = GeohashBits.LatitudeIndex(cell.Bits, precision);
            long column = GeohashBits.LongitudeIndex(cell.Bits, precision);
            _minLatitudeE7 = (int)(CeilingOfScaled(row, LatitudeSpanE7, latitudeBits) - GeoGuard.LatitudeMaxE7);
            _maxLatitudeE7 = row == (1L << latitudeBits) - 1 ? GeoGuard.LatitudeMaxE7
                : (int)(CeilingOfScaled(row + 1, LatitudeSpanE7, latitudeBits) - 1 - GeoGuard.LatitudeMaxE7);
            _minLongitudeE7 = (int)(CeilingOfScaled(column, LongitudeSpanE7, longitudeBits) - GeoGuard.LongitudeMaxE7);
            _maxLongitudeE7 = (int)(CeilingOfScaled(column + 1, LongitudeSpanE7, longitudeBits) - 1 - GeoGuard.LongitudeMaxE7);
            _takesAntimeridian = column == 0;
            _cell = cell;
            _valid = true;
        }

        /// <summary>True exactly when <c>Geohash.Encode(latitudeE7, longitudeE7, Cell.Precision) == Cell</c> (valid coordinates).</summary>
        public bool Contains(int latitudeE7, int longitudeE7)
        {
            return _valid && latitudeE7 >= _minLatitudeE7 && latitudeE7 <= _maxLatitudeE7
                && ((longitudeE7 >= _minLongitudeE7 && longitudeE7 <= _maxLongitudeE7) || (_takesAntimeridian && longitudeE7 == GeoGuard.LongitudeMaxE7));
        }

        // ceil(index · span / 2^bits); index · span < 2^31 · 3.6e9 < 2^63.
        private static long CeilingOfScaled(long index, long span, int bits)
        {
            long scaled = index * span;
            long floor = scaled >> bits;
            return (floor << bits) == scaled ? floor : floor + 1;
        }
    }
}
