using System;
using System.IO;
using System.IO.Ports;
using System.Text;
using System.Threading;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Sensors.Gps
{
    /// <summary>
    /// Reads NMEA lines from a serial GPS (or a pty, or a regular file replayed once) on its own thread
    /// and answers the host loop without blocking. Lines longer than <see cref="LineBytesMax"/> (NMEA allows
    /// 82) are discarded up to the next line end. Falls back to the configured fixed position, if any,
    /// while there is no valid fix.
    /// </summary>
    public sealed class GpsReader : IPositionSource, IDisposable
    {
        public const int LineBytesMax = 128;

        private readonly GpsSettings _settings;
        private readonly MonotonicClock _clock;
        private readonly Log _log;
        private readonly NmeaPositionTracker _tracker;
        private readonly object _gate = new object();
        private Stream? _stream;
        private SerialPort? _port;
        private volatile bool _stopping;

        public GpsReader(GpsSettings settings, MonotonicClock clock, Log log)
        {
            _settings = settings;
            _clock = clock;
            _log = log;
            _tracker = new NmeaPositionTracker(settings.StaleAfterMs);
        }

        /// <summary>Opens the device; a missing device is a <see cref="StartupException"/>.</summary>
        public void Open()
        {
            string device = _settings.Device;
            try
            {
                if (!File.Exists(device))
                {
                    throw new StartupException("sensors.gps.device: cannot open '" + device + "': no such device");
                }

                if ((File.GetAttributes(device) & FileAttributes.Device) == 0 && new FileInfo(device).Length > 0 && !device.StartsWith("/dev/", StringComparison.Ordinal))
                {
                    _stream = new FileStream(device, FileMode.Open, FileAccess.Read); // A recorded NMEA log.
                    return;
                }

                SerialPort port = new SerialPort(device, _settings.BaudRate) { ReadTimeout = 200 };
                port.Open();
                _port = port;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is InvalidOperationException)
            {
                throw new StartupException("sensors.gps.device: cannot open '" + device + "': " + e.Message);
            }
        }

        public void Start()
        {
            new Thread(ReadLoop) { IsBackground = true, Name = "gps" }.Start();
        }

        public bool TryGetPosition(long nowMs, out int latitudeE7, out int longitudeE7)
        {
            lock (_gate)
            {
                if (_tracker.TryGetPosition(nowMs, out latitudeE7, out longitudeE7))
                {
                    return true;
                }
            }

            latitudeE7 = _settings.FixedLatitudeE7;
            longitudeE7 = _settings.FixedLongitudeE7;
            return _settings.HasFixed;
        }

        private void ReadLoop()
        {
            byte[] buffer = new byte[256];
            byte[] line = new byte[LineBytesMax];
            int lineCount = 0;
            bool overlong = false;
            while (!_stopping)
            {
                int n;
                try
                {
                    n = _port != null ? _port.Read(buffer, 0, buffer.Length) : _stream!.Read(buffer, 0, buffer.Length);
                }
                catch (TimeoutException)
                {
                    continue;
                }
                catch (Exception e) when (e is IOException || e is InvalidOperationException || e is ObjectDisposedException)
                {
                    if (!_stopping)
                    {
                        _log.Error("gps_read_failed", "device", _settings.Device, "error", e.Message);
                    }

                    return;
                }

                if (n == 0)
                {
                    return; // End of a replayed file; the fix goes stale on its own.
                }

                for (int i = 0; i < n; i++)
                {
                    byte b = buffer[i];
                    if (b == (byte)'\n' || b == (byte)'\r')
                    {
                        if (!overlong && lineCount > 0)
                        {
                            string sentence = Encoding.ASCII.GetString(line, 0, lineCount);
                            lock (_gate)
                            {
                                _tracker.OnSentence(sentence, _clock.NowMs);
                            }
                        }

                        lineCount = 0;
                        overlong = false;
                        continue;
                    }

                    if (lineCount == line.Length)
                    {
                        overlong = true;
                        continue;
                    }

                    line[lineCount++] = b;
                }
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _port?.Dispose();
            _stream?.Dispose();
        }
    }
}
