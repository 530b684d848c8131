using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Status
{
    /// <summary>
    /// Answers <c>peat-edge status</c> over a Unix domain socket that only the node's user can open (mode
    /// 0600). The socket is bound under a temporary name, restricted, then renamed into place, so there is
    /// no moment at which the final path accepts connections from others. Protocol: the client sends one
    /// line ("status"), the server answers with the JSON snapshot and closes.
    /// </summary>
    public sealed class StatusServer : IDisposable
    {
        /// <summary>How long a connection may take to send its request line.</summary>
        public const int RequestTimeoutMs = 2000;

        /// <summary>Longest request line read.</summary>
        public const int RequestBytesMax = 64;

        private readonly string _path;
        private readonly GatewayHost _host;
        private readonly Log _log;
        private Socket? _listener;
        private volatile bool _stopping;

        public StatusServer(string path, GatewayHost host, Log log)
        {
            _path = path;
            _host = host;
            _log = log;
        }

        /// <summary>Binds the socket; an IOException or SocketException names the problem for the caller.</summary>
        public void Start()
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("the status socket needs Unix file modes");
            }

            string? directory = Path.GetDirectoryName(Path.GetFullPath(_path));
            if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            if (File.Exists(_path))
            {
                if (StatusClient.IsAlive(_path))
                {
                    throw new IOException("another peat-edge is already answering on " + _path);
                }

                File.Delete(_path); // Left over from a process that was killed.
            }

            string temporary = _path + ".tmp" + Environment.ProcessId;
            File.Delete(temporary);
            Socket listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(temporary));
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(8);
            File.Move(temporary, _path, true);
            _listener = listener;
            Thread thread = new Thread(AcceptLoop) { IsBackground = true, Name = "status" };
            thread.Start();
        }

        private void AcceptLoop()
        {
            while (!_stopping)
            {
                Socket client;
                try
                {
                    client = _listener!.Accept();
                }
                catch (Exception) when (_stopping)
                {
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                    continue;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                try
                {
                    Serve(client);
                }
                catch (Exception e) when (e is SocketException || e is IOException)
                {
                    _log.Debug("status_client_error", "error", e.Message);
                }
                finally
                {
                    client.Dispose();
                }
            }
        }

        private void Serve(Socket client)
        {
            client.ReceiveTimeout = RequestTimeoutMs;
            client.SendTimeout = RequestTimeoutMs;
            byte[] request = new byte[RequestBytesMax];
            int count = 0;
            while (count < request.Length)
            {
                int n = client.Receive(request, count, request.Length - count, SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                count += n;
                if (Array.IndexOf(request, (byte)'\n', 0, count) >= 0)
                {
                    break;
                }
            }

            string line = Encoding.ASCII.GetString(request, 0, count).Trim();
            byte[] answer;
            if (line != "status")
            {
                answer = Encoding.UTF8.GetBytes("{\"error\":\"unknown request\"}\n");
            }
            else
            {
                StatusSnapshot? snapshot = _host.RequestStatus(RequestTimeoutMs);
                answer = snapshot == null
                    ? Encoding.UTF8.GetBytes("{\"error\":\"the node did not answer in time\"}\n")
                    : JsonSerializer.SerializeToUtf8Bytes(snapshot, StatusJsonContext.Default.StatusSnapshot);
            }

            client.Send(answer);
            client.Shutdown(SocketShutdown.Both);
        }

        public void Dispose()
        {
            _stopping = true;
            _listener?.Dispose();
            try
            {
                File.Delete(_path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
