using System.IO;
using Peat.Edge.Aot.Sensors.Gps;
using Peat.Edge.Aot.Sensors.SelfTest;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    public sealed class SelfTestTests
    {
        [Fact]
        public void EveryCheckPassesOnThisBuildAndEachIsReported()
        {
            StringWriter output = new StringWriter();
            Assert.Equal(0, SensorSelfTest.Run(output));
            string text = output.ToString();
            Assert.Contains("selftest: nmea ok (14 sentences, 8 types besides GGA/RMC parsed: 2 fixes, 2 without a fix, 1 bad checksum, 0 unparsed)", text);
            Assert.Contains("selftest: ina219 ok (simulated register map: 3.800 V -> 56%", text);
            Assert.EndsWith("selftest: all checks passed" + System.Environment.NewLine, text);
        }

        [Fact]
        public void NmeaChecksumIsTheXorOfTheBody()
        {
            // The NMEA 0183 standard's own example sentence.
            Assert.Equal("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47", NmeaText.WithChecksum("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"));
        }
    }
}
