using System.Diagnostics;

namespace Peat.Edge.Aot.Tests.Support
{
    /// <summary>Two linked pseudo-terminals from socat (raw, no echo): bytes written to one are read from the other.</summary>
    public sealed class SocatPair : IDisposable
    {
        private readonly Process _socat;

        public SocatPair(TempDir dir)
        {
            A = dir.File("ttyA");
            B = dir.File("ttyB");
            ProcessStartInfo info = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            info.ArgumentList.Add("pty,raw,echo=0,link=" + A);
            info.ArgumentList.Add("pty,raw,echo=0,link=" + B);
            _socat = Process.Start(info)!;
            Stopwatch watch = Stopwatch.StartNew();
            while (!(File.Exists(A) && File.Exists(B)))
            {
                if (watch.ElapsedMilliseconds > 5000 || _socat.HasExited)
                {
                    throw new InvalidOperationException("socat did not create the pty pair: " + (_socat.HasExited ? _socat.StandardError.ReadToEnd() : "timeout"));
                }

                Thread.Sleep(10);
            }
        }

        public string A { get; }

        public string B { get; }

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
