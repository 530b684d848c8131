using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Tests.Support;
using Peat.Edge.Core.Hierarchy;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    public sealed class ConfigTests
    {
        private const string Minimal = "{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"loopback\": true } } }";

        [Fact]
        public void MinimalConfigGetsGatewayDefaults()
        {
            using TempDir dir = new TempDir();
            GatewaySettings s = ConfigLoader.Load(dir.Write("c.json", Minimal));
            Assert.Equal(7u, s.Identity.NodeId);
            Assert.Equal("gateway", s.DeviceClass);
            Assert.True((s.Identity.Capabilities & Capabilities.RootCapable) != 0);
            Assert.Equal(1200, s.Limits.FrameBytesMax);
            Assert.Equal(250, s.Limits.BeaconIntervalMsMin); // wifi timing by default
            Assert.IsType<DynamicHierarchyStrategy>(s.Strategy);
            Assert.True(s.Udp!.Loopback);
            Assert.Equal("127.0.0.1", s.Udp.Interface.ToString());
            Assert.Null(s.Serial);
        }

        [Fact]
        public void EveryExampleConfigInHardwareIsValid()
        {
            string[] files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "hardware"), "*.json", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            foreach (string file in files)
            {
                GatewaySettings s = ConfigLoader.Load(file);
                Assert.True(s.Identity.NodeId != 0, file);
            }
        }

        [Fact]
        public void TheAnnotatedExampleInTheConfigurationDocIsValid()
        {
            // docs/configuration.md promises its annotated example loads; take the first jsonc block after the heading.
            string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "configuration.md"));
            int heading = doc.IndexOf("## Annotated example", StringComparison.Ordinal);
            Assert.True(heading >= 0, "docs/configuration.md has no 'Annotated example' section");
            int start = doc.IndexOf("```jsonc\n", heading, StringComparison.Ordinal) + "```jsonc\n".Length;
            int end = doc.IndexOf("\n```", start, StringComparison.Ordinal);
            using TempDir dir = new TempDir();
            GatewaySettings s = ConfigLoader.Load(dir.Write("example.json", doc.Substring(start, end - start)));
            Assert.Equal(0x00C0FFEEu, s.Identity.NodeId);
            Assert.IsType<HybridHierarchyStrategy>(s.Strategy);
            Assert.Equal(5000, s.Limits.BeaconIntervalMsMin);
            Assert.Equal(255, s.Limits.FrameBytesMax);
            Assert.NotNull(s.Udp);
            Assert.Equal("/dev/peat-lora", s.Serial!.Device);
            Assert.Equal(GpsSource.Nmea, s.Gps.Source);
            Assert.Equal(BatterySource.Ina219, s.Battery.Source);
            Assert.Equal(2, s.StaticPeers.Count);
            Assert.Equal(9464, s.PrometheusPort);
        }

        [Fact]
        public void FullConfigResolvesEverySection()
        {
            using TempDir dir = new TempDir();
            string file = dir.Write("c.json", """
                {
                  // comments and trailing commas are fine
                  "node": { "id": "0x00C0FFEE", "deviceClass": "lab", "rootCapable": true, "rootPriority": 90, "capabilities": ["sensor"], "seed": 5 },
                  "hierarchy": { "strategy": "static", "level": 1, "role": "leader" },
                  "limits": { "preset": "esp32Leaf", "timing": "lora", "neighbourCapacity": 20 },
                  "transports": {
                    "udp": { "group": "239.1.2.3", "port": 5000, "interface": "127.0.0.1", "mtuBytes": 300 },
                    "serial": { "device": "/dev/ttyS9", "baudRate": 57600, "framing": "cobs", "airBitrateBps": 1200, "dutyCyclePercent": 1 },
                  },
                  "sensors": {
                    "gps": { "source": "nmea", "device": "/dev/ttyS8", "staleAfterMs": 3000, "fixed": { "latitude": 48.1, "longitude": 11.5 } },
                    "battery": { "source": "ina219", "i2cBus": 1, "i2cAddress": 64, "curve": [[3.0, 0], [4.2, 100]] }
                  },
                  "staticPeers": [ { "id": 9, "udp": "10.0.0.9:5000" } ],
                  "security": { "meshKeyFile": "/etc/peat-edge/mesh.key" },
                  "status": { "socket": "/tmp/x.sock", "prometheus": { "enabled": true, "port": 9100 } },
                  "log": { "level": "debug" }
                }
                """);
            GatewaySettings s = ConfigLoader.Load(file);
            Assert.Equal(0x00C0FFEEu, s.Identity.NodeId);
            Assert.Equal(90, s.Identity.RootPriority);
            Assert.True((s.Identity.Capabilities & (Capabilities.Sensor | Capabilities.Gps | Capabilities.BatteryPowered)) == (Capabilities.Sensor | Capabilities.Gps | Capabilities.BatteryPowered));
            Assert.IsType<StaticHierarchyStrategy>(s.Strategy);
            Assert.Equal(20, s.Limits.NeighbourCapacity);
            Assert.Equal(4000, s.Limits.BeaconIntervalMsMin);
            Assert.Equal(300, s.Udp!.MtuBytes);
            Assert.Equal(1, s.Serial!.DutyCyclePercent);
            Assert.Equal(GpsSource.Nmea, s.Gps.Source);
            Assert.Equal(481000000, s.Gps.FixedLatitudeE7);
            Assert.Equal(BatterySource.Ina219, s.Battery.Source);
            Assert.Equal(new[] { 3.0, 4.2 }, s.Battery.CurveVolts);
            Assert.Equal(9u, s.StaticPeers[0].NodeId);
            Assert.Equal(9100, s.PrometheusPort);
            Assert.Equal(LogLevel.Debug, s.LogLevel);
        }

        [Theory]
        [InlineData("{ \"node\": { \"id\": 7, \"idd\": 8 }, \"transports\": { \"udp\": {} } }", "node.idd", "unknown key")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transport\": {} }", "transport", "unknown key")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"port\": \"x\" } } }", "transports.udp.port", "wrong type: expected a whole number")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"port\": 70000 } } }", "transports.udp.port", "must be 1..65535 (was 70000)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"loopback\": \"yes\" } } }", "transports.udp.loopback", "wrong type: expected true or false")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"group\": \"10.0.0.1\" } } }", "transports.udp.group", "must be an IPv4 multicast address")]
        [InlineData("{ \"node\": { }, \"transports\": { \"udp\": {} } }", "node.id", "missing required key")]
        [InlineData("{ \"node\": { \"id\": 0 }, \"transports\": { \"udp\": {} } }", "node.id", "must be 1..4294967294")]
        [InlineData("{ \"node\": { \"id\": \"0xZZ\" }, \"transports\": { \"udp\": {} } }", "node.id", "is not a node id")]
        [InlineData("{ \"transports\": { \"udp\": {} } }", "node", "missing required section")]
        [InlineData("{ \"node\": { \"id\": 7 } }", "transports", "at least one transport")]
        [InlineData("{ \"node\": { \"id\": 7, \"deviceClass\": \"toaster\" }, \"transports\": { \"udp\": {} } }", "node.deviceClass", "must be one of gateway, lab, leaf, sensor (was 'toaster')")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"hierarchy\": { \"strategy\": \"static\" }, \"transports\": { \"udp\": {} } }", "hierarchy.level", "required with the static strategy")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"childCapacity\": 500 }, \"transports\": { \"udp\": {} } }", "limits.childCapacity", "must be")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"serial\": { \"baudRate\": 9600 } } }", "transports.serial.device", "missing required key")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"gps\": { \"source\": \"fixed\", \"fixed\": { \"latitude\": 91, \"longitude\": 0 } } } }", "sensors.gps.fixed.latitude", "must be -90..90")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"ina219\", \"curve\": [[4.0, 0], [3.0, 100]] } } }", "sensors.battery.curve[1]", "volts must increase")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"staticPeers\": [ { \"id\": 7 } ] }", "staticPeers[0].id", "is this node's own id")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"staticPeers\": [ { \"id\": 8, \"udp\": \"nowhere\" } ] }", "staticPeers[0].udp", "must be an IPv4 address with a port")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"interface\": \"nosuchif0\" } } }", "transports.udp.interface", "no network interface named 'nosuchif0'")]
        [InlineData("{ \"node\": { \"id\": 7 ", "node", "invalid JSON")]
        [InlineData("null", "", "must hold a JSON object")]
        // Keys that do not apply to what the file chose are errors, like a level with the dynamic strategy.
        [InlineData("{ \"node\": { \"id\": 7 }, \"hierarchy\": { \"strategy\": \"dynamic\", \"level\": 1 }, \"transports\": { \"udp\": {} } }", "hierarchy.level", "only the static strategy takes a fixed level and role")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"hierarchy\": { \"baselineLevel\": 1 }, \"transports\": { \"udp\": {} } }", "hierarchy.baselineLevel", "only the hybrid strategy takes")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"hierarchy\": { \"strategy\": \"static\", \"level\": 1, \"cooldownMs\": 5 }, \"transports\": { \"udp\": {} } }", "hierarchy.cooldownMs", "only the hybrid strategy takes")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"hierarchy\": { \"strategy\": \"hybrid\", \"level\": 1 }, \"transports\": { \"udp\": {} } }", "hierarchy.level", "only the static strategy takes a fixed level and role")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"hierarchy\": { \"strategy\": \"hybrid\", \"role\": \"leader\" }, \"transports\": { \"udp\": {} } }", "hierarchy.role", "only the static strategy takes a fixed level and role")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"serial\": { \"device\": \"/dev/ttyS9\" } }, \"staticPeers\": [ { \"id\": 8, \"udp\": \"10.0.0.8:47800\" } ] }", "staticPeers[0].udp", "needs an enabled UDP transport")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"enabled\": false }, \"serial\": { \"device\": \"/dev/ttyS9\" } }, \"staticPeers\": [ { \"id\": 8, \"udp\": \"10.0.0.8:47800\" } ] }", "staticPeers[0].udp", "needs an enabled UDP transport")]
        [InlineData("{ \"node\": { \"id\": 7, \"rootCapable\": false, \"capabilities\": [\"gps\", \"rootCapable\"] }, \"transports\": { \"udp\": {} } }", "node.capabilities[1]", "contradicts node.rootCapable: false")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"gps\": { \"source\": \"fixed\", \"device\": \"/dev/ttyS8\", \"fixed\": { \"latitude\": 1, \"longitude\": 2 } } } }", "sensors.gps.device", "only source 'nmea' reads it (source is 'fixed')")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"gps\": { \"baudRate\": 4800 } } }", "sensors.gps.baudRate", "only source 'nmea' reads it (source is 'none')")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"ina219\", \"percent\": 50 } } }", "sensors.battery.percent", "only source 'fixed' reads it (source is 'ina219')")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"fixed\", \"i2cAddress\": 64 } } }", "sensors.battery.i2cAddress", "only source 'ina219' reads it (source is 'fixed')")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"ina219\", \"sysfsPath\": \"/sys/x\" } } }", "sensors.battery.sysfsPath", "only source 'sysfs' reads it (source is 'ina219')")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"none\", \"pollMs\": 1000 } } }", "sensors.battery.pollMs", "only sources 'sysfs' and 'ina219' read it (source is 'none')")]
        // A disabled section is still range-checked.
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"enabled\": false, \"port\": 99999 }, \"serial\": { \"device\": \"/dev/ttyS9\" } } }", "transports.udp.port", "must be 1..65535 (was 99999)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {}, \"serial\": { \"enabled\": false, \"baudRate\": 1 } } }", "transports.serial.baudRate", "must be 300..4000000 (was 1)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"status\": { \"prometheus\": { \"enabled\": false, \"port\": 0 } } }", "status.prometheus.port", "must be 1..65535 (was 0)")]
        // The node's frame limit must fit every enabled transport.
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"frameBytesMax\": 1200 }, \"transports\": { \"serial\": { \"device\": \"/dev/ttyS9\", \"frameBytesMax\": 255 } } }", "limits.frameBytesMax", "must be at most transports.serial.frameBytesMax (255)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"frameBytesMax\": 300 }, \"transports\": { \"udp\": {}, \"serial\": { \"device\": \"/dev/ttyS9\" } } }", "limits.frameBytesMax", "must be at most transports.serial.frameBytesMax (255)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"frameBytesMax\": 1000 }, \"transports\": { \"udp\": { \"mtuBytes\": 500 } } }", "limits.frameBytesMax", "must be at most transports.udp.mtuBytes (500)")]
        // i2cAddress: a number, a decimal string or a "0x…" string, 0x03..0x77.
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"ina219\", \"i2cAddress\": \"0x78\" } } }", "sensors.battery.i2cAddress", "must be 0x03..0x77")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"ina219\", \"i2cAddress\": 2 } } }", "sensors.battery.i2cAddress", "must be 0x03..0x77")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"ina219\", \"i2cAddress\": \"0xZZ\" } } }", "sensors.battery.i2cAddress", "is not an I2C address")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"ina219\", \"i2cAddress\": true } } }", "sensors.battery.i2cAddress", "wrong type")]
        // NodeLimits.Validate() errors are reported under the key the file wrote, in the file's words.
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"childCapacity\": 500 }, \"transports\": { \"udp\": {} } }", "limits.childCapacity", "must be 0..127 (was 500)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"preset\": \"esp32Leaf\", \"childCapacity\": 20 }, \"transports\": { \"udp\": {} } }", "limits.childCapacity", "must be smaller than limits.neighbourCapacity (16, from the esp32Leaf preset)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"preset\": \"esp32Leaf\", \"neighbourCapacity\": 4 }, \"transports\": { \"udp\": {} } }", "limits.neighbourCapacity", "must be larger than limits.childCapacity (4, from the esp32Leaf preset)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"preset\": \"esp32Leaf\", \"neighbourCapacity\": 4, \"childCapacity\": 2 }, \"transports\": { \"udp\": {} } }", "limits.neighbourCapacity", "must be larger than the esp32Leaf preset's lateral peer capacity (4) (was 4)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"preset\": \"esp32Leaf\", \"frameBytesMax\": 4000 }, \"transports\": { \"udp\": { \"mtuBytes\": 9000 } } }", "limits.frameBytesMax", "must be at most the esp32Leaf preset's telemetry buffer (2048 bytes)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"beaconIntervalMsMin\": 1000 }, \"transports\": { \"udp\": {} } }", "limits.beaconIntervalMsMin", "must be at most limits.beaconIntervalMsMax (800, from the wifi timing)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"beaconIntervalMsMax\": 200 }, \"transports\": { \"udp\": {} } }", "limits.beaconIntervalMsMax", "must be at least limits.beaconIntervalMsMin (250, from the wifi timing)")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"limits\": { \"beaconIntervalMsMin\": 50 }, \"transports\": { \"udp\": {} } }", "limits.beaconIntervalMsMin", "must be at least 100 ms (was 50)")]
        // A key given twice is an error wherever it is (the last one used to win silently).
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": { \"port\": 1, \"port\": 2 } } }", "transports.udp.port", "duplicate key")]
        [InlineData("{ \"node\": { \"id\": 7, \"id\": 8 }, \"transports\": { \"udp\": {} } }", "node.id", "duplicate key")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"node\": { \"id\": 8 } }", "node", "duplicate key")]
        [InlineData("{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"staticPeers\": [ { \"id\": 8, \"udp\": \"10.0.0.8:1\", \"udp\": \"10.0.0.9:1\" } ] }", "staticPeers[0].udp", "duplicate key")]
        public void BadConfigNamesFileKeyAndProblem(string json, string key, string problem)
        {
            using TempDir dir = new TempDir();
            string file = dir.Write("bad.json", json);
            ConfigException e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(file));
            Assert.Equal(file, e.File);
            Assert.Equal(key, e.Key);
            Assert.Contains(problem, e.Problem);
            Assert.StartsWith("config error: " + file + ": ", e.Message);
            Assert.DoesNotContain("\n", e.Message);
            // The core's words never leak: no C# field or parameter names, no key the file cannot set.
            Assert.DoesNotContain("NodeLimits", e.Message);
            Assert.DoesNotContain("(Parameter", e.Message);
            Assert.DoesNotContain("limits.telemetry", e.Message);
            Assert.DoesNotContain("limits.lateral", e.Message);
        }

        [Theory]
        [InlineData("\"0x40\"", 0x40)]
        [InlineData("\"0x4a\"", 0x4A)]
        [InlineData("\"0x03\"", 0x03)]
        [InlineData("119", 0x77)]
        [InlineData("65", 65)]
        [InlineData("\"65\"", 65)]
        public void I2cAddressTakesHexStringsAndDecimalNumbers(string written, int expected)
        {
            using TempDir dir = new TempDir();
            string file = dir.Write("c.json", "{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {} }, \"sensors\": { \"battery\": { \"source\": \"ina219\", \"i2cAddress\": " + written + " } } }");
            Assert.Equal(expected, ConfigLoader.Load(file).Battery.I2cAddress);
        }

        [Theory]
        [InlineData("\"udp\": {}", 1200)] // the gateway preset's
        [InlineData("\"udp\": {}, \"serial\": { \"device\": \"/dev/ttyS9\" }", 255)] // the radio's default
        [InlineData("\"udp\": {}, \"serial\": { \"device\": \"/dev/ttyS9\", \"frameBytesMax\": 200 }", 200)]
        [InlineData("\"udp\": { \"mtuBytes\": 600 }", 600)]
        [InlineData("\"udp\": {}, \"serial\": { \"enabled\": false, \"frameBytesMax\": 100 }", 1200)] // a disabled transport does not count
        public void FrameLimitDefaultsToTheSmallestEnabledTransport(string transports, int expected)
        {
            using TempDir dir = new TempDir();
            string file = dir.Write("c.json", "{ \"node\": { \"id\": 7 }, \"transports\": { " + transports + " } }");
            Assert.Equal(expected, ConfigLoader.Load(file).Limits.FrameBytesMax);
        }

        [Fact]
        public void AnExplicitFrameLimitBelowTheTransportsIsKept()
        {
            using TempDir dir = new TempDir();
            string file = dir.Write("c.json", "{ \"node\": { \"id\": 7 }, \"limits\": { \"frameBytesMax\": 100 }, \"transports\": { \"udp\": {}, \"serial\": { \"device\": \"/dev/ttyS9\" } } }");
            Assert.Equal(100, ConfigLoader.Load(file).Limits.FrameBytesMax);
        }

        [Fact]
        public void ADisabledSerialSectionNeedsNoDevice()
        {
            using TempDir dir = new TempDir();
            string file = dir.Write("c.json", "{ \"node\": { \"id\": 7 }, \"transports\": { \"udp\": {}, \"serial\": { \"enabled\": false, \"baudRate\": 115200 } } }");
            Assert.Null(ConfigLoader.Load(file).Serial);
        }

        [Fact]
        public void ALimitWithoutAKeyIsDescribedByWhatProducedIt()
        {
            // No file can reach this today (the presets are valid); a future preset might, and then the
            // error must not send the user looking for a key such as limits.hopLimit.
            NodeLimits limits = NodeLimits.Gateway().WithWifiTiming();
            limits.HopLimit = 0;
            ArgumentException core = Assert.Throws<ArgumentException>(() => limits.Validate());
            ConfigException e = LimitsErrors.Translate("c.json", core, limits, new LimitsErrors.Origin(null, "gateway", "wifi"));
            Assert.Equal("limits", e.Key);
            Assert.Equal("the gateway preset with wifi timing and these overrides gives a hop limit that must be 1..32 (was 0)", e.Problem);
        }

        [Fact]
        public void MissingFileAndDirectoryAreOneLineErrors()
        {
            using TempDir dir = new TempDir();
            Assert.Contains("file not found", Assert.Throws<ConfigException>(() => ConfigLoader.Load(dir.File("nope.json"))).Message);
            Assert.Contains("is a directory", Assert.Throws<ConfigException>(() => ConfigLoader.Load(dir.Path)).Message);
        }
    }
}
