using System;
using Peat.Edge.Core.Checks;
using Xunit;

namespace Peat.Edge.Core.Tests.Checks;

// The checks are written with unsigned comparisons (one test covers a negative value and an overrun);
// these pin every edge against the plain reading: 0 <= offset, 0 <= count, offset + count <= length.
public sealed class InvariantTests
{
    [Theory]
    [InlineData(8, 0, 8)]
    [InlineData(8, 8, 0)]
    [InlineData(8, 3, 5)]
    [InlineData(0, 0, 0)]
    public void Slice_inside_the_buffer_passes(int length, int offset, int count)
    {
        Invariant.Slice(new byte[length], offset, count);
    }

    [Theory]
    [InlineData(8, -1, 1)]
    [InlineData(8, 0, -1)]
    [InlineData(8, 0, 9)]
    [InlineData(8, 9, 0)]
    [InlineData(8, 4, 5)]
    [InlineData(8, int.MaxValue, 1)]
    [InlineData(8, 1, int.MaxValue)]
    [InlineData(8, int.MinValue, 8)]
    [InlineData(8, 8, int.MinValue)]
    [InlineData(0, 0, 1)]
    public void Slice_outside_the_buffer_throws_naming_offset(int length, int offset, int count)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => Invariant.Slice(new byte[length], offset, count));
        Assert.Equal("offset", e.ParamName);
    }

    [Fact]
    public void Slice_of_no_buffer_throws_argument_null()
    {
        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => Invariant.Slice(null!, 0, 0)).ParamName);
    }

    [Fact]
    public void InRange_names_the_parameter_and_the_rule()
    {
        Invariant.InRange(true, "count", "must be positive");
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => Invariant.InRange(false, "count", "must be positive"));
        Assert.Equal("count", e.ParamName);
        Assert.StartsWith("count must be positive", e.Message);
    }

    [Fact]
    public void That_says_what_must_hold()
    {
        Invariant.That(true, "the heap is ordered");
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => Invariant.That(false, "the heap is ordered"));
        Assert.Equal("invariant violated: the heap is ordered", e.Message);
    }
}
