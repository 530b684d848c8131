using Peat.Edge.Aot.Tests.Support;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    /// <summary>Bad config files and bad device paths: one clear line on stderr, a non-zero exit, never a stack trace.</summary>
    public sealed class CliErrorTests
    {
        private static void AssertOneLine(string stderr, string expected)
        {
            string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, "expected one line, got:\n" + stderr);
            Assert.Contains(expected, lines[0]);
            Assert.DoesNotContain("   at ", stderr);
            Assert.DoesNotContain("Exception", stderr);
        }

        [Fact]
        public void ConfigCheckAcceptsAGoodFileAndRejectsABadOne()
        {
            using TempDir dir = new TempDir();
            string good = dir.Write("good.json", "{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"loopback\": true } } }");
            (int code, string stdout, string _) = PeatEdge.RunToEnd(15000, "config", "check", good);
            Assert.Equal(0, code);
            Assert.StartsWith("config ok: " + good, stdout);

            string bad = dir.Write("bad.json", "{ \"node\": { \"id\": 7, \"colour\": \"red\" }, \"transports\": { \"udp\": {} } }");
            (code, _, string stderr) = PeatEdge.RunToEnd(15000, "config", "check", bad);
            Assert.Equal(2, code);
            AssertOneLine(stderr, "config error: " + bad + ": node.colour: unknown key");
        }

        [Theory]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"port\": 1,\n \"port\": 2 } } }", "transports.udp.port: duplicate key")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"preset\": \"esp32Leaf\", \"frameBytesMax\": 4000 }, \"transports\": { \"udp\": { \"mtuBytes\": 9000 } } }", "limits.frameBytesMax: must be at most the esp32Leaf preset's telemetry buffer (2048 bytes)")]
        public void ConfigCheckNamesTheKeyTheFileWrote(string json, string expected)
        {
            using TempDir dir = new TempDir();
            string bad = dir.Write("bad.json", json);
            (int code, string _, string stderr) = PeatEdge.RunToEnd(15000, "config", "check", bad);
            Assert.Equal(2, code);
            AssertOneLine(stderr, "config error: " + bad + ": " + expected);
            Assert.DoesNotContain("Parameter", stderr);
        }

        [Fact]
        public void RunWithABadConfigExitsTwo()
        {
            using TempDir dir = new TempDir();
            string bad = dir.Write("bad.json", "{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"port\": -1 } } }");
            (int code, string _, string stderr) = PeatEdge.RunToEnd(15000, "run", "--config", bad);
            Assert.Equal(2, code);
            AssertOneLine(stderr, "transports.udp.port: must be 1..65535 (was -1)");
            (code, _, stderr) = PeatEdge.RunToEnd(15000, "run", "--config", dir.File("missing.json"));
            Assert.Equal(2, code);
            AssertOneLine(stderr, "missing.json: file not found");
        }

        [Theory]
        [InlineData("\"transports\": { \"serial\": { \"device\": \"/dev/peat-no-such-tty\" } }", "transports.serial.device: cannot open '/dev/peat-no-such-tty'")]
        [InlineData("\"transports\": { \"udp\": { \"loopback\": true } }, \"sensors\": { \"gps\": { \"source\": \"nmea\", \"device\": \"/dev/peat-no-such-gps\" } }", "sensors.gps.device: cannot open '/dev/peat-no-such-gps'")]
        [InlineData("\"transports\": { \"udp\": { \"loopback\": true } }, \"sensors\": { \"battery\": { \"source\": \"sysfs\", \"sysfsPath\": \"/sys/class/power_supply/NOPE\" } }", "sensors.battery.sysfsPath: no capacity file")]
        [InlineData("\"transports\": { \"udp\": { \"loopback\": true } }, \"sensors\": { \"battery\": { \"source\": \"ina219\", \"i2cBus\": 77 } }", "sensors.battery.i2cBus: no I2C bus at '/dev/i2c-77'")]
        [InlineData("\"transports\": { \"udp\": { \"loopback\": true } }, \"security\": { \"meshKeyFile\": \"/nonexistent/mesh.key\" }", "security.meshKeyFile: /nonexistent/mesh.key: file not found")]
        public void RunWithABadDevicePathExitsOne(string sections, string expected)
        {
            using TempDir dir = new TempDir();
            string config = dir.Write("c.json", "{ \"node\": { \"id\": 7 }, \"status\": { \"socket\": \"" + dir.File("s.sock") + "\" }, " + sections + " }");
            (int code, string _, string stderr) = PeatEdge.RunToEnd(15000, "run", "--config", config);
            Assert.Equal(1, code);
            AssertOneLine(stderr, "peat-edge: " + expected);
        }

        [Fact]
        public void StatusWithNoNodeRunningIsOneLine()
        {
            using TempDir dir = new TempDir();
            (int code, string _, string stderr) = PeatEdge.RunToEnd(15000, "status", "--socket", dir.File("none.sock"));
            Assert.Equal(1, code);
            AssertOneLine(stderr, "peat-edge status: cannot reach a node on " + dir.File("none.sock"));
        }
    }
}
