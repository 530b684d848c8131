using System.Numerics;
using System.Text;
using Peat.Edge.Core.Geo;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Geo;

public sealed class GeohashTests
{
    private const int Seed = 424242;
    private const int Points = 10000;
    private readonly ITestOutputHelper _output;

    public GeohashTests(ITestOutputHelper output) => _output = output;

    private static int E7(double degrees) => (int)Math.Round(degrees * 1e7);

    [Theory]
    [InlineData(42.6, -5.6, 5, "ezs42")]
    [InlineData(57.64911, 10.40744, 11, "u4pruydqqvj")]
    [InlineData(-25.382708, -49.265506, 12, "6gkzwgjzn820")]
    [InlineData(0.0, 0.0, 12, "s00000000000")]
    [InlineData(-90.0, -180.0, 12, "000000000000")]
    [InlineData(90.0, 180.0, 12, "bpbpbpbpbpbp")]
    [InlineData(90.0, 179.9999999, 12, "zzzzzzzzzzzz")]
    [InlineData(-90.0, 179.9999999, 12, "pbpbpbpbpbpb")]
    [InlineData(-0.0000001, -0.0000001, 6, "7zzzzz")]
    public void KnownVectors(double latitude, double longitude, int precision, string expected)
    {
        GeohashCell cell = Geohash.Encode(E7(latitude), E7(longitude), precision);
        Assert.Equal(expected, cell.ToString());
        Assert.Equal(precision, cell.Precision);

        var ascii = new byte[14];
        Assert.Equal(precision, Geohash.WriteAscii(cell, ascii, 2));
        Assert.Equal(expected, Encoding.ASCII.GetString(ascii, 2, precision));
        Assert.True(Geohash.TryParseAscii(Encoding.ASCII.GetBytes(expected.ToUpperInvariant()), 0, precision, out GeohashCell parsed));
        Assert.Equal(cell, parsed);
    }

    [Fact]
    public void PointsOnCellEdgesBelongToTheCellNorthAndEast()
    {
        for (int precision = 1; precision <= 12; precision++)
        {
            // (0, 0) is a corner at every precision: it must be the south-west corner of its cell.
            Geohash.GetBounds(Geohash.Encode(0, 0, precision), out int minLat, out int minLon, out _, out _);
            Assert.Equal(0, minLat);
            Assert.Equal(0, minLon);

            // +90 is clamped into the northmost row, whose top edge is +90.
            Geohash.GetBounds(Geohash.Encode(900000000, 0, precision), out _, out _, out int maxLat, out _);
            Assert.Equal(900000000, maxLat);

            // +180 is -180: the westmost column.
            GeohashCell east = Geohash.Encode(123456789, 1800000000, precision);
            Assert.Equal(Geohash.Encode(123456789, -1800000000, precision), east);
            Geohash.GetBounds(east, out _, out minLon, out _, out _);
            Assert.Equal(-1800000000, minLon);
        }

        // 45 N is the edge between rows at precision 1 ("u" above, "s" below at lon 0..45).
        Assert.Equal("u", Geohash.Encode(450000000, 10000000, 1).ToString());
        Assert.Equal("s", Geohash.Encode(449999999, 10000000, 1).ToString());
    }

