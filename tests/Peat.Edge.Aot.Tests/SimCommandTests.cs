using Peat.Edge.Aot.Tests.Support;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    /// <summary>`peat-edge sim` through the real CLI: the options reach the simulator and its files are written.</summary>
    public sealed class SimCommandTests
    {
        [Fact]
        public void EventLogAndReportAreWrittenWhereTheOptionsSay()
        {
            using TempDir dir = new TempDir();
            string log = dir.File("events.log");
            string report = dir.File("report.json");
            (int code, string stdout, string stderr) = PeatEdge.RunToEnd(60000, "sim", "--scenario", "formation", "--nodes", "12", "--duration-s", "20", "--seed", "3", "--quiet", "--event-log", log, "--report", report);
            Assert.True(code == 0, stdout + stderr);
            Assert.Equal(string.Empty, stdout); // --quiet
            string[] lines = File.ReadAllLines(log);
            Assert.Contains(lines, l => l.Contains(" neighbour-added ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(" parent 0 -> ", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.Matches("^[0-9]+\\.[0-9]{6} ", l));
            Assert.Contains("\"scenario\": \"formation\"", File.ReadAllText(report));
        }
    }
}
