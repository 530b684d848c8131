using System;
using Peat.Edge.Core.Geo;

namespace Peat.Edge.Aot.Demo
{
    /// <summary>
    /// Where the demo's nodes stand: a square grid with <see cref="SpacingM"/> between rows and columns,
    /// starting at the ETH Zürich main building, so distances in the final table are easy to check by eye.
    /// </summary>
    public static class DemoLayout
    {
        /// <summary>Grid origin, 47.3977 N, in 1e-7 degrees.</summary>
        public const int OriginLatitudeE7 = 473977000;

        /// <summary>Grid origin, 8.5456 E, in 1e-7 degrees.</summary>
        public const int OriginLongitudeE7 = 85456000;

        /// <summary>Distance between neighbouring grid points.</summary>
        public const double SpacingM = 250.0;

        // On the core's spherical Earth, so GeoDistance reports the grid spacing back almost exactly.
        private const double MetresPerDegreeLatitude = GeoDistance.EarthRadiusM * Math.PI / 180.0;

        /// <summary>Position of the node at <paramref name="index"/> (0-based) in a grid for <paramref name="nodeCount"/> nodes.</summary>
        public static (int LatitudeE7, int LongitudeE7) PositionE7(int index, int nodeCount)
        {
            int columns = (int)Math.Ceiling(Math.Sqrt(nodeCount));
            int row = index / columns;
            int column = index % columns;
            double metresPerDegreeLongitude = MetresPerDegreeLatitude * Math.Cos(OriginLatitudeE7 * 1e-7 * Math.PI / 180.0);
            int latitudeE7 = OriginLatitudeE7 + (int)Math.Round(row * SpacingM / MetresPerDegreeLatitude * 1e7);
            int longitudeE7 = OriginLongitudeE7 + (int)Math.Round(column * SpacingM / metresPerDegreeLongitude * 1e7);
            return (latitudeE7, longitudeE7);
        }
    }
}