    [Fact]
    public void RandomPointsRoundTripAndAgreeWithReferenceEncoder()
    {
        var random = new Random(Seed);
        var ascii = new byte[16];
        int compared = 0, skippedNearEdge = 0;
        for (int i = 0; i < Points; i++)
        {
            int lat = random.Next(-900000000, 900000001);
            int lon = random.Next(-1800000000, 1800000000);
            GeohashCell previous = default;
            for (int precision = 1; precision <= 12; precision++)
            {
                GeohashCell cell = Geohash.Encode(lat, lon, precision);
                Assert.Equal(precision, cell.Precision);
                Assert.Equal(0UL, cell.Bits >> (5 * precision));
                Assert.True(cell.Contains(lat, lon));
                if (precision > 1)
                {
                    Assert.True(cell.IsWithin(previous));
                    Assert.Equal(previous, cell.Truncate(precision - 1));
                }

                // ASCII round trip.
                int written = Geohash.WriteAscii(cell, ascii, 3);
                Assert.Equal(precision, written);
                Assert.True(Geohash.TryParseAscii(ascii, 3, written, out GeohashCell parsed));
                Assert.Equal(cell, parsed);
                string text = Encoding.ASCII.GetString(ascii, 3, written);
                Assert.Equal(text, cell.ToString());

                // Bounds hold the point; centre re-encodes to the cell.
                Geohash.GetBounds(cell, out int minLat, out int minLon, out int maxLat, out int maxLon);
                Assert.InRange(lat, minLat, maxLat);
                Assert.InRange(lon, minLon, maxLon);
                Geohash.GetCenter(cell, out int centerLat, out int centerLon);
                Assert.Equal(cell, Geohash.Encode(centerLat, centerLon, precision));

                // Reference: the double encoder cannot resolve a point within ~1e-14 degrees of an
                // edge (lat / 1e7 is rounded), so such points are skipped by an exact integer test.
                if (IsNearEdge(lat, 900000000, 1800000000, GeohashBitsLat(precision))
                    || IsNearEdge(lon, 1800000000, 3600000000, GeohashBitsLon(precision)))
                {
                    skippedNearEdge++;
                }
                else
                {
                    Assert.Equal(ReferenceGeo.Encode(lat / 1e7, lon / 1e7, precision), text);
                    compared++;
                }

                previous = cell;
            }
        }

        _output.WriteLine($"seed {Seed}: {compared} point x precision cases agree with the reference encoder; {skippedNearEdge} skipped within 1e-12 deg of an edge");
        Assert.True(skippedNearEdge < compared / 1000);
    }

    [Fact]
    public void BoundsAreTheReferenceCellWidenedToWholeE7Units()
    {
        var random = new Random(Seed + 1);
        for (int i = 0; i < 2000; i++)
        {
            int precision = 1 + (i % 12);
            GeohashCell cell = Geohash.Encode(random.Next(-900000000, 900000001), random.Next(-1800000000, 1800000001), precision);
            ReferenceGeo.Decode(cell.ToString(), out double latMin, out double latMax, out double lonMin, out double lonMax);
            Geohash.GetBounds(cell, out int minLat, out int minLon, out int maxLat, out int maxLon);
            Assert.Equal(Math.Floor(latMin * 1e7), minLat);
            Assert.Equal(Math.Ceiling(latMax * 1e7), maxLat);
            Assert.Equal(Math.Floor(lonMin * 1e7), minLon);
            Assert.Equal(Math.Ceiling(lonMax * 1e7), maxLon);
        }
    }

    [Fact]
    public void CenterReencodesForExtremeCellsAtEveryPrecision()
    {
        int[] lats = { -900000000, -899999999, -1, 0, 1, 899999999, 900000000 };
        int[] lons = { -1800000000, -1799999999, -1, 0, 1, 1799999999, 1800000000 };
        for (int precision = 1; precision <= 12; precision++)
        {
            foreach (int lat in lats)
            {
                foreach (int lon in lons)
                {
                    GeohashCell cell = Geohash.Encode(lat, lon, precision);
                    Geohash.GetCenter(cell, out int centerLat, out int centerLon);
                    Assert.Equal(cell, Geohash.Encode(centerLat, centerLon, precision));
                    ReferenceGeo.Decode(cell.ToString(), out double latMin, out double latMax, out double lonMin, out double lonMax);
                    Assert.True(Math.Abs(centerLat - (latMin + latMax) / 2 * 1e7) <= 0.5 + 1e-6);
                    Assert.True(Math.Abs(centerLon - (lonMin + lonMax) / 2 * 1e7) <= 0.5 + 1e-6);
                }
            }
        }
    }

