using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Peat.Edge.Aot.Status;
using Peat.Edge.Aot.Tests.Support;
using Xunit;
using static Peat.Edge.Aot.Tests.Support.NodeStatus;

namespace Peat.Edge.Aot.Tests
{
    /// <summary>
    /// `status.prometheus` on a real `peat-edge run`: when enabled, GET /metrics on 127.0.0.1 answers 200 with
    /// the text format (0.0.4) whose counters agree with `peat-edge status --json`, and the only listener on
    /// the port is bound to 127.0.0.1 (read from /proc/net/tcp, no other address is contacted); when
    /// disabled nothing listens on the configured port; garbage, reset and silent clients neither crash the
    /// node nor hold the exporter beyond its request timeout.
    /// </summary>
    public sealed class PrometheusTests
    {
        private const uint NodeId = 0x0D01;
        private const string Listen = "0A"; // TCP_LISTEN in /proc/net/tcp's st column.

        [Fact]
        public void EnabledExporterServesTheTextFormatOnLoopbackOnly()
        {
            using TempDir dir = new TempDir();
            int metricsPort = NodeConfig.FreeTcpPort();
            using PeatEdge node = StartNode(dir, true, metricsPort);
            JsonElement before = NodeStatus.Json(dir.File("n.sock")).GetProperty("counters");
            Scrape scrape = Get(metricsPort, 5000);
            JsonElement after = NodeStatus.Json(dir.File("n.sock")).GetProperty("counters");

            Assert.Equal(HttpStatusCode.OK, scrape.Status);
            Assert.Equal("text/plain; version=0.0.4", scrape.ContentType);
            Assert.Contains("# TYPE peat_edge_frames_sent_total counter\n", scrape.Body);
            Assert.Contains("# TYPE peat_edge_level gauge\n", scrape.Body);
            Dictionary<string, long> samples = Samples(scrape.Body);
            int counters = 0;
            foreach (JsonProperty c in before.EnumerateObject())
            {
                // Taken between the two status reads, so each counter lies between their values.
                long value = samples["peat_edge_" + c.Name + "_total"];
                Assert.InRange(value, c.Value.GetInt64(), after.GetProperty(c.Name).GetInt64());
                counters++;
            }

            Assert.True(counters >= 20, "status lists " + counters + " counters");
            Assert.True(samples["peat_edge_frames_sent_total"] > 0);
            Assert.True(samples["peat_edge_udp_tx_frames_total"] > 0);

            Assert.Equal(new[] { "0100007F" }, ListeningAddresses(metricsPort));
            Stop(node);
        }

        [Fact]
        public void DisabledExporterListensNowhere()
        {
            using TempDir dir = new TempDir();
            int metricsPort = NodeConfig.FreeTcpPort();
            using PeatEdge node = StartNode(dir, false, metricsPort);
            Assert.Empty(ListeningAddresses(metricsPort));
            using Socket probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            SocketException refused = Assert.Throws<SocketException>(() => probe.Connect(IPAddress.Loopback, metricsPort));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            Assert.DoesNotContain("prometheus", node.Stdout);
            Stop(node);
        }

        [Fact]
        public void GarbageResetAndSilentClientsNeitherCrashNorHangTheNode()
        {
            using TempDir dir = new TempDir();
            int metricsPort = NodeConfig.FreeTcpPort();
            using PeatEdge node = StartNode(dir, true, metricsPort);

            // Garbage longer than the request buffer (so the exporter closes with bytes unread), then close.
            using (Socket garbage = Connect(metricsPort))
            {
                byte[] bytes = new byte[PrometheusExporter.RequestBytesMax * 2];
                Random.Shared.NextBytes(bytes);
                garbage.Send(bytes);
            }

            // Connect and close at once; connect and reset (RST, no FIN).
            Connect(metricsPort).Dispose();
            using (Socket reset = Connect(metricsPort))
            {
                reset.LingerState = new LingerOption(true, 0);
            }

            // A client that connects and sends nothing: the exporter must give up on it and serve the next.
            using Socket silent = Connect(metricsPort);
            Stopwatch watch = Stopwatch.StartNew();
            Scrape scrape = Get(metricsPort, PrometheusExporter.RequestTimeoutMs * 2 + 2000);
            Assert.Equal(HttpStatusCode.OK, scrape.Status);
            Assert.True(watch.ElapsedMilliseconds < PrometheusExporter.RequestTimeoutMs + 2000, "the scrape took " + watch.ElapsedMilliseconds + " ms");
            Assert.Contains("peat_edge_frames_sent_total{node=\"" + Hex(NodeId) + "\"}", scrape.Body);
            silent.ReceiveTimeout = 2000;
            Assert.True(IsClosedByPeer(silent), "the silent client's connection is still open");

            Assert.False(node.HasExited, node.Stdout + node.Stderr);
            Assert.Equal(Hex(NodeId), NodeStatus.Json(dir.File("n.sock")).GetProperty("nodeId").GetString());
            Stop(node);
        }

