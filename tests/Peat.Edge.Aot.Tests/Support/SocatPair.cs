using System.Diagnostics;

namespace Peat.Edge.Aot.Tests.Support
{
    /// <summary>
    /// Two linked pseudo-terminals from socat (raw, no echo): bytes written to one are read from the other.
    /// The links are always <c>ttyA</c> and <c>ttyB</c> in the directory, so a new pair in the same directory
    /// is the same device coming back (<see cref="Unplug"/> then a new pair: a USB adapter pulled and replugged).
    /// </summary>
    public sealed class SocatPair : IDisposable
    {
        private const int StartTimeoutMs = 5000;
        private const int StopTimeoutMs = 5000;

        private readonly Process _socat;

        public SocatPair(TempDir dir)
        {
            A = dir.File("ttyA");
            B = dir.File("ttyB");
            // Links a killed pair left behind would look like this pair's before socat has made them.
            File.Delete(A);
            File.Delete(B);
            ProcessStartInfo info = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            info.ArgumentList.Add("pty,raw,echo=0,link=" + A);
            info.ArgumentList.Add("pty,raw,echo=0,link=" + B);
            _socat = Process.Start(info)!;
            Stopwatch watch = Stopwatch.StartNew();
            while (!(File.Exists(A) && File.Exists(B)))
            {
                if (watch.ElapsedMilliseconds > StartTimeoutMs || _socat.HasExited)
                {
                    throw new InvalidOperationException("socat did not create the pty pair: " + (_socat.HasExited ? _socat.StandardError.ReadToEnd() : "timeout"));
                }

                Thread.Sleep(10);
            }
        }

        public string A { get; }

        public string B { get; }

        /// <summary>Ends socat with SIGTERM, so it closes both ptys and removes its links: the device is gone.</summary>
        public void Unplug()
        {
            using (Process kill = Process.Start("kill", "-TERM " + _socat.Id)!)
            {
                kill.WaitForExit(StopTimeoutMs);
            }

            if (!_socat.WaitForExit(StopTimeoutMs))
            {
                throw new InvalidOperationException("socat did not end on SIGTERM");
            }

            File.Delete(A);
            File.Delete(B);
        }

        public void Dispose()
        {
            if (!_socat.HasExited)
            {
                _socat.Kill();
                _socat.WaitForExit(2000);
            }

            _socat.Dispose();
        }
    }
}
