using Peat.Edge.Core.Geo;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Geo;

public sealed class GeohashNeighbourTests
{
    private const int Seed = 99;
    private static readonly int[] LatitudeSteps = { 1, 1, 0, -1, -1, -1, 0, 1 };   // N, NE, E, SE, S, SW, W, NW
    private static readonly int[] LongitudeSteps = { 0, 1, 1, 1, 0, -1, -1, -1 };
    private readonly ITestOutputHelper _output;

    public GeohashNeighbourTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Reference neighbour: the cell containing (centre + step * cell size), longitude wrapped into
    /// [-180, 180), or null when that point is past a pole. Works on the exact dyadic bounds in degrees.
    /// </summary>
    private static string? ReferenceNeighbour(GeohashCell cell, int latitudeStep, int longitudeStep)
    {
        ReferenceGeo.Decode(cell.ToString(), out double latMin, out double latMax, out double lonMin, out double lonMax);
        double latitude = (latMin + latMax) / 2 + latitudeStep * (latMax - latMin);
        if (latitude < -90 || latitude > 90)
        {
            return null;
        }

        double longitude = ReferenceGeo.WrapLongitude((lonMin + lonMax) / 2 + longitudeStep * (lonMax - lonMin));
        return ReferenceGeo.Encode(latitude, longitude, cell.Precision);
    }

    private static void AssertMatchesReference(GeohashCell cell)
    {
        var neighbours = new GeohashCell[10];
        int count = Geohash.GetNeighbours(cell, neighbours, 1);
        int expectedIndex = 1;
        for (int direction = 0; direction < 8; direction++)
        {
            string? expected = ReferenceNeighbour(cell, LatitudeSteps[direction], LongitudeSteps[direction]);
            bool ok = Geohash.TryGetNeighbour(cell, LatitudeSteps[direction], LongitudeSteps[direction], out GeohashCell neighbour);
            Assert.Equal(expected != null, ok);
            if (expected == null)
            {
                Assert.Equal(default, neighbour);
                continue;
            }

            Assert.Equal(expected, neighbour.ToString());
            Assert.Equal(neighbour, neighbours[expectedIndex++]);
            Assert.True(Geohash.IsInCellOrNeighbour(cell, neighbour));
            Assert.True(Geohash.IsInCellOrNeighbour(neighbour, cell));
        }

        Assert.Equal(expectedIndex - 1, count);
        Assert.Equal(default, neighbours[0]);
        // Distinct from each other and from the cell.
        Assert.Equal(count, neighbours.Skip(1).Take(count).Distinct().Count());
        Assert.DoesNotContain(cell, neighbours.Skip(1).Take(count));
        Assert.True(Geohash.TryGetNeighbour(cell, 0, 0, out GeohashCell self));
        Assert.Equal(cell, self);
    }

    [Fact]
    public void RandomCellsMatchReferenceAtEveryPrecision()
    {
        var random = new Random(Seed);
        for (int i = 0; i < 1500; i++)
        {
            int lat = random.Next(-900000000, 900000001);
            int lon = random.Next(-1800000000, 1800000001);
            for (int precision = 1; precision <= 12; precision++)
            {
                AssertMatchesReference(Geohash.Encode(lat, lon, precision));
            }
        }
    }

    [Fact]
    public void EveryPrecisionOneCellMatchesReference()
    {
        int fiveNeighbourCells = 0;
        var neighbours = new GeohashCell[8];
        for (ulong bits = 0; bits < 32; bits++)
        {
            var cell = new GeohashCell(bits, 1);
            AssertMatchesReference(cell);
            if (Geohash.GetNeighbours(cell, neighbours, 0) == 5)
            {
                fiveNeighbourCells++;
            }
        }

        // 8 columns x 4 rows: the 16 cells of the top and bottom rows have 5 neighbours.
        Assert.Equal(16, fiveNeighbourCells);
        // "b" (north-west corner) wraps west to "z" (north-east corner), and the reverse.
        GeohashCell b = Parse("b"), z = Parse("z");
        Assert.True(Geohash.TryGetNeighbour(b, 0, -1, out GeohashCell west));
        Assert.Equal(z, west);
        Assert.True(Geohash.TryGetNeighbour(z, 0, 1, out GeohashCell east));
        Assert.Equal(b, east);
    }

