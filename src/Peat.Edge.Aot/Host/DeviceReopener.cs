using System;
using System.Threading;

namespace Peat.Edge.Aot.Host
{
    /// <summary>
    /// Brings back a device lost while the node runs (a USB GPS pulled out, a modem's tty gone with its
    /// adapter). Nobody is there to restart a field device and the device may come back minutes or days
    /// later, so the adapter's reader thread retries for as long as the node runs: first after
    /// <see cref="RetryDelayMsMin"/>, then twice as long each time up to <see cref="RetryDelayMsMax"/>. A replugged
    /// device is back within that bound, and one that stays away costs an open attempt every 30 s, not a
    /// busy loop. The log says what changed, not every attempt: the loss (error), a failure whose reason
    /// differs from the last one logged (warn), the reopen (info).
    /// </summary>
    public sealed class DeviceReopener
    {
        /// <summary>Wait before the first attempt: a device that just vanished is not back at once.</summary>
        public const int RetryDelayMsMin = 1000;

        /// <summary>Longest wait between two attempts: how late a replugged device may be noticed.</summary>
        public const int RetryDelayMsMax = 30000;

        private readonly Log _log;
        private readonly string _adapter;
        private readonly string _device;
        private long _losses;
        private long _attempts;

        /// <param name="adapter">The prefix of the log events (<c>gps</c>: <c>gps_device_lost</c>, <c>gps_reopened</c>).</param>
        public DeviceReopener(Log log, string adapter, string device)
        {
            _log = log;
            _adapter = adapter;
            _device = device;
        }

        /// <summary>Times the device was lost while running.</summary>
        public long Losses => Interlocked.Read(ref _losses);

        /// <summary>Open attempts made after losses, failed or not.</summary>
        public long Attempts => Interlocked.Read(ref _attempts);

        /// <summary>The wait after an attempt that followed a wait of <paramref name="delayMs"/>: doubled, at most <see cref="RetryDelayMsMax"/>.</summary>
        public static int NextDelayMs(int delayMs) => delayMs >= RetryDelayMsMax / 2 ? RetryDelayMsMax : delayMs * 2;

        /// <summary>
        /// Logs the loss (<paramref name="error"/>), then calls <paramref name="tryOpen"/> after each wait until it
        /// returns null (open again: true) or <paramref name="stop"/> is cancelled (false). <paramref name="tryOpen"/>
        /// returns why the device could not be opened.
        /// </summary>
        public bool Reopen(string error, Func<string?> tryOpen, CancellationToken stop)
        {
            Interlocked.Increment(ref _losses);
            _log.Error(_adapter + "_device_lost", "device", _device, "error", error, "retry_ms", RetryDelayMsMin);
            long lostAtMs = Environment.TickCount64;
            string? lastLogged = null;
            int delayMs = RetryDelayMsMin;
            for (int attempt = 1; !stop.WaitHandle.WaitOne(delayMs); attempt++)
            {
                Interlocked.Increment(ref _attempts);
                string? failure = tryOpen();
                if (failure == null)
                {
                    _log.Info(_adapter + "_reopened", "device", _device, "attempts", attempt, "down_ms", Environment.TickCount64 - lostAtMs);
                    return true;
                }

                delayMs = NextDelayMs(delayMs);
                if (failure != lastLogged)
                {
                    _log.Warn(_adapter + "_reopen_failed", "device", _device, "error", failure, "attempt", attempt, "next_retry_ms", delayMs);
                    lastLogged = failure;
                }
            }

            return false;
        }
    }
}
