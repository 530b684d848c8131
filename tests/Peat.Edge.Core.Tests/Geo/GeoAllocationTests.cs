using Peat.Edge.Core.Geo;
using Xunit;

namespace Peat.Edge.Core.Tests.Geo;

public sealed class GeoAllocationTests
{
    private const int Iterations = 10000;

    [Fact]
    public void HotPathAllocatesNothing() => SteadyState.AssertAllocatesNothing(HotPath);

    private static long HotPath()
    {
        var neighbours = new GeohashCell[8];
        var ascii = new byte[12];
        double sink = 0;
        Run(neighbours, ascii, ref sink, 200);   // warm up: JIT and type initialisers

        long before = GC.GetAllocatedBytesForCurrentThread();
        long checksum = Run(neighbours, ascii, ref sink, Iterations);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.NotEqual(0, checksum);
        Assert.False(double.IsNaN(sink));
        return after - before;
    }

    private static long Run(GeohashCell[] neighbours, byte[] ascii, ref double sink, int iterations)
    {
        long checksum = 0;
        for (int i = 0; i < iterations; i++)
        {
            int lat = (int)((i * 179999L) % 900000000L);
            int lon = (int)((i * 359999L) % 1800000000L) - 900000000;
            int precision = 1 + (i % 12);
            GeohashCell cell = Geohash.Encode(lat, lon, precision);
            sink += GeoDistance.DistanceM(lat, lon, lat + 1000, lon - 1000);
            sink += GeoDistance.BearingDegrees(lat, lon, lat + 1000, lon - 1000);
            checksum += GeoDistance.DistanceMRounded(lat, lon, -lat, lon);
            if (Geohash.TryGetNeighbour(cell, 1 - (i % 3), (i % 3) - 1, out GeohashCell neighbour))
            {
                checksum += Geohash.IsInCellOrNeighbour(cell, neighbour) ? 1 : 0;
            }

            checksum += Geohash.IsInCellOrNeighbour(cell, Geohash.Encode(-lat, lon, 12)) ? 1 : 0;
            checksum += Geohash.GetNeighbours(cell, neighbours, 0);
            int written = Geohash.WriteAscii(cell, ascii, 0);
            checksum += Geohash.TryParseAscii(ascii, 0, written, out GeohashCell parsed) && parsed == cell ? 1 : 0;
            Geohash.GetBounds(cell, out int minLat, out _, out _, out int maxLon);
            Geohash.GetCenter(cell, out int centerLat, out int centerLon);
            checksum += minLat + maxLon + centerLat + centerLon + cell.GetHashCode();
            checksum += cell.Contains(lat, lon) && cell.IsWithin(cell.Truncate(1)) ? 1 : 0;
            sink += GeoMath.Sqrt(i) + GeoMath.Asin(i * 1e-4) + GeoMath.Atan2(i, 3 - i);
        }

        return checksum;
    }
}
