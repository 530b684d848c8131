using System;
using Peat.Edge.Core.Geo;

namespace Peat.Edge.Sim.Placement
{
    /// <summary>
    /// Local flat approximation between the simulator's planar metres and E7 coordinates: the area's
    /// centre sits at 47.3977 N, 8.5456 E; a degree of latitude is π·R/180 metres on the core's sphere and a
    /// degree of longitude that times cos(latitude). Over a few kilometres the error against the core's
    /// haversine is far below a metre, and link distances are measured with <see cref="GeoDistance"/>
    /// anyway, so the core and the simulator agree on every distance.
    /// </summary>
    public static class GeoProjection
    {
        /// <summary>Latitude of the area's centre in 1e-7 degrees.</summary>
        public const int CentreLatitudeE7 = 473977000;

        /// <summary>Longitude of the area's centre in 1e-7 degrees.</summary>
        public const int CentreLongitudeE7 = 85456000;

        private const double MetresPerDegree = Math.PI * GeoDistance.EarthRadiusM / 180.0;

        /// <summary>E7 coordinates of the point <paramref name="xM"/>, <paramref name="yM"/> metres from the south-west corner of a square of side <paramref name="areaM"/>.</summary>
        public static void ToE7(double xM, double yM, double areaM, out int latitudeE7, out int longitudeE7)
        {
            double centreLatitudeDeg = CentreLatitudeE7 * 1e-7;
            double northM = yM - (areaM / 2.0);
            double eastM = xM - (areaM / 2.0);
            double latitudeDeg = centreLatitudeDeg + (northM / MetresPerDegree);
            double longitudeDeg = (CentreLongitudeE7 * 1e-7) + (eastM / (MetresPerDegree * Math.Cos(centreLatitudeDeg * Math.PI / 180.0)));
            latitudeE7 = (int)Math.Round(latitudeDeg * 1e7, MidpointRounding.AwayFromZero);
            longitudeE7 = (int)Math.Round(longitudeDeg * 1e7, MidpointRounding.AwayFromZero);
        }
    }
}