        private static PeatEdge StartNode(TempDir dir, bool prometheus, int metricsPort)
        {
            (string group, int port) = NodeConfig.RandomGroup();
            string metrics = ", \"prometheus\": { \"enabled\": " + (prometheus ? "true" : "false") + ", \"port\": " + metricsPort + " }";
            string config = dir.Write("n.json", NodeConfig.Json(NodeId, "gateway", true, 64, group, port, dir.File("n.sock"), statusExtra: metrics));
            PeatEdge node = PeatEdge.Start("run", "--config", config);
            Assert.True(Wait.Until(() => NodeStatus.TryRead(dir.File("n.sock")) != null, 10000) >= 0, node.Stdout + node.Stderr);
            Assert.True(node.WaitForOutput("event=first_frame_sent", 5000), node.Stdout + node.Stderr);
            return node;
        }

        private static void Stop(PeatEdge node)
        {
            node.Signal(15);
            Assert.True(node.WaitForExit(5000), "no exit after SIGTERM");
            Assert.Equal(0, node.ExitCode);
            Assert.Equal(string.Empty, node.Stderr);
        }

        private static Scrape Get(int port, int timeoutMs)
        {
            using HttpClient client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(timeoutMs) };
            using HttpResponseMessage response = client.GetAsync("http://127.0.0.1:" + port + "/metrics").GetAwaiter().GetResult();
            return new Scrape(response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }

        private static Socket Connect(int port)
        {
            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(IPAddress.Loopback, port);
            return socket;
        }

        /// <summary>True when the peer closed (end of stream or reset) before the socket's receive timeout.</summary>
        private static bool IsClosedByPeer(Socket socket)
        {
            try
            {
                return socket.Receive(new byte[1]) == 0;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                return true;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut || e.SocketErrorCode == SocketError.WouldBlock)
            {
                return false;
            }
        }

        /// <summary>Sample name (labels dropped) to value; comment lines are skipped.</summary>
        private static Dictionary<string, long> Samples(string body)
        {
            Dictionary<string, long> samples = new Dictionary<string, long>();
            foreach (string line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith('#'))
                {
                    continue;
                }

                int space = line.LastIndexOf(' ');
                int brace = line.IndexOf('{');
                string name = line.Substring(0, brace >= 0 && brace < space ? brace : space);
                samples[name] = long.Parse(line.Substring(space + 1), CultureInfo.InvariantCulture);
            }

            return samples;
        }

        /// <summary>
        /// Local addresses (hex, as the kernel prints them) of the IPv4 and IPv6 listening TCP sockets on
        /// <paramref name="port"/>: 127.0.0.1 is 0100007F, 0.0.0.0 is 00000000, IPv6 ones have 32 digits.
        /// </summary>
        private static List<string> ListeningAddresses(int port)
        {
            string portHex = port.ToString("X4", CultureInfo.InvariantCulture);
            List<string> addresses = new List<string>();
            foreach (string line in File.ReadAllLines("/proc/net/tcp").Skip(1).Concat(File.ReadAllLines("/proc/net/tcp6").Skip(1)))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                string[] local = fields[1].Split(':');
                if (local[1] == portHex && fields[3] == Listen)
                {
                    addresses.Add(local[0]);
                }
            }

            return addresses;
        }

        private sealed record Scrape(HttpStatusCode Status, string? ContentType, string Body);
    }
}
