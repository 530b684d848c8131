using System.Reflection;
using Peat.Edge.Core.Metrics;
using Xunit;

namespace Peat.Edge.Core.Tests.Metrics;

public sealed class NoOpMetricsTests
{
    [Fact]
    public void NoOpMetrics_has_no_instance_fields_so_its_one_shared_instance_is_safe_for_every_node()
    {
        FieldInfo[] fields = typeof(NoOpMetrics).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.True(fields.Length == 0, "NoOpMetrics holds state: " + string.Join(", ", fields.Select(f => f.Name)));
        Assert.Same(NoOpMetrics.Instance, NoOpMetrics.Instance);
    }
}
