using Peat.Edge.Core.Geo;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Geo;

public sealed class GeoDistanceTests
{
    private const int Seed = 7301;
    private const int Pairs = 12000;
    private readonly ITestOutputHelper _output;

    public GeoDistanceTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// One seeded pair: the first point is drawn from one of five populations (uniform on the sphere,
    /// within 0.1 degrees of a pole, within 0.5 degrees of the antimeridian, high latitude, or both near
    /// a pole and the antimeridian); the second is 1 m..50 km away (log-uniform) at a random bearing.
    /// Both are quantised to E7 as a GPS receiver would report them.
    /// </summary>
    private static void NextPair(Random random, int i, out int lat1, out int lon1, out int lat2, out int lon2)
    {
        double latDeg, lonDeg;
        double sign = random.Next(2) == 0 ? -1 : 1;
        switch (i % 5)
        {
            case 0:
            case 1:
                latDeg = Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI;
                lonDeg = random.NextDouble() * 360 - 180;
                break;
            case 2:
                latDeg = sign * (90 - random.NextDouble() * 0.1);
                lonDeg = random.NextDouble() * 360 - 180;
                break;
            case 3:
                latDeg = Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI;
                lonDeg = (random.Next(2) == 0 ? -1 : 1) * (180 - random.NextDouble() * 0.5);
                break;
            default:
                latDeg = sign * (60 + random.NextDouble() * 30);
                lonDeg = (random.Next(2) == 0 ? -1 : 1) * (180 - random.NextDouble() * 0.5);
                break;
        }

        double distanceM = Math.Exp(random.NextDouble() * Math.Log(50000));
        double bearingRad = random.NextDouble() * 2 * Math.PI;
        double delta = distanceM / ReferenceGeo.EarthRadiusM;
        double phi1 = latDeg * Math.PI / 180;
        double lambda1 = lonDeg * Math.PI / 180;
        double sinPhi2 = Math.Sin(phi1) * Math.Cos(delta) + Math.Cos(phi1) * Math.Sin(delta) * Math.Cos(bearingRad);
        double phi2 = Math.Asin(Math.Clamp(sinPhi2, -1, 1));
        double lambda2 = lambda1 + Math.Atan2(Math.Sin(bearingRad) * Math.Sin(delta) * Math.Cos(phi1), Math.Cos(delta) - Math.Sin(phi1) * sinPhi2);

        lat1 = QuantiseLatitude(latDeg);
        lon1 = QuantiseLongitude(lonDeg);
        lat2 = QuantiseLatitude(phi2 * 180 / Math.PI);
        lon2 = QuantiseLongitude(ReferenceGeo.WrapLongitude(lambda2 * 180 / Math.PI));
    }

    private static int QuantiseLatitude(double degrees) => (int)Math.Clamp(Math.Round(degrees * 1e7), -900000000, 900000000);

    private static int QuantiseLongitude(double degrees) => (int)Math.Clamp(Math.Round(degrees * 1e7), -1800000000, 1800000000);

    [Fact]
    public void DistanceMatchesDoubleHaversineForRandomPairs()
    {
        var random = new Random(Seed);
        double worstRelative = 0;
        int worstIndex = -1, antimeridianPairs = 0, nearPolePairs = 0;
        double minDistance = double.MaxValue, maxDistance = 0;
        for (int i = 0; i < Pairs; i++)
        {
            NextPair(random, i, out int lat1, out int lon1, out int lat2, out int lon2);
            double expected = ReferenceGeo.HaversineM(lat1, lon1, lat2, lon2);
            double actual = GeoDistance.DistanceM(lat1, lon1, lat2, lon2);
            Assert.True(expected > 0.5, $"pair {i} collapsed to {expected} m");
            double relative = Math.Abs(actual - expected) / expected;
            if (relative > worstRelative)
            {
                worstRelative = relative;
                worstIndex = i;
            }

            if (Math.Abs((long)lon2 - lon1) > 1800000000L) antimeridianPairs++;
            if (Math.Abs(lat1) > 899000000) nearPolePairs++;
            minDistance = Math.Min(minDistance, expected);
            maxDistance = Math.Max(maxDistance, expected);
            Assert.True(relative <= 0.005, $"pair {i}: {lat1},{lon1} -> {lat2},{lon2}: {actual} m vs {expected} m");
        }

        _output.WriteLine($"seed {Seed}, {Pairs} pairs ({minDistance:F2} m..{maxDistance:F0} m), {antimeridianPairs} across the antimeridian, {nearPolePairs} within 0.1 deg of a pole");
        _output.WriteLine($"worst distance relative error {worstRelative:E3} (pair {worstIndex})");
        Assert.True(antimeridianPairs >= 100, "too few antimeridian pairs exercised");
        Assert.True(nearPolePairs >= 1000, "too few near-pole pairs exercised");
    }

