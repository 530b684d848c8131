using System;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Ports;
using System.Threading;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Transports.Serial
{
    /// <summary>
    /// A transparent UART radio modem (a LoRa module in "serial bridge" mode, a 433/868 MHz data radio):
    /// every frame goes to everyone in reach, COBS-framed with a CRC-16 (<see cref="SerialFraming"/>), within
    /// an airtime budget (<see cref="AirtimeBudget"/>). Reading and writing run on their own threads; the host
    /// loop only encodes and queues (a full queue drops and counts), so a slow modem never stalls the node.
    /// A port lost while running (a USB adapter unplugged) is reopened by the reader thread with a bounded
    /// backoff (<see cref="DeviceReopener"/>); meanwhile frames are dropped and counted, and charge no airtime.
    /// </summary>
    public sealed class SerialRadioTransport : ITransport
    {
        /// <summary>Frames waiting for (or being written by) the writer thread; beyond this they are dropped and counted.</summary>
        public const int WriteQueueCapacity = 16;

        private const int ReadTimeoutMs = 200;

        private const int WriteTimeoutMs = 2000;

        private readonly SerialSettings _settings;
        private readonly Log _log;
        private readonly SerialFrameDecoder _decoder;
        private readonly byte[] _scratch;
        private readonly MonotonicClock _clock = new MonotonicClock();
        private readonly AirtimeBudget _budget;
        private readonly ConcurrentQueue<byte[]> _writes = new ConcurrentQueue<byte[]>();
        private readonly SemaphoreSlim _writeSignal = new SemaphoreSlim(0, int.MaxValue);
        private readonly object _budgetGate = new object();
        private readonly SerialPortSlot _port = new SerialPortSlot();
        private readonly DeviceReopener _reopener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private SerialPort? _writeFailedPort; // Writer thread only: the port whose first write failure was logged.
        private int _queued;
        private long _txFrames;
        private long _txOversize;
        private long _txQueueFull;
        private long _txErrors;
        private long _txDeviceDown;
        private long _rxBytes;

        public SerialRadioTransport(SerialSettings settings, Log log)
        {
            _settings = settings;
            _log = log;
            _decoder = new SerialFrameDecoder(settings.FrameBytesMax);
            _scratch = new byte[settings.FrameBytesMax + 2];
            _budget = new AirtimeBudget(settings.AirBitrateBps, settings.DutyCyclePercent, settings.DutyCycleWindowMs, settings.PerFrameOverheadMs, 0);
            _reopener = new DeviceReopener(log, "serial", settings.Device);
        }

        public string Name => "serial";

        /// <summary>Opens the device; a missing or busy device is a <see cref="StartupException"/>.</summary>
        public void Open()
        {
            string? error = TryOpen();
            if (error != null)
            {
                throw new StartupException("transports.serial.device: cannot open '" + _settings.Device + "': " + error);
            }
        }

        public void Start(Inbox inbox)
        {
            new Thread(() => ReadLoop(inbox)) { IsBackground = true, Name = "serial-rx" }.Start();
            new Thread(WriteLoop) { IsBackground = true, Name = "serial-tx" }.Start();
        }

        public void Broadcast(byte[] buffer, int count)
        {
            if (count > _settings.FrameBytesMax)
            {
                Interlocked.Increment(ref _txOversize);
                return;
            }

            if (_port.Current == null)
            {
                Interlocked.Increment(ref _txDeviceDown); // Lost and not reopened yet: nothing goes on air.
                return;
            }

            // A place in the queue first, then the airtime: a frame dropped for a full queue never goes on
            // air, so it must not spend the budget the next frames need.
            if (Interlocked.Increment(ref _queued) > WriteQueueCapacity)
            {
                Interlocked.Decrement(ref _queued);
                Interlocked.Increment(ref _txQueueFull);
                return;
            }

            byte[] wire = new byte[SerialFraming.WireBytesMax(count)];
            int wireCount;
            lock (_budgetGate)
            {
                wireCount = SerialFraming.Encode(buffer, 0, count, _scratch, wire);
                if (!_budget.TryConsume(wireCount, _clock.NowMs))
                {
                    Interlocked.Decrement(ref _queued); // Refused (and counted by the budget): the place is free again.
                    return;
                }
            }

            Array.Resize(ref wire, wireCount);
            _writes.Enqueue(wire);
            _writeSignal.Release();
        }

        /// <summary>A radio is a broadcast medium: a unicast frame goes on air like any other.</summary>
        public void SendTo(byte[] buffer, int count, object address) => Broadcast(buffer, count);

        public void ReadCounters(CounterList counters)
        {
            counters.Add("serial_tx_frames", Interlocked.Read(ref _txFrames));
            counters.Add("serial_tx_oversize", Interlocked.Read(ref _txOversize));
            counters.Add("serial_tx_queue_full", Interlocked.Read(ref _txQueueFull));
            counters.Add("serial_tx_errors", Interlocked.Read(ref _txErrors));
            counters.Add("serial_tx_device_down", Interlocked.Read(ref _txDeviceDown));
            counters.Add("serial_device_lost", _reopener.Losses);
            counters.Add("serial_reopen_attempts", _reopener.Attempts);
            lock (_budgetGate)
            {
                counters.Add("serial_tx_airtime_refused", _budget.Refused);
                counters.Add("serial_tx_airtime_used_ms", _budget.AirtimeUsedUs / 1000);
            }

            counters.Add("serial_rx_bytes", Interlocked.Read(ref _rxBytes));
            lock (_decoder)
            {
                counters.Add("serial_rx_frames", _decoder.FramesDecoded);
                counters.Add("serial_rx_crc_errors", _decoder.CrcErrors);
                counters.Add("serial_rx_cobs_errors", _decoder.CobsErrors);
                counters.Add("serial_rx_oversize", _decoder.Oversize);
                counters.Add("serial_rx_runts", _decoder.Runts);
            }
        }

        // Opens the port; null when open, otherwise why not.
        private string? TryOpen()
        {
            if (!File.Exists(_settings.Device))
            {
                return "no such device";
            }

            return _port.TryOpen(() => new SerialPort(_settings.Device, _settings.BaudRate, Parity.None, 8, StopBits.One)
            {
                ReadTimeout = ReadTimeoutMs,
                WriteTimeout = WriteTimeoutMs,
                Handshake = Handshake.None,
            });
        }

        /// <summary>Set when the reading thread has ended (for tests: a stop must end it quietly).</summary>
        internal ManualResetEventSlim ReadLoopEnded { get; } = new ManualResetEventSlim();

        private void ReadLoop(Inbox inbox)
        {
            try
            {
                ReadUntilStopped(inbox);
            }
            finally
            {
                ReadLoopEnded.Set();
            }
        }

        private void ReadUntilStopped(Inbox inbox)
        {
            byte[] buffer = new byte[512];
            Action<byte[], int> onFrame = (frame, count) =>
            {
                byte[] copy = new byte[count];
                Buffer.BlockCopy(frame, 0, copy, 0, count);
                inbox.Post(new InboundFrame(copy, count, this, null));
            };
            while (!_stop.IsCancellationRequested)
            {
                SerialPort? port = _port.Current;
                if (port == null)
                {
                    return; // Disposed.
                }

                int n;
                try
                {
                    n = port.Read(buffer, 0, buffer.Length);
                }
                catch (TimeoutException) when (!SerialPortSlot.IsGone(_settings.Device))
                {
                    continue;
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return; // Disposed under this read, whatever the port says then (as in GpsReader).
                }
                catch (Exception e) when (e is IOException || e is InvalidOperationException || e is TimeoutException)
                {
                    // A frame cut by the loss ends at the next frame's leading zero and is counted as a CRC or
                    // COBS error, like any frame cut on the air.
                    if (_stop.IsCancellationRequested || !Reopen(port, e is TimeoutException ? SerialPortSlot.DeviceRemoved : e.Message))
                    {
                        return;
                    }

                    continue;
                }

                Interlocked.Add(ref _rxBytes, n);
                lock (_decoder)
                {
                    _decoder.Feed(buffer, 0, n, onFrame);
                }
            }
        }

        // The port is gone: close it (without waiting on it) and open the device again until it is back or the transport stops.
        private bool Reopen(SerialPort lost, string error)
        {
            _port.Lose(lost);
            return _reopener.Reopen(error, TryOpen, _stop.Token);
        }

        private void WriteLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                _writeSignal.Wait(500);
                while (_writes.TryDequeue(out byte[]? wire))
                {
                    Write(wire);
                    Interlocked.Decrement(ref _queued); // After the write: Dispose waits for it (the leave beacon).
                }
            }
        }

        private void Write(byte[] wire)
        {
            SerialPort? port = _port.Current;
            if (port == null)
            {
                Interlocked.Increment(ref _txDeviceDown); // Queued before the port was lost.
                return;
            }

            try
            {
                port.Write(wire, 0, wire.Length);
                Interlocked.Increment(ref _txFrames);
            }
            catch (Exception e) when (e is IOException || e is TimeoutException || e is InvalidOperationException)
            {
                Interlocked.Increment(ref _txErrors);
                if (port != _writeFailedPort)
                {
                    _writeFailedPort = port; // Once per opened port: a reopened port that fails again is news.
                    _log.Warn("serial_write_failed", "device", _settings.Device, "error", e.Message);
                }
            }
        }

        /// <summary>Writes what is still queued (the leave beacon), then closes the port.</summary>
        public void Dispose()
        {
            long deadline = Environment.TickCount64 + 500;
            while (Volatile.Read(ref _queued) > 0 && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(5);
            }

            _stop.Cancel();
            _writeSignal.Release();
            _port.Close();
        }
    }
}
