using Peat.Edge.Core.Geo;
using Xunit;

namespace Peat.Edge.Core.Tests.Geo;

public sealed class GeohashCellTests
{
    [Fact]
    public void EqualityUsesBitsAndPrecision()
    {
        var a = new GeohashCell(0b00000_00001, 2);
        var b = new GeohashCell(0b00001, 2);
        var c = new GeohashCell(0b00001, 1);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        // Same bits, different precision ("01" vs "1") are different cells.
        Assert.True(a != c);
        Assert.False(a.Equals((object)c));
        Assert.False(a.Equals("01"));
        Assert.False(a.Equals(null));
        Assert.Equal("01", a.ToString());
        Assert.Equal("1", c.ToString());
    }

    [Fact]
    public void HashCodesSpreadAcrossCells()
    {
        var random = new Random(5);
        var hashes = new HashSet<int>();
        for (int i = 0; i < 10000; i++)
        {
            hashes.Add(Geohash.Encode(random.Next(-900000000, 900000001), random.Next(-1800000000, 1800000001), 12).GetHashCode());
        }

        Assert.True(hashes.Count > 9990);
    }

    [Fact]
    public void TruncateAndIsWithinArePrefixes()
    {
        GeohashCell cell = Geohash.Encode(576491100, 104074400, 11);
        Assert.Equal("u4pruydqqvj", cell.ToString());
        Assert.Equal("u4pru", cell.Truncate(5).ToString());
        Assert.Equal("u", cell.Truncate(1).ToString());
        Assert.Equal(cell, cell.Truncate(11));
        Assert.True(cell.IsWithin(cell));
        Assert.True(cell.IsWithin(cell.Truncate(3)));
        Assert.False(cell.Truncate(3).IsWithin(cell));
        Assert.False(cell.IsWithin(Geohash.Encode(0, 0, 3)));
        Assert.False(cell.IsWithin(default));
        Assert.Equal("precision", Assert.Throws<ArgumentOutOfRangeException>(() => cell.Truncate(12)).ParamName);
        Assert.Equal("precision", Assert.Throws<ArgumentOutOfRangeException>(() => cell.Truncate(0)).ParamName);
    }

    [Fact]
    public void ContainsMatchesEncode()
    {
        // Precision 3 edges fall on whole E7 units (1.8e9 / 2^7 and 3.6e9 / 2^8 are integers), so the
        // corners reported by GetBounds are exact.
        GeohashCell cell = Geohash.Encode(426000000, -56000000, 3);
        Assert.True(cell.Contains(426000000, -56000000));
        Geohash.GetBounds(cell, out int minLat, out int minLon, out int maxLat, out int maxLon);
        Assert.True(cell.Contains(minLat, minLon));          // south-west corner is inside
        Assert.False(cell.Contains(maxLat, minLon));         // north edge belongs to the next row
        Assert.False(cell.Contains(minLat, maxLon));         // east edge belongs to the next column
        Assert.True(cell.Contains(maxLat - 1, maxLon - 1));
        Assert.False(cell.Contains(minLat - 1, minLon));
        Assert.False(cell.Contains(minLat, minLon - 1));
        Assert.False(default(GeohashCell).Contains(0, 0));
        Assert.Equal("latitudeE7", Assert.Throws<ArgumentOutOfRangeException>(() => cell.Contains(int.MaxValue, 0)).ParamName);
    }

    [Fact]
    public void ConstructorValidates()
    {
        Assert.Equal("precision", Assert.Throws<ArgumentOutOfRangeException>(() => new GeohashCell(0, 0)).ParamName);
        Assert.Equal("precision", Assert.Throws<ArgumentOutOfRangeException>(() => new GeohashCell(0, 13)).ParamName);
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => new GeohashCell(32, 1)).ParamName);
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => new GeohashCell(1UL << 60, 12)).ParamName);
        Assert.Equal("zzzzzzzzzzzz", new GeohashCell((1UL << 60) - 1, 12).ToString());
        Assert.Equal(string.Empty, default(GeohashCell).ToString());
    }
}
