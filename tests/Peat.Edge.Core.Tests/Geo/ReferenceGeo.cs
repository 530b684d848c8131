using System.Text;

namespace Peat.Edge.Core.Tests.Geo;

/// <summary>
/// Textbook double-precision implementations used as oracles: the classic bisection geohash encoder
/// ("value >= mid gives bit 1", as in Chris Veness's and most other encoders) and haversine / bearing
/// with System.Math.
/// </summary>
internal static class ReferenceGeo
{
    private const string Alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
    public const double EarthRadiusM = 6371008.8;

    public static string Encode(double latitude, double longitude, int precision)
    {
        double latMin = -90, latMax = 90, lonMin = -180, lonMax = 180;
        var text = new StringBuilder(precision);
        int bit = 0, digit = 0;
        bool lonTurn = true;
        while (text.Length < precision)
        {
            if (lonTurn)
            {
                double mid = (lonMin + lonMax) / 2;
                if (longitude >= mid) { digit = (digit << 1) | 1; lonMin = mid; }
                else { digit <<= 1; lonMax = mid; }
            }
            else
            {
                double mid = (latMin + latMax) / 2;
                if (latitude >= mid) { digit = (digit << 1) | 1; latMin = mid; }
                else { digit <<= 1; latMax = mid; }
            }

            lonTurn = !lonTurn;
            if (++bit == 5)
            {
                text.Append(Alphabet[digit]);
                bit = 0;
                digit = 0;
            }
        }

        return text.ToString();
    }

    /// <summary>Exact (dyadic) cell bounds in degrees from the geohash text.</summary>
    public static void Decode(string hash, out double latMin, out double latMax, out double lonMin, out double lonMax)
    {
        latMin = -90; latMax = 90; lonMin = -180; lonMax = 180;
        bool lonTurn = true;
        foreach (char c in hash)
        {
            int digit = Alphabet.IndexOf(char.ToLowerInvariant(c));
            for (int i = 4; i >= 0; i--)
            {
                bool one = ((digit >> i) & 1) != 0;
                if (lonTurn)
                {
                    double mid = (lonMin + lonMax) / 2;
                    if (one) lonMin = mid; else lonMax = mid;
                }
                else
                {
                    double mid = (latMin + latMax) / 2;
                    if (one) latMin = mid; else latMax = mid;
                }

                lonTurn = !lonTurn;
            }
        }
    }

    public static double WrapLongitude(double longitude)
    {
        while (longitude >= 180) longitude -= 360;
        while (longitude < -180) longitude += 360;
        return longitude;
    }

    public static double HaversineM(int lat1E7, int lon1E7, int lat2E7, int lon2E7)
    {
        double phi1 = lat1E7 * 1e-7 * Math.PI / 180, phi2 = lat2E7 * 1e-7 * Math.PI / 180;
        double dPhi = (lat2E7 - (double)lat1E7) * 1e-7 * Math.PI / 180;
        double dLambda = WrapDelta(lon2E7 - (double)lon1E7) * 1e-7 * Math.PI / 180;
        double a = Math.Pow(Math.Sin(dPhi / 2), 2) + Math.Cos(phi1) * Math.Cos(phi2) * Math.Pow(Math.Sin(dLambda / 2), 2);
        return 2 * EarthRadiusM * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }

    public static double BearingDegrees(int lat1E7, int lon1E7, int lat2E7, int lon2E7)
    {
        double phi1 = lat1E7 * 1e-7 * Math.PI / 180, phi2 = lat2E7 * 1e-7 * Math.PI / 180;
        double dLambda = WrapDelta(lon2E7 - (double)lon1E7) * 1e-7 * Math.PI / 180;
        double y = Math.Sin(dLambda) * Math.Cos(phi2);
        double x = Math.Cos(phi1) * Math.Sin(phi2) - Math.Sin(phi1) * Math.Cos(phi2) * Math.Cos(dLambda);
        double bearing = Math.Atan2(y, x) * 180 / Math.PI;
        return bearing < 0 ? bearing + 360 : bearing;
    }

    /// <summary>Smallest absolute difference between two angles in degrees.</summary>
    public static double AngleDifferenceDegrees(double a, double b)
    {
        double d = Math.Abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }

    private static double WrapDelta(double deltaE7)
    {
        if (deltaE7 > 1800000000) return deltaE7 - 3600000000;
        if (deltaE7 < -1800000000) return deltaE7 + 3600000000;
        return deltaE7;
    }
}
