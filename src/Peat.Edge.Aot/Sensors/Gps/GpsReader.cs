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
    /// while there is no valid fix. A serial device lost while running (a USB receiver unplugged) makes the
    /// fix invalid at once, and the reader reopens the device with a bounded backoff (<see cref="DeviceReopener"/>).
    /// </summary>
    public sealed class GpsReader : IPositionSource, ICounterSource, IDisposable
    {
        public const int LineBytesMax = 128;

        private const int ReadTimeoutMs = 200;

        private readonly GpsSettings _settings;
        private readonly MonotonicClock _clock;
        private readonly Log _log;
        private readonly NmeaPositionTracker _tracker;
        private readonly DeviceReopener _reopener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly object _gate = new object();
        private readonly SerialPortSlot _port = new SerialPortSlot();
        private Stream? _recording;

        /// <summary>Opens a recorded log for reading (a seam for tests: a stream that fails the way a closed file does).</summary>
        internal Func<string, Stream> OpenRecording { get; set; } = path => new FileStream(path, FileMode.Open, FileAccess.Read);

        public GpsReader(GpsSettings settings, MonotonicClock clock, Log log)
        {
            _settings = settings;
            _clock = clock;
            _log = log;
            _tracker = new NmeaPositionTracker(settings.StaleAfterMs);
            _reopener = new DeviceReopener(log, "gps", settings.Device);
        }

        /// <summary>Opens the device; a missing device is a <see cref="StartupException"/>.</summary>
        public void Open()
        {
            string? error = TryOpen();
            if (error != null)
            {
                throw new StartupException("sensors.gps.device: cannot open '" + _settings.Device + "': " + error);
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

        public void ReadCounters(CounterList counters)
        {
            counters.Add("gps_device_lost", _reopener.Losses);
            counters.Add("gps_reopen_attempts", _reopener.Attempts);
        }

        // Opens the device (or a recorded log); null when open, otherwise why not.
        private string? TryOpen()
        {
            string device = _settings.Device;
            try
            {
                if (!File.Exists(device))
                {
                    return "no such device";
                }

                if (IsRecordedLog(device))
                {
                    _recording = OpenRecording(device);
                    return null;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return e.Message;
            }

            return _port.TryOpen(() => new SerialPort(device, _settings.BaudRate) { ReadTimeout = ReadTimeoutMs });
        }

        // A recorded log is a non-empty regular file outside /dev; anything else (a tty, a pty, a link to one)
        // is a serial device. Links are followed first: judged by the link itself, a pty linked from /tmp looks
        // like a log (read as a file, and never reopened when it goes away).
        private static bool IsRecordedLog(string device)
        {
            string path = File.ResolveLinkTarget(device, true)?.FullName ?? device;
            return !path.StartsWith("/dev/", StringComparison.Ordinal) && (File.GetAttributes(path) & FileAttributes.Device) == 0 && new FileInfo(path).Length > 0;
        }

        /// <summary>Set when the reading thread has ended (for tests: a stop must end it quietly).</summary>
        internal ManualResetEventSlim ReadLoopEnded { get; } = new ManualResetEventSlim();

        private void ReadLoop()
        {
            try
            {
                ReadUntilStopped();
            }
            finally
            {
                ReadLoopEnded.Set();
            }
        }

        private void ReadUntilStopped()
        {
            byte[] buffer = new byte[256];
            byte[] line = new byte[LineBytesMax];
            int lineCount = 0;
            bool overlong = false;
            while (!_stop.IsCancellationRequested)
            {
                SerialPort? port = _port.Current;
                int n;
                try
                {
                    n = port != null ? port.Read(buffer, 0, buffer.Length) : _recording != null ? _recording.Read(buffer, 0, buffer.Length) : 0;
                }
                catch (TimeoutException) when (!SerialPortSlot.IsGone(_settings.Device))
                {
                    continue;
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    // Dispose closed the port or the recording under this read (a closed FileStream says
                    // NotSupportedException or ObjectDisposedException): stopping, not a failure. Unhandled on
                    // this thread it would take the whole process down on the way out.
                    return;
                }
                catch (Exception e) when (e is IOException || e is InvalidOperationException || e is TimeoutException)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    string reason = e is TimeoutException ? SerialPortSlot.DeviceRemoved : e.Message;

                    if (port == null)
                    {
                        _log.Error("gps_read_failed", "device", _settings.Device, "error", reason); // A recorded log: nothing to reopen.
                        return;
                    }

                    DeviceLost(port);
                    if (!_reopener.Reopen(reason, TryOpen, _stop.Token))
                    {
                        return;
                    }

                    lineCount = 0; // A sentence cut by the loss is not finished by the next device's bytes.
                    overlong = false;
                    continue;
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

        // The receiver is gone: its last fix is not the node's position any more, however fresh it was.
        private void DeviceLost(SerialPort port)
        {
            lock (_gate)
            {
                _tracker.Invalidate();
            }

            _port.Lose(port);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _port.Close();
            _recording?.Dispose();
        }
    }
}
