using System;
using System.Globalization;
using System.IO;
using Iot.Device.Nmea0183;
using Iot.Device.Nmea0183.Sentences;
using Peat.Edge.Aot.Sensors.Battery;
using Peat.Edge.Aot.Sensors.Gps;

namespace Peat.Edge.Aot.Sensors.SelfTest
{
    /// <summary>
    /// <c>peat-edge selftest</c>: runs this build's sensor stack (Iot.Device.Nmea0183 and the INA219 driver,
    /// with UnitsNet under them) on known input, no hardware needed. It is what shows that the NativeAOT
    /// binary, whose trimming and ILC substitutions (Trimming/) cut UnitsNet's global unit registry, still
    /// gets what the JIT build gets from these sentences (fix or no fix and position from GGA and RMC; for
    /// eight other types, the typed sentence Iot.Device.Nmea0183 parses them into) and reads a bus voltage
    /// to within the INA219's 4 mV step; the publish script runs it on both RIDs. Exit 0 when every check
    /// passes, 1 with the failing check named.
    /// </summary>
    public static class SensorSelfTest
    {
        // Munich, the classic NMEA example position: 48°07.038' N, 11°31.000' E.
        private const int MunichLatitudeE7 = 481173000;
        private const int MunichLongitudeE7 = 115166667;

        // What a receiver sends besides GGA and RMC, and the type Iot.Device.Nmea0183 parses each into under
        // the JIT (GSA and GST have no typed class there): the typed ones build UnitsNet quantities.
        private static readonly string[] Chatter =
        {
            "GPGSV,2,1,08,01,40,083,46,02,17,308,41,12,07,344,39,14,22,228,45",
            "GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1",
            "GPVTG,054.7,T,034.4,M,005.5,N,010.2,K",
            "GPGLL,4916.45,N,12311.12,W,225444,A",
            "GPZDA,201530.00,04,07,2002,00,00",
            "GPGST,172814.0,0.006,0.023,0.020,273.6,0.023,0.020,0.031",
            "GPHDT,274.07,T",
            "GPXTE,A,A,0.67,L,N",
        };

        private static readonly Type[] ChatterTypes =
        {
            typeof(SatellitesInView), typeof(RawSentence), typeof(TrackMadeGood), typeof(PositionFastUpdate),
            typeof(TimeDate), typeof(RawSentence), typeof(HeadingTrue), typeof(CrossTrackError),
        };

        /// <summary>Runs every check, one line each on <paramref name="output"/>; returns the exit code.</summary>
        public static int Run(TextWriter output)
        {
            bool ok = Check(output, "nmea", Nmea);
            ok &= Check(output, "ina219", Ina219);
            output.WriteLine(ok ? "selftest: all checks passed" : "selftest: FAILED");
            return ok ? 0 : 1;
        }

        private static bool Check(TextWriter output, string name, Func<string> check)
        {
            try
            {
                output.WriteLine("selftest: " + name + " ok (" + check() + ")");
                return true;
            }
            catch (Exception e)
            {
                output.WriteLine("selftest: " + name + " FAILED: " + e.GetType().Name + ": " + e.Message);
                return false;
            }
        }

        private static string Nmea()
        {
            NmeaPositionTracker tracker = new NmeaPositionTracker(5000);
            long now = 0;
            DateTimeOffset lastTime = DateTimeOffset.MinValue;
            for (int i = 0; i < Chatter.Length; i++)
            {
                string line = NmeaText.WithChecksum(Chatter[i]);
                string kind = Chatter[i].Substring(2, 3);
                TalkerSentence? sentence = TalkerSentence.FromSentenceString(line, out NmeaError error);
                Require(sentence != null && error == NmeaError.None, kind + " is read (" + error + ")");
                NmeaSentence? typed = sentence!.TryGetTypedValue(ref lastTime);
                Require(typed != null && typed.GetType() == ChatterTypes[i] && typed.Valid, kind + " parses into a valid " + ChatterTypes[i].Name);
                tracker.OnSentence(line, now += 100);
            }

            Require(tracker.Unparsed == 0 && tracker.Fixes == 0 && tracker.NoFix == 0, "the tracker takes the other sentence types without a fix and without a parse failure");

            tracker.OnSentence(NmeaText.WithChecksum("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"), now += 100);
            Require(tracker.TryGetPosition(now, out int latitudeE7, out int longitudeE7), "GGA with a fix gives a position");
            RequireNear(latitudeE7, MunichLatitudeE7, "GGA latitude");
            RequireNear(longitudeE7, MunichLongitudeE7, "GGA longitude");
            tracker.OnSentence(NmeaText.WithChecksum("GPGGA,123521,,,,,0,00,,,M,,M,,"), now += 100);
            Require(!tracker.TryGetPosition(now, out _, out _), "GGA without a fix clears the position");
            tracker.OnSentence(NmeaText.WithChecksum("GPRMC,123520,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"), now += 100);
            Require(tracker.TryGetPosition(now, out latitudeE7, out longitudeE7), "RMC status A gives a position");
            RequireNear(latitudeE7, MunichLatitudeE7, "RMC latitude");
            tracker.OnSentence(NmeaText.WithChecksum("GPRMC,123522,V,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"), now += 100);
            Require(!tracker.TryGetPosition(now, out _, out _), "RMC status V clears the position");
            tracker.OnSentence(NmeaText.WithChecksum("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,").Replace("4807.038", "4807.039"), now += 100);
            Require(tracker.ChecksumErrors == 1, "a corrupted sentence is counted as a checksum error");
            long fixes = tracker.Fixes;
            tracker.OnSentence("$GPGGA,garbage", now += 100);
            Require(tracker.Fixes == fixes && !tracker.TryGetPosition(now, out _, out _), "garbage gives no fix");
            Require(tracker.Sentences == Chatter.Length + 6, "every sentence is counted");
            return string.Create(CultureInfo.InvariantCulture,
                $"{tracker.Sentences} sentences, {Chatter.Length} types besides GGA/RMC parsed: {tracker.Fixes} fixes, {tracker.NoFix} without a fix, {tracker.ChecksumErrors} bad checksum, {tracker.Unparsed} unparsed");
        }

        private static string Ina219()
        {
            SimulatedIna219 device = new SimulatedIna219 { BusVolts = 3.8 };
            using Ina219Battery battery = new Ina219Battery(device, new[] { 3.3, 4.2 }, new[] { 0.0, 100.0 });
            Require(battery.TryRead(out byte percent, out double volts), "the bus voltage reads");
            Require(Math.Abs(volts - 3.8) < 0.004 && percent == 56, "3.8 V on a 3.3-4.2 V curve is 56% (read " + volts.ToString("0.000", CultureInfo.InvariantCulture) + " V, " + percent + "%)");
            device.Fail = true;
            Require(!battery.TryRead(out percent, out _) && percent == 255, "a bus error reads as unknown");
            return string.Create(CultureInfo.InvariantCulture, $"simulated register map: {volts:0.000} V -> 56%, a bus error -> unknown");
        }

        private static void RequireNear(int actualE7, int expectedE7, string what)
        {
            Require(Math.Abs(actualE7 - expectedE7) <= 2, what + " is " + expectedE7 + " (read " + actualE7 + ")");
        }

        private static void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException(what);
            }
        }
    }
}