    [Fact]
    public void BearingMatchesDoubleReferenceForRandomPairs()
    {
        var random = new Random(Seed);
        double worst = 0;
        int checkedPairs = 0;
        for (int i = 0; i < Pairs; i++)
        {
            NextPair(random, i, out int lat1, out int lon1, out int lat2, out int lon2);
            if (ReferenceGeo.HaversineM(lat1, lon1, lat2, lon2) < 10
                || Math.Abs(lat1) > 899500000 || Math.Abs(lat2) > 899500000)
            {
                continue;
            }

            double actual = GeoDistance.BearingDegrees(lat1, lon1, lat2, lon2);
            Assert.InRange(actual, 0.0, 359.999999999999);
            double error = ReferenceGeo.AngleDifferenceDegrees(actual, ReferenceGeo.BearingDegrees(lat1, lon1, lat2, lon2));
            worst = Math.Max(worst, error);
            Assert.True(error <= 0.01, $"pair {i}: {lat1},{lon1} -> {lat2},{lon2}: bearing off by {error} deg");
            checkedPairs++;
        }

        _output.WriteLine($"seed {Seed}: {checkedPairs} pairs >= 10 m apart and >= 0.05 deg from a pole; worst bearing error {worst:E3} deg");
        Assert.True(checkedPairs >= Pairs / 2);
    }

    [Fact]
    public void KnownDistancesAndBearings()
    {
        // One degree of latitude on the mean sphere.
        Assert.Equal(Math.PI * GeoDistance.EarthRadiusM / 180, GeoDistance.DistanceM(0, 0, 10000000, 0), 6);
        // Quarter meridian and half the equator (antipodes).
        Assert.Equal(Math.PI * GeoDistance.EarthRadiusM / 2, GeoDistance.DistanceM(0, 0, 900000000, 0), 5);
        Assert.Equal(Math.PI * GeoDistance.EarthRadiusM, GeoDistance.DistanceM(0, 0, 0, 1800000000), 5);
        Assert.Equal(Math.PI * GeoDistance.EarthRadiusM, GeoDistance.DistanceM(-900000000, 0, 900000000, 0), 5);
        Assert.Equal(0.0, GeoDistance.DistanceM(515000000, -1000000, 515000000, -1000000));
        // +180 and -180 are the same meridian.
        Assert.Equal(0.0, GeoDistance.DistanceM(100000000, 1800000000, 100000000, -1800000000));
        // Straddling the antimeridian is near: 0.2 degrees of longitude on the equator.
        Assert.Equal(0.2 * Math.PI * GeoDistance.EarthRadiusM / 180, GeoDistance.DistanceM(0, 1799000000, 0, -1799000000), 6);
        // One E7 unit of latitude is ~1.1 cm.
        Assert.Equal(0.0111, GeoDistance.DistanceM(0, 0, 1, 0), 4);

        Assert.Equal(0.0, GeoDistance.BearingDegrees(0, 0, 10000000, 0), 12);
        Assert.Equal(90.0, GeoDistance.BearingDegrees(0, 0, 0, 10000000), 12);
        Assert.Equal(180.0, GeoDistance.BearingDegrees(0, 0, -10000000, 0), 12);
        Assert.Equal(270.0, GeoDistance.BearingDegrees(0, 0, 0, -10000000), 12);
        Assert.Equal(0.0, GeoDistance.BearingDegrees(10, 20, 10, 20));
        // East across the antimeridian, and west back.
        Assert.Equal(90.0, GeoDistance.BearingDegrees(0, 1799000000, 0, -1799000000), 9);
        Assert.Equal(270.0, GeoDistance.BearingDegrees(0, -1799000000, 0, 1799000000), 9);
        // A tiny step just west of north must stay in [0, 360), not round up to 360.
        double almostNorth = GeoDistance.BearingDegrees(0, 0, 900000000 - 1, -1);
        Assert.InRange(almostNorth, 0.0, 359.999999999999);
    }

    [Fact]
    public void RoundedDistanceIsWholeMetres()
    {
        Assert.Equal(111195, GeoDistance.DistanceMRounded(0, 0, 10000000, 0));
        Assert.Equal(0, GeoDistance.DistanceMRounded(0, 0, 1, 0));
        Assert.Equal(20015114, GeoDistance.DistanceMRounded(0, 0, 0, 1800000000));
    }

    [Theory]
    [InlineData(900000001, 0, 0, 0, "latitude1E7")]
    [InlineData(0, -1800000001, 0, 0, "longitude1E7")]
    [InlineData(0, 0, int.MinValue, 0, "latitude2E7")]
    [InlineData(0, 0, 0, int.MaxValue, "longitude2E7")]
    public void OutOfRangeCoordinatesThrow(int lat1, int lon1, int lat2, int lon2, string parameter)
    {
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => GeoDistance.DistanceM(lat1, lon1, lat2, lon2)).ParamName);
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => GeoDistance.BearingDegrees(lat1, lon1, lat2, lon2)).ParamName);
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => GeoDistance.DistanceMRounded(lat1, lon1, lat2, lon2)).ParamName);
    }
}
