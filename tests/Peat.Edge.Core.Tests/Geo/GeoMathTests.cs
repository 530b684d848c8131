using Peat.Edge.Core.Geo;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Core.Tests.Geo;

public sealed class GeoMathTests
{
    private const int Seed = 20240611;
    private const int Samples = 20000;
    private readonly ITestOutputHelper _output;

    public GeoMathTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(Math.PI / 4)]
    [InlineData(2 * Math.PI)]
    [InlineData(100.0)]
    [InlineData(1e6)]
    public void SinAndCosMatchSystemMath(double rangeRad)
    {
        var random = new Random(Seed);
        double worstSin = 0, worstCos = 0;
        for (int i = 0; i < Samples; i++)
        {
            double x = (random.NextDouble() * 2 - 1) * rangeRad;
            worstSin = Math.Max(worstSin, Math.Abs(GeoMath.Sin(x) - Math.Sin(x)));
            worstCos = Math.Max(worstCos, Math.Abs(GeoMath.Cos(x) - Math.Cos(x)));
        }

        _output.WriteLine($"|x| <= {rangeRad}: worst sin error {worstSin:E2}, cos error {worstCos:E2}");
        Assert.True(worstSin <= 1e-12, $"sin error {worstSin:E2}");
        Assert.True(worstCos <= 1e-12, $"cos error {worstCos:E2}");
    }

    [Fact]
    public void SinAndCosSpecialValues()
    {
        Assert.Equal(0.0, GeoMath.Sin(0.0));
        Assert.Equal(1.0, GeoMath.Cos(0.0));
        Assert.Equal(1.0, GeoMath.Sin(Math.PI / 2), 15);
        Assert.Equal(-1.0, GeoMath.Cos(Math.PI), 15);
        Assert.Equal(Math.Sin(1e-300), GeoMath.Sin(1e-300));
        Assert.True(double.IsNaN(GeoMath.Sin(double.NaN)));
        Assert.True(double.IsNaN(GeoMath.Cos(double.PositiveInfinity)));
        Assert.True(double.IsNaN(GeoMath.Sin(1e300)));
        // Quadrant boundaries, where the reduction switches kernels.
        for (int k = -8; k <= 8; k++)
        {
            foreach (double eps in new[] { -1e-12, 0.0, 1e-12 })
            {
                double x = k * Math.PI / 4 + eps;
                Assert.True(Math.Abs(GeoMath.Sin(x) - Math.Sin(x)) <= 1e-15, $"sin({x})");
                Assert.True(Math.Abs(GeoMath.Cos(x) - Math.Cos(x)) <= 1e-15, $"cos({x})");
            }
        }
    }

    [Fact]
    public void AtanMatchesSystemMathOverManyMagnitudes()
    {
        var random = new Random(Seed);
        double worst = 0;
        for (int i = 0; i < Samples; i++)
        {
            double x = Math.Pow(10, random.NextDouble() * 24 - 12) * (random.Next(2) == 0 ? -1 : 1);
            worst = Math.Max(worst, Math.Abs(GeoMath.Atan(x) - Math.Atan(x)));
        }

        _output.WriteLine($"worst atan error {worst:E2}");
        Assert.True(worst <= 1e-15, $"atan error {worst:E2}");
        Assert.Equal(Math.PI / 2, GeoMath.Atan(double.PositiveInfinity));
        Assert.Equal(-Math.PI / 2, GeoMath.Atan(double.NegativeInfinity));
        Assert.Equal(0.0, GeoMath.Atan(0.0));
        Assert.True(double.IsNaN(GeoMath.Atan(double.NaN)));
    }

    [Fact]
    public void Atan2MatchesSystemMathInAllQuadrants()
    {
        var random = new Random(Seed);
        double worst = 0;
        for (int i = 0; i < Samples; i++)
        {
            double y = (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-6, 7));
            double x = (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-6, 7));
            worst = Math.Max(worst, Math.Abs(GeoMath.Atan2(y, x) - Math.Atan2(y, x)));
        }

        _output.WriteLine($"worst atan2 error {worst:E2}");
        Assert.True(worst <= 1e-15, $"atan2 error {worst:E2}");

        Assert.Equal(0.0, GeoMath.Atan2(0, 0));
        Assert.Equal(0.0, GeoMath.Atan2(0, 1));
        Assert.Equal(Math.PI, GeoMath.Atan2(0, -1));
        Assert.Equal(Math.PI / 2, GeoMath.Atan2(1, 0));
        Assert.Equal(-Math.PI / 2, GeoMath.Atan2(-1, 0));
        Assert.Equal(Math.PI / 4, GeoMath.Atan2(1, 1), 15);
        Assert.Equal(-3 * Math.PI / 4, GeoMath.Atan2(-1, -1), 15);
        Assert.Equal(3 * Math.PI / 4, GeoMath.Atan2(1, -1), 15);
        Assert.Equal(-Math.PI / 4, GeoMath.Atan2(-1, 1), 15);
        Assert.True(double.IsNaN(GeoMath.Atan2(double.NaN, 1)));
    }

    [Fact]
    public void AsinMatchesSystemMathAndClamps()
    {
        var random = new Random(Seed);
        double worst = 0;
        for (int i = 0; i < Samples; i++)
        {
            double x = random.NextDouble() * 2 - 1;
            worst = Math.Max(worst, Math.Abs(GeoMath.Asin(x) - Math.Asin(x)));
        }

        // Near +-1 asin is steep: the worst case for any implementation lives there.
        for (int i = 1; i <= 52; i++)
        {
            double x = 1 - Math.Pow(2, -i);
            worst = Math.Max(worst, Math.Abs(GeoMath.Asin(x) - Math.Asin(x)));
            worst = Math.Max(worst, Math.Abs(GeoMath.Asin(-x) - Math.Asin(-x)));
        }

        _output.WriteLine($"worst asin error {worst:E2}");
        Assert.True(worst <= 1e-15, $"asin error {worst:E2}");
        Assert.Equal(Math.PI / 2, GeoMath.Asin(1.0));
        Assert.Equal(Math.PI / 2, GeoMath.Asin(1.0000001));
        Assert.Equal(-Math.PI / 2, GeoMath.Asin(-5.0));
        Assert.True(double.IsNaN(GeoMath.Asin(double.NaN)));
    }

    [Fact]
    public void SqrtMatchesSystemMath()
    {
        var random = new Random(Seed);
        double worstRelative = 0;
        for (int i = 0; i < Samples; i++)
        {
            double x = Math.Pow(10, random.NextDouble() * 600 - 300);
            worstRelative = Math.Max(worstRelative, Math.Abs(GeoMath.Sqrt(x) - Math.Sqrt(x)) / Math.Sqrt(x));
        }

        _output.WriteLine($"worst sqrt relative error {worstRelative:E2}");
        Assert.True(worstRelative <= 2.3e-16, $"sqrt relative error {worstRelative:E2}");

        Assert.Equal(0.0, GeoMath.Sqrt(0.0));
        for (int n = 1; n <= 1000; n++)
        {
            Assert.Equal((double)n, GeoMath.Sqrt((double)n * n));
        }

        // Newton without fused multiply-add may land one ulp off the correctly rounded root.
        Assert.Equal(Math.Sqrt(double.Epsilon), GeoMath.Sqrt(double.Epsilon), Math.Sqrt(double.Epsilon) * 2.3e-16);
        Assert.Equal(Math.Sqrt(double.MaxValue), GeoMath.Sqrt(double.MaxValue), Math.Sqrt(double.MaxValue) * 2.3e-16);
        Assert.Equal(Math.Sqrt(2.5e-310), GeoMath.Sqrt(2.5e-310), Math.Sqrt(2.5e-310) * 2.3e-16);
        Assert.True(double.IsPositiveInfinity(GeoMath.Sqrt(double.PositiveInfinity)));
        Assert.True(double.IsNaN(GeoMath.Sqrt(-1.0)));
        Assert.True(double.IsNaN(GeoMath.Sqrt(double.NaN)));
    }

    [Fact]
    public void ConstantsMatchSystemMath()
    {
        Assert.Equal(Math.PI, GeoMath.Pi);
        Assert.Equal(180.0 / Math.PI, GeoMath.DegreesPerRadian, 14);
        Assert.Equal(Math.PI / 180.0, GeoMath.RadiansPerDegree);
    }
}
