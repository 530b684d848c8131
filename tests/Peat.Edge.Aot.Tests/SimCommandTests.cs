using System.Globalization;
using System.Text.RegularExpressions;
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

        [Fact]
        public void LinkAreaAndSvgOptionsReachTheSimulator()
        {
            using TempDir dir = new TempDir();
            string svg = dir.File("topology.svg");
            string report = dir.File("report.json");
            (int code, string stdout, string stderr) = PeatEdge.RunToEnd(60000, "sim", "--link", "lora", "--area-m", "3000", "--nodes", "10", "--duration-s", "60", "--seed", "2", "--quiet", "--svg", svg, "--report", report);
            Assert.True(code == 0, stdout + stderr);
            string picture = File.ReadAllText(svg);
            Assert.Contains("tour, 10 nodes, lora, seed 2, t = 60 s", picture, StringComparison.Ordinal);
            Assert.Contains("area 3000 m square, range 3000 m", picture, StringComparison.Ordinal);
            Assert.Contains("\"link\": \"lora\"", File.ReadAllText(report), StringComparison.Ordinal);
        }

        [Fact]
        public void LossOptionReachesEveryLink()
        {
            // Every frame lost: nothing is delivered, and the summary says each was lost to the link. No link can
            // carry a parent, so each node is alone in its part: every node that may parent leads itself and
            // every leaf cannot attach, none an orphan, no tree deeper than its root.
            (int code, string stdout, string stderr) = PeatEdge.RunToEnd(60000, "sim", "--scenario", "formation", "--nodes", "10", "--duration-s", "20", "--seed", "2", "--loss", "1");
            Assert.True(code == 0, stdout + stderr);
            Assert.Matches("receptions: delivered 0, lost to link [1-9][0-9]*,", stdout);
            Match end = Regex.Match(stdout, "end: orphans 0, cannot attach ([0-9]+), trees ([0-9]+), max depth 0,");
            Assert.True(end.Success, stdout);
            Assert.Equal(10, int.Parse(end.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(end.Groups[2].Value, CultureInfo.InvariantCulture));
        }
    }
}
