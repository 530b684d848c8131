using System.Diagnostics;
using System.Text;

namespace Peat.Edge.Aot.Tests.Support
{
    /// <summary>Runs the built peat-edge (its dll is copied beside the tests) as a real process.</summary>
    public sealed class PeatEdge : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stdout = new StringBuilder();
        private readonly StringBuilder _stderr = new StringBuilder();

        private PeatEdge(Process process)
        {
            _process = process;
        }

        public static string DllPath => Path.Combine(AppContext.BaseDirectory, "peat-edge.dll");

        public int Id => _process.Id;

        public bool HasExited => _process.HasExited;

        public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

        public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

        public static PeatEdge Start(params string[] args)
        {
            // Through env(1) with SIGINT and SIGQUIT back at their defaults: a test host started from a
            // background job inherits them ignored, and the SIGINT test would then test nothing.
            ProcessStartInfo info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("--default-signal=INT,QUIT");
            info.ArgumentList.Add("dotnet");
            info.ArgumentList.Add(DllPath);
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["DOTNET_TieredPGO"] = "0";
            Process process = new Process { StartInfo = info };
            PeatEdge edge = new PeatEdge(process);
            process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (edge._stdout) { edge._stdout.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (edge._stderr) { edge._stderr.AppendLine(e.Data); } } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return edge;
        }

        /// <summary>Runs to completion (bounded) and returns exit code, stdout, stderr.</summary>
        public static (int Code, string Stdout, string Stderr) RunToEnd(int timeoutMs, params string[] args)
        {
            using PeatEdge edge = Start(args);
            if (!edge.WaitForExit(timeoutMs))
            {
                throw new TimeoutException("peat-edge " + string.Join(' ', args) + " did not exit within " + timeoutMs + " ms");
            }

            return (edge.ExitCode, edge.Stdout, edge.Stderr);
        }

        public int ExitCode => _process.ExitCode;

        public bool WaitForExit(int timeoutMs)
        {
            if (!_process.WaitForExit(timeoutMs))
            {
                return false;
            }

            _process.WaitForExit(); // Drains the redirected output.
            return true;
        }

        /// <summary>Waits until stdout contains <paramref name="text"/> (bounded).</summary>
        public bool WaitForOutput(string text, int timeoutMs)
        {
            Stopwatch watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < timeoutMs)
            {
                if (Stdout.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }

                if (_process.HasExited)
                {
                    return Stdout.Contains(text, StringComparison.Ordinal);
                }

                Thread.Sleep(20);
            }

            return false;
        }

        public void Signal(int signal)
        {
            using Process kill = Process.Start("kill", "-" + signal + " " + _process.Id)!;
            kill.WaitForExit(5000);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(true);
                _process.WaitForExit(5000);
            }

            _process.Dispose();
        }
    }
}