    [Fact]
    public void CellsEitherSideOfTheAntimeridianAreNeighbours()
    {
        for (int precision = 1; precision <= 12; precision++)
        {
            foreach (int lat in new[] { -899999999, -450000000, 0, 123456789, 899999999 })
            {
                GeohashCell east = Geohash.Encode(lat, 1799999999, precision);
                GeohashCell west = Geohash.Encode(lat, -1799999999, precision);
                Assert.NotEqual(east, west);
                Assert.True(Geohash.TryGetNeighbour(east, 0, 1, out GeohashCell n));
                Assert.Equal(west, n);
                Assert.True(Geohash.TryGetNeighbour(west, 0, -1, out n));
                Assert.Equal(east, n);
                Assert.True(Geohash.IsInCellOrNeighbour(east, west));
                Assert.True(Geohash.IsInCellOrNeighbour(west, east));
                // A much finer candidate across the line counts too.
                Assert.True(Geohash.IsInCellOrNeighbour(east, Geohash.Encode(lat, -1799999999, 12)));
                AssertMatchesReference(east);
                AssertMatchesReference(west);
            }
        }

        // The example from the brief: +-179.99 at a precision whose cells are wider than 0.01 degrees.
        GeohashCell a = Geohash.Encode(0, 1799900000, 5), b = Geohash.Encode(0, -1799900000, 5);
        Assert.True(Geohash.IsInCellOrNeighbour(a, b));
        Assert.True(GeoDistance.DistanceM(0, 1799900000, 0, -1799900000) < 2300);
    }

    [Fact]
    public void PoleRowsHaveFiveNeighboursAndNoneBeyondThePole()
    {
        var neighbours = new GeohashCell[8];
        for (int precision = 1; precision <= 12; precision++)
        {
            foreach (int lon in new[] { -1800000000, -1, 0, 987654321, 1799999999 })
            {
                GeohashCell north = Geohash.Encode(900000000, lon, precision);
                Assert.Equal(5, Geohash.GetNeighbours(north, neighbours, 0));
                Assert.False(Geohash.TryGetNeighbour(north, 1, 0, out GeohashCell none));
                Assert.Equal(default, none);
                Assert.False(Geohash.TryGetNeighbour(north, 1, 1, out _));
                Assert.False(Geohash.TryGetNeighbour(north, 1, -1, out _));
                // E, SE, S, SW, W in that order.
                Assert.True(Geohash.TryGetNeighbour(north, 0, 1, out GeohashCell e));
                Assert.Equal(e, neighbours[0]);
                Assert.True(Geohash.TryGetNeighbour(north, -1, 0, out GeohashCell s));
                Assert.Equal(s, neighbours[2]);
                AssertMatchesReference(north);

                GeohashCell south = Geohash.Encode(-900000000, lon, precision);
                Assert.Equal(5, Geohash.GetNeighbours(south, neighbours, 0));
                Assert.False(Geohash.TryGetNeighbour(south, -1, 0, out _));
                Assert.False(Geohash.TryGetNeighbour(south, -1, 1, out _));
                Assert.False(Geohash.TryGetNeighbour(south, -1, -1, out _));
                Assert.True(Geohash.TryGetNeighbour(south, 1, 0, out GeohashCell n));
                Assert.Equal(n, neighbours[0]);
                AssertMatchesReference(south);

                // One row down from the pole has all 8.
                Assert.Equal(8, Geohash.GetNeighbours(s, neighbours, 0));
            }
        }
    }