    [Fact]
    public void TryParseAsciiRejectsBadInput()
    {
        byte[] good = Encoding.ASCII.GetBytes("u4pruydqqvj0z");
        Assert.False(Geohash.TryParseAscii(null, 0, 1, out _));
        Assert.False(Geohash.TryParseAscii(good, 0, 0, out _));
        Assert.False(Geohash.TryParseAscii(good, 0, 13, out _));
        Assert.False(Geohash.TryParseAscii(good, -1, 2, out _));
        Assert.False(Geohash.TryParseAscii(good, 12, 2, out _));
        Assert.False(Geohash.TryParseAscii(good, int.MaxValue, 12, out _));
        Assert.False(Geohash.TryParseAscii(good, 0, int.MinValue, out _));
        foreach (char bad in "ailoAILO-_ {}/:@[`\0\u007f")
        {
            Assert.False(Geohash.TryParseAscii(new[] { (byte)'u', (byte)bad }, 0, 2, out GeohashCell cell), $"'{bad}' accepted");
            Assert.Equal(default, cell);
        }

        Assert.False(Geohash.TryParseAscii(new byte[] { 0xE9 }, 0, 1, out _));
        Assert.True(Geohash.TryParseAscii(good, 1, 12, out GeohashCell twelve));
        Assert.Equal("4pruydqqvj0z", twelve.ToString());
    }

    [Fact]
    public void TryParseAsciiNeverThrowsOnGarbage()
    {
        var random = new Random(Seed + 2);
        byte[] alphabetBytes = Encoding.ASCII.GetBytes(Geohash.Base32Alphabet + "BCDEFGHJKMNPQRSTUVWXYZ");
        var scratch = new byte[16];
        int accepted = 0;
        for (int i = 0; i < 100000; i++)
        {
            var source = new byte[random.Next(0, 20)];
            for (int j = 0; j < source.Length; j++)
            {
                // Mostly valid characters, so that some inputs pass and get checked too.
                source[j] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabetBytes[random.Next(alphabetBytes.Length)];
            }

            int offset = random.Next(-3, 22);
            int count = random.Next(-3, 22);
            bool ok = Geohash.TryParseAscii(source, offset, count, out GeohashCell cell);
            if (ok)
            {
                accepted++;
                int written = Geohash.WriteAscii(cell, scratch, 0);
                Assert.Equal(count, written);
                Assert.Equal(Encoding.ASCII.GetString(source, offset, count).ToLowerInvariant(), Encoding.ASCII.GetString(scratch, 0, written));
            }
            else
            {
                Assert.Equal(default, cell);
            }
        }

        Assert.True(accepted > 1000, $"only {accepted} accepted");
    }

    [Fact]
    public void BadArgumentsThrowNamingTheParameter()
    {
        Assert.Equal("precision", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.Encode(0, 0, 0)).ParamName);
        Assert.Equal("precision", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.Encode(0, 0, 13)).ParamName);
        Assert.Equal("latitudeE7", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.Encode(900000001, 0, 5)).ParamName);
        Assert.Equal("latitudeE7", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.Encode(-900000001, 0, 5)).ParamName);
        Assert.Equal("longitudeE7", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.Encode(0, 1800000001, 5)).ParamName);
        Assert.Equal("cell", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.GetBounds(default, out _, out _, out _, out _)).ParamName);
        Assert.Equal("cell", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.GetCenter(default, out _, out _)).ParamName);

        GeohashCell cell = Geohash.Encode(0, 0, 5);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.WriteAscii(cell, new byte[5], 1)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.WriteAscii(cell, new byte[5], -1)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => Geohash.WriteAscii(cell, null!, 0)).ParamName);
        Assert.Equal(5, Geohash.WriteAscii(cell, new byte[5], 0));
    }

    private static int GeohashBitsLat(int precision) => 5 * precision / 2;

    private static int GeohashBitsLon(int precision) => (5 * precision + 1) / 2;

    /// <summary>True when the E7 value is within 1e-12 degrees (1e-5 E7 units) of a cell edge.</summary>
    private static bool IsNearEdge(int valueE7, long offsetE7, long spanE7, int bits)
    {
        BigInteger scaled = (BigInteger)(valueE7 + offsetE7) << bits;
        BigInteger remainder = scaled % spanE7;
        BigInteger distance = BigInteger.Min(remainder, spanE7 - remainder);
        // distance / 2^bits E7 units < 1e-5  <=>  distance * 1e5 < 2^bits
        return distance * 100000 < (BigInteger.One << bits);
    }
}
