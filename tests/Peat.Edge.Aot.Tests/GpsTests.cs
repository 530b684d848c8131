using System.Text;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;
using Peat.Edge.Aot.Sensors.Gps;
using Peat.Edge.Aot.Tests.Support;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    public sealed class GpsTests
    {
        // Munich, the classic NMEA example position: 48°07.038' N, 11°31.000' E.
        private const int MunichLatE7 = 481173000;
        private const int MunichLonE7 = 115166667;

        internal static string Sentence(string body) => NmeaText.WithChecksum(body);

        private static readonly string Gga = Sentence("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
        private static readonly string Rmc = Sentence("GPRMC,123520,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W");
        private static readonly string GgaNoFix = Sentence("GPGGA,123521,,,,,0,00,,,M,,M,,");
        private static readonly string RmcWarning = Sentence("GPRMC,123522,V,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W");

        [Fact]
        public void GgaAndRmcGiveAFixNoFixAndWarningsInvalidateIt()
        {
            NmeaPositionTracker t = new NmeaPositionTracker(5000);
            Assert.False(t.TryGetPosition(0, out _, out _));
            t.OnSentence(Gga, 100);
            Assert.True(t.TryGetPosition(100, out int lat, out int lon));
            Assert.InRange(lat, MunichLatE7 - 2, MunichLatE7 + 2);
            Assert.InRange(lon, MunichLonE7 - 2, MunichLonE7 + 2);
            t.OnSentence(GgaNoFix, 200);
            Assert.False(t.TryGetPosition(200, out lat, out lon));
            Assert.Equal(0, lat);
            t.OnSentence(Rmc, 300);
            Assert.True(t.TryGetPosition(300, out _, out _));
            t.OnSentence(RmcWarning, 400);
            Assert.False(t.TryGetPosition(400, out _, out _));
            Assert.Equal(2, t.Fixes);
            Assert.Equal(2, t.NoFix);
        }

        [Fact]
        public void BadChecksumAndStaleFixMarkThePositionInvalid()
        {
            NmeaPositionTracker t = new NmeaPositionTracker(1000);
            t.OnSentence(Gga, 0);
            Assert.True(t.TryGetPosition(999, out _, out _));
            Assert.False(t.TryGetPosition(1001, out _, out _)); // stale
            t.OnSentence(Gga, 2000);
            string corrupted = Gga.Replace("4807.038", "4807.039"); // checksum no longer matches
            t.OnSentence(corrupted, 2100);
            Assert.False(t.TryGetPosition(2100, out _, out _));
            Assert.Equal(1, t.ChecksumErrors);
            t.OnSentence("$GPGGA,garbage", 2200);
            t.OnSentence("not nmea at all", 2300);
            Assert.False(t.TryGetPosition(2300, out _, out _));
        }

        [Fact]
        public void NmeaThroughAPtyIntoTheGpsReader()
        {
            using TempDir dir = new TempDir();
            using SocatPair pty = new SocatPair(dir);
            MonotonicClock clock = new MonotonicClock();
            GpsSettings settings = new GpsSettings { Source = GpsSource.Nmea, Device = pty.A, StaleAfterMs = 1500 };
            using GpsReader reader = new GpsReader(settings, clock, new Log(TextWriter.Null, LogLevel.Error, false));
            reader.Open();
            reader.Start();
            using FileStream gps = new FileStream(pty.B, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, false);
            void Send(string line)
            {
                byte[] bytes = Encoding.ASCII.GetBytes(line + "\r\n");
                gps.Write(bytes, 0, bytes.Length);
                gps.Flush();
            }

            Send(Gga);
            Assert.True(Wait.Until(() => reader.TryGetPosition(clock.NowMs, out _, out _), 3000) >= 0, "no fix from a valid GGA");
            reader.TryGetPosition(clock.NowMs, out int lat, out _);
            Assert.InRange(lat, MunichLatE7 - 2, MunichLatE7 + 2);

            Send(Gga.Replace("4807.038", "4807.039")); // bad checksum
            Assert.True(Wait.Until(() => !reader.TryGetPosition(clock.NowMs, out _, out _), 3000) >= 0, "a bad checksum must invalidate");

            Send(Rmc);
            Assert.True(Wait.Until(() => reader.TryGetPosition(clock.NowMs, out _, out _), 3000) >= 0, "no fix from a valid RMC");
            Send(GgaNoFix);
            Assert.True(Wait.Until(() => !reader.TryGetPosition(clock.NowMs, out _, out _), 3000) >= 0, "no fix must invalidate");

            Send(Gga);
            Assert.True(Wait.Until(() => reader.TryGetPosition(clock.NowMs, out _, out _), 3000) >= 0);
            long staleMs = Wait.Until(() => !reader.TryGetPosition(clock.NowMs, out _, out _), 5000);
            Assert.True(staleMs >= 0, "the fix never went stale");
        }

        [Fact]
        public void FixedPositionFromConfigIsTheFallbackWhileThereIsNoFix()
        {
            using TempDir dir = new TempDir();
            string log = dir.Write("nmea.log", GgaNoFix + "\r\n");
            MonotonicClock clock = new MonotonicClock();
            GpsSettings settings = new GpsSettings { Source = GpsSource.Nmea, Device = log, HasFixed = true, FixedLatitudeE7 = 1, FixedLongitudeE7 = 2 };
            using GpsReader reader = new GpsReader(settings, clock, new Log(TextWriter.Null, LogLevel.Error, false));
            reader.Open();
            reader.Start();
            Assert.True(reader.TryGetPosition(clock.NowMs, out int lat, out int lon));
            Assert.Equal(1, lat);
            Assert.Equal(2, lon);
        }

        [Fact]
        public void AReaderDisposedWhileItReadsARecordedLogStopsQuietly()
        {
            // Dispose closes the recording under the reading thread, and a FileStream closed mid-read can say
            // NotSupportedException ("Stream does not support reading"): once unhandled on that thread, it took the
            // whole test host down. The stream here blocks in Read until it is closed, then fails that way.
            using TempDir dir = new TempDir();
            string path = dir.Write("recorded.nmea", Gga + "\r\n");
            GpsSettings settings = new GpsSettings { Source = GpsSource.Nmea, Device = path, StaleAfterMs = 3600000 };
            ClosedUnderReadStream stream = new ClosedUnderReadStream();
            GpsReader reader = new GpsReader(settings, new MonotonicClock(), new Log(TextWriter.Null, LogLevel.Error, false)) { OpenRecording = _ => stream };
            reader.Open();
            reader.Start();
            Assert.True(stream.Reading.Wait(5000), "the reader never read");
            reader.Dispose();
            Assert.True(stream.Failed.Wait(5000), "the read was not failed by the close");
            Assert.True(reader.ReadLoopEnded.Wait(5000), "the reading thread did not end"); // unhandled, the failure crashes the host instead
        }

        private sealed class ClosedUnderReadStream : Stream
        {
            private readonly ManualResetEventSlim _closed = new ManualResetEventSlim();

            public ManualResetEventSlim Reading { get; } = new ManualResetEventSlim();

            public ManualResetEventSlim Failed { get; } = new ManualResetEventSlim();

            public override bool CanRead => !_closed.IsSet;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                Reading.Set();
                _closed.Wait();
                Failed.Set();
                throw new NotSupportedException("Stream does not support reading.");
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                _closed.Set();
                base.Dispose(disposing);
            }
        }

        [Fact]
        public void AGpsUnpluggedAndReplugged()
        {
            using TempDir dir = new TempDir();
            SocatPair pty = new SocatPair(dir);
            try
            {
                MonotonicClock clock = new MonotonicClock();
                LogCapture log = new LogCapture();
                // An hour: within this test only the lost device can make the fix invalid, not its age.
                GpsSettings settings = new GpsSettings { Source = GpsSource.Nmea, Device = pty.A, StaleAfterMs = 3600000 };
                using GpsReader reader = new GpsReader(settings, clock, log.Log);
                reader.Open();
                reader.Start();
                Assert.True(SendUntil(pty.B, Gga, () => reader.TryGetPosition(clock.NowMs, out _, out _), 10000), "no fix before the device was unplugged");

                pty.Unplug();
                Assert.True(Wait.Until(() => !reader.TryGetPosition(clock.NowMs, out _, out _), 10000) >= 0, "the fix outlived the device:\n" + log.Text);
                ReopenAssert.WaitForAFailedAttempt(log, "gps");
                pty = new SocatPair(dir); // the same path: the receiver is back
                Assert.True(SendUntil(pty.B, Gga, () => reader.TryGetPosition(clock.NowMs, out _, out _), 60000), "no fix after the device came back:\n" + log.Text);
                ReopenAssert.OneLossOneReopen(reader, log, "gps");
            }
            finally
            {
                pty.Dispose();
            }
        }

        // Writes the sentence every 200 ms until the condition holds (the reader may not have the device open yet).
        private static bool SendUntil(string device, string sentence, Func<bool> condition, int timeoutMs)
        {
            using FileStream gps = new FileStream(device, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, false);
            byte[] bytes = Encoding.ASCII.GetBytes(sentence + "\r\n");
            return Wait.Until(() =>
            {
                gps.Write(bytes, 0, bytes.Length);
                gps.Flush();
                return condition();
            }, timeoutMs, 200) >= 0;
        }
    }
}
