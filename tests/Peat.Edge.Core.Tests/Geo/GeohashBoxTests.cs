using Peat.Edge.Core.Geo;
using Xunit;

namespace Peat.Edge.Core.Tests.Geo;

/// <summary>A cell's box holds exactly the points Geohash.Encode puts in the cell.</summary>
public sealed class GeohashBoxTests
{
    private const int LatitudeMaxE7 = 900000000;
    private const int LongitudeMaxE7 = 1800000000;

    private static void AssertAgreesAround(GeohashBox box, int latitudeE7, int longitudeE7)
    {
        // The point itself and its integer neighbours: a box edge off by one E7 unit shows here.
        for (int dLat = -1; dLat <= 1; dLat++)
        {
            for (int dLon = -1; dLon <= 1; dLon++)
            {
                long lat = (long)latitudeE7 + dLat;
                long lon = (long)longitudeE7 + dLon;
                if (lat < -LatitudeMaxE7 || lat > LatitudeMaxE7 || lon < -LongitudeMaxE7 || lon > LongitudeMaxE7)
                {
                    continue;
                }

                bool encoded = Geohash.Encode((int)lat, (int)lon, box.Cell.Precision) == box.Cell;
                Assert.True(encoded == box.Contains((int)lat, (int)lon), $"cell {box.Cell} point {lat},{lon}: encode says {encoded}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(12)]
    public void Points_on_and_next_to_every_edge_agree_with_the_encoding(int precision)
    {
        var random = new Random(precision);
        int inside = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            int latitudeE7 = random.Next(-LatitudeMaxE7, LatitudeMaxE7 + 1);
            int longitudeE7 = random.Next(-LongitudeMaxE7, LongitudeMaxE7);
            GeohashCell cell = Geohash.Encode(latitudeE7, longitudeE7, precision);
            var box = new GeohashBox();
            box.Set(cell);
            Geohash.GetBounds(cell, out int minLat, out int minLon, out int maxLat, out int maxLon);
            // The widened bounds' corners and edges (points on or just past the exact edges), the point
            // itself, and the other cells' points around it.
            AssertAgreesAround(box, latitudeE7, longitudeE7);
            AssertAgreesAround(box, minLat, minLon);
            AssertAgreesAround(box, maxLat, maxLon);
            AssertAgreesAround(box, minLat, maxLon);
            AssertAgreesAround(box, maxLat, minLon);
            AssertAgreesAround(box, minLat, longitudeE7);
            AssertAgreesAround(box, maxLat, longitudeE7);
            AssertAgreesAround(box, latitudeE7, minLon);
            AssertAgreesAround(box, latitudeE7, maxLon);
            inside += box.Contains(latitudeE7, longitudeE7) ? 1 : 0;
        }

        Assert.Equal(300, inside);
    }

    [Fact]
    public void The_poles_and_the_antimeridian_belong_where_the_encoding_puts_them()
    {
        foreach (int precision in new[] { 1, 4, 7, 12 })
        {
            foreach (int latitudeE7 in new[] { -LatitudeMaxE7, 0, LatitudeMaxE7 })
            {
                foreach (int longitudeE7 in new[] { -LongitudeMaxE7, 0, LongitudeMaxE7 })
                {
                    var box = new GeohashBox();
                    box.Set(Geohash.Encode(latitudeE7, longitudeE7, precision));
                    AssertAgreesAround(box, latitudeE7, longitudeE7);
                    AssertAgreesAround(box, LatitudeMaxE7, LongitudeMaxE7);
                    AssertAgreesAround(box, -LatitudeMaxE7, -LongitudeMaxE7);
                }
            }
        }
    }

    [Fact]
    public void A_box_never_set_contains_nothing_and_set_again_follows_the_new_cell()
    {
        var box = new GeohashBox();
        Assert.False(box.Contains(0, 0));
        box.Set(Geohash.Encode(473977000, 85456000, 7));
        Assert.True(box.Contains(473977000, 85456000));
        box.Set(Geohash.Encode(-337000000, 1512000000, 7));
        Assert.False(box.Contains(473977000, 85456000));
        Assert.True(box.Contains(-337000000, 1512000000));
    }
}
