namespace Peat.Edge.Core.Geo
{
    /// <summary>
    /// Great-circle distance and initial bearing between fixed-point coordinates (1e-7 degrees, as GPS
    /// receivers report them) on a spherical Earth. The sphere is within ~0.5 % of the ellipsoid, which
    /// is plenty for parent selection and beacon ranging. No method allocates.
    /// </summary>
    public static class GeoDistance
    {
        /// <summary>IUGG mean Earth radius.</summary>
        public const double EarthRadiusM = 6371008.8;

        private const double RadiansPerE7 = GeoMath.RadiansPerDegree * 1e-7;
        private const long FullTurnE7 = 3600000000L;
        private const long HalfTurnE7 = 1800000000L;

        /// <summary>
        /// Haversine distance in metres. Coordinate differences are taken in integer E7 units before
        /// conversion, so pairs a metre apart keep full precision; a pair straddling the antimeridian
        /// is measured the short way round.
        /// </summary>
        public static double DistanceM(int latitude1E7, int longitude1E7, int latitude2E7, int longitude2E7)
        {
            CheckCoordinates(latitude1E7, longitude1E7, latitude2E7, longitude2E7);
            double sinHalfDeltaLat = GeoMath.Sin(LatitudeDeltaE7(latitude1E7, latitude2E7) * (RadiansPerE7 * 0.5));
            double sinHalfDeltaLon = GeoMath.Sin(LongitudeDeltaE7(longitude1E7, longitude2E7) * (RadiansPerE7 * 0.5));
            double cosLat1 = GeoMath.Cos(latitude1E7 * RadiansPerE7);
            double cosLat2 = GeoMath.Cos(latitude2E7 * RadiansPerE7);

            double a = (sinHalfDeltaLat * sinHalfDeltaLat) + (cosLat1 * cosLat2 * sinHalfDeltaLon * sinHalfDeltaLon);
            if (a > 1.0)
            {
                a = 1.0;
            }

            // atan2 rather than asin(sqrt(a)): it stays accurate for near-antipodal pairs as well.
            double centralAngleRad = 2.0 * GeoMath.Atan2(GeoMath.Sqrt(a), GeoMath.Sqrt(1.0 - a));
            return EarthRadiusM * centralAngleRad;
        }

        /// <summary>Distance in whole metres, rounded to nearest, saturating at int.MaxValue.</summary>
        public static int DistanceMRounded(int latitude1E7, int longitude1E7, int latitude2E7, int longitude2E7)
        {
            double distanceM = DistanceM(latitude1E7, longitude1E7, latitude2E7, longitude2E7) + 0.5;
            if (!(distanceM < int.MaxValue))
            {
                // Unreachable on this sphere (half the circumference is ~2e7 m), kept as a defined limit.
                return int.MaxValue;
            }

            return (int)distanceM;
        }

        /// <summary>
        /// Initial great-circle bearing from point 1 to point 2 in degrees, in [0, 360): 0 is north,
        /// 90 east. Identical points give 0. From a pole every direction is south (or north), so the
        /// result there is whatever the longitudes imply and carries no meaning.
        /// </summary>
        public static double BearingDegrees(int latitude1E7, int longitude1E7, int latitude2E7, int longitude2E7)
        {
            CheckCoordinates(latitude1E7, longitude1E7, latitude2E7, longitude2E7);
            double lat1Rad = latitude1E7 * RadiansPerE7;
            double lat2Rad = latitude2E7 * RadiansPerE7;
            double deltaLonRad = LongitudeDeltaE7(longitude1E7, longitude2E7) * RadiansPerE7;
            double cosLat2 = GeoMath.Cos(lat2Rad);
            double sinHalfDeltaLon = GeoMath.Sin(deltaLonRad * 0.5);

            double east = GeoMath.Sin(deltaLonRad) * cosLat2;

            // Textbook form: cos(lat1)sin(lat2) - sin(lat1)cos(lat2)cos(dLon). Rewritten as
            // sin(lat2 - lat1) + sin(lat1)cos(lat2) * 2sin^2(dLon/2), which avoids subtracting two
            // nearly equal numbers when the points are close.
            double north = GeoMath.Sin(LatitudeDeltaE7(latitude1E7, latitude2E7) * RadiansPerE7)
                + (GeoMath.Sin(lat1Rad) * cosLat2 * 2.0 * sinHalfDeltaLon * sinHalfDeltaLon);

            double bearingDegrees = GeoMath.Atan2(east, north) * GeoMath.DegreesPerRadian;
            if (bearingDegrees < 0.0)
            {
                bearingDegrees += 360.0;
            }

            // -1e-15 + 360 rounds to 360, which is outside the documented range.
            return bearingDegrees >= 360.0 ? 0.0 : bearingDegrees;
        }

        private static long LatitudeDeltaE7(int latitude1E7, int latitude2E7)
        {
            return (long)latitude2E7 - latitude1E7;
        }

        // Longitude difference wrapped into [-180, 180] degrees, so the antimeridian is not a seam.
        private static long LongitudeDeltaE7(int longitude1E7, int longitude2E7)
        {
            long deltaE7 = (long)longitude2E7 - longitude1E7;
            if (deltaE7 > HalfTurnE7)
            {
                deltaE7 -= FullTurnE7;
            }
            else if (deltaE7 < -HalfTurnE7)
            {
                deltaE7 += FullTurnE7;
            }

            return deltaE7;
        }

        private static void CheckCoordinates(int latitude1E7, int longitude1E7, int latitude2E7, int longitude2E7)
        {
            GeoGuard.Latitude(latitude1E7, "latitude1E7");
            GeoGuard.Longitude(longitude1E7, "longitude1E7");
            GeoGuard.Latitude(latitude2E7, "latitude2E7");
            GeoGuard.Longitude(longitude2E7, "longitude2E7");
        }
    }
}