    [Fact]
    public void IsInCellOrNeighbourCases()
    {
        GeohashCell center = Parse("u4pru");
        Assert.True(Geohash.IsInCellOrNeighbour(center, center));
        Assert.True(Geohash.IsInCellOrNeighbour(center, Parse("u4pruydqqvj")));      // inside, finer
        Assert.False(Geohash.IsInCellOrNeighbour(center, Parse("u4pr")));            // coarser candidate
        Assert.False(Geohash.IsInCellOrNeighbour(center, default));
        var neighbours = new GeohashCell[8];
        Assert.Equal(8, Geohash.GetNeighbours(center, neighbours, 0));
        foreach (GeohashCell neighbour in neighbours)
        {
            Assert.True(Geohash.IsInCellOrNeighbour(center, neighbour));
            Assert.True(Geohash.IsInCellOrNeighbour(center, Parse(neighbour + "000000")));
            Assert.True(Geohash.IsInCellOrNeighbour(center, Parse(neighbour + "zzzzzz")));
        }

        // Two cells away is out, in every direction.
        for (int latitudeStep = -2; latitudeStep <= 2; latitudeStep++)
        {
            for (int longitudeStep = -2; longitudeStep <= 2; longitudeStep++)
            {
                GeohashCell far = Step(center, latitudeStep, longitudeStep);
                bool expected = Math.Abs(latitudeStep) <= 1 && Math.Abs(longitudeStep) <= 1;
                Assert.Equal(expected, Geohash.IsInCellOrNeighbour(center, far));
            }
        }

        // Across the pole is not a neighbour: the grid stops there (same rule as TryGetNeighbour).
        GeohashCell northTop = Geohash.Encode(900000000, 0, 3);
        GeohashCell acrossPole = Geohash.Encode(900000000, -1800000000, 3);
        Assert.False(Geohash.IsInCellOrNeighbour(northTop, acrossPole));
        // The top and bottom rows are far apart even when the column matches.
        Assert.False(Geohash.IsInCellOrNeighbour(Geohash.Encode(900000000, 0, 1), Geohash.Encode(-900000000, 0, 1)));
        Assert.Equal("center", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.IsInCellOrNeighbour(default, center)).ParamName);
    }

    [Fact]
    public void IsInCellOrNeighbourAgreesWithGetNeighboursForNearbyPoints()
    {
        var random = new Random(Seed + 1);
        var neighbours = new GeohashCell[8];
        int inside = 0, outside = 0;
        for (int i = 0; i < 20000; i++)
        {
            int precision = random.Next(1, 13);
            int lat = random.Next(-900000000, 900000001);
            int lon = random.Next(-1800000000, 1800000001);
            GeohashCell center = Geohash.Encode(lat, lon, precision);
            Geohash.GetBounds(center, out int minLat, out int minLon, out int maxLat, out int maxLon);
            // A candidate up to ~2.5 cells away in each axis, at an equal or finer precision.
            long height = maxLat - minLat, width = maxLon - minLon;
            long candidateLat = Math.Clamp(lat + (long)((random.NextDouble() * 5 - 2.5) * height), -900000000, 900000000);
            long candidateLon = lon + (long)((random.NextDouble() * 5 - 2.5) * width);
            while (candidateLon > 1800000000) candidateLon -= 3600000000;
            while (candidateLon < -1800000000) candidateLon += 3600000000;
            GeohashCell candidate = Geohash.Encode((int)candidateLat, (int)candidateLon, random.Next(precision, 13));

            int count = Geohash.GetNeighbours(center, neighbours, 0);
            GeohashCell truncated = candidate.Truncate(precision);
            bool expected = truncated == center || neighbours.Take(count).Contains(truncated);
            Assert.Equal(expected, Geohash.IsInCellOrNeighbour(center, candidate));
            if (expected) inside++; else outside++;
        }

        _output.WriteLine($"seed {Seed + 1}: {inside} in cell or neighbour, {outside} not");
        Assert.True(inside > 5000 && outside > 5000);
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        GeohashCell cell = Parse("u4pru");
        Assert.Equal("latitudeStep", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.TryGetNeighbour(cell, 2, 0, out _)).ParamName);
        Assert.Equal("longitudeStep", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.TryGetNeighbour(cell, 0, -2, out _)).ParamName);
        Assert.Equal("cell", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.TryGetNeighbour(default, 0, 1, out _)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.GetNeighbours(cell, new GeohashCell[8], 1)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.GetNeighbours(cell, new GeohashCell[7], 0)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => Geohash.GetNeighbours(cell, null!, 0)).ParamName);
    }

    private static GeohashCell Step(GeohashCell cell, int latitudeSteps, int longitudeSteps)
    {
        for (int i = 0; i < Math.Abs(latitudeSteps); i++)
        {
            Assert.True(Geohash.TryGetNeighbour(cell, Math.Sign(latitudeSteps), 0, out cell));
        }

        for (int i = 0; i < Math.Abs(longitudeSteps); i++)
        {
            Assert.True(Geohash.TryGetNeighbour(cell, 0, Math.Sign(longitudeSteps), out cell));
        }

        return cell;
    }

    private static GeohashCell Parse(string text)
    {
        byte[] ascii = System.Text.Encoding.ASCII.GetBytes(text);
        Assert.True(Geohash.TryParseAscii(ascii, 0, ascii.Length, out GeohashCell cell), text);
        return cell;
    }
}
