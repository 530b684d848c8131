using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Status
{
    /// <summary>
    /// Optional Prometheus text exposition (version 0.0.4) on 127.0.0.1 only: a scraper on the box (or an
    /// SSH tunnel) reads it; nothing is exposed to the network. A minimal HTTP/1.0 responder: any GET
    /// gets the metrics, the connection closes after each answer.
    /// </summary>
    public sealed class PrometheusExporter : IDisposable
    {
        /// <summary>
        /// How long a connection may take to send its request, and to take the answer; also how long the
        /// host loop has to produce the snapshot. One connection is served at a time, so a client that sends
        /// nothing holds the next scrape back by at most this.
        /// </summary>
        public const int RequestTimeoutMs = 2000;

        /// <summary>Bytes of the request read (the request line is enough; the rest is ignored).</summary>
        public const int RequestBytesMax = 2048;

        private readonly int _port;
        private readonly GatewayHost _host;
        private readonly Log _log;
        private TcpListener? _listener;
        private volatile bool _stopping;

        public PrometheusExporter(int port, GatewayHost host, Log log)
        {
            _port = port;
            _host = host;
            _log = log;
        }

        public void Start()
        {
            try
            {
                _listener = new TcpListener(IPAddress.Loopback, _port);
                _listener.Start(8);
            }
            catch (SocketException e)
            {
                throw new StartupException("status.prometheus.port: cannot listen on 127.0.0.1:" + _port + ": " + e.Message);
            }

            _log.Info("prometheus_listening", "address", "127.0.0.1:" + _port);
            new Thread(AcceptLoop) { IsBackground = true, Name = "prometheus" }.Start();
        }

        private void AcceptLoop()
        {
            while (!_stopping)
            {
                Socket client;
                try
                {
                    client = _listener!.AcceptSocket();
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    Thread.Sleep(50);
                    continue;
                }

                try
                {
                    client.ReceiveTimeout = RequestTimeoutMs;
                    client.SendTimeout = RequestTimeoutMs;
                    byte[] request = new byte[RequestBytesMax];
                    client.Receive(request); // The request line is enough; the body (if any) is ignored.
                    StatusSnapshot? s = _host.RequestStatus(RequestTimeoutMs);
                    string body = s == null ? "# the node did not answer in time\n" : Format(s);
                    byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
                    string head = "HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: " + bodyBytes.Length + "\r\nConnection: close\r\n\r\n";
                    client.Send(Encoding.ASCII.GetBytes(head));
                    client.Send(bodyBytes);
                }
                catch (Exception e) when (e is SocketException || e is IOException)
                {
                    _log.Debug("prometheus_client_error", "error", e.Message);
                }
                finally
                {
                    client.Dispose();
                }
            }
        }

        internal static string Format(StatusSnapshot s)
        {
            StringBuilder b = new StringBuilder();
            string node = "{node=\"" + s.NodeId + "\"}";
            Gauge(b, "peat_edge_level", "Hierarchy level (0 = top).", node, s.Level);
            Gauge(b, "peat_edge_is_root", "1 when this node is the root of its tree.", node, s.IsRoot ? 1 : 0);
            Gauge(b, "peat_edge_rank", "Path cost to the root.", node, s.Rank);
            Gauge(b, "peat_edge_children", "Children naming this node as parent.", node, s.ChildCount);
            Gauge(b, "peat_edge_neighbours", "Neighbours in the beacon table.", node, s.Neighbours.Count);
            Gauge(b, "peat_edge_uptime_seconds", "Seconds since start.", node, s.UptimeMs / 1000);
            b.Append("# HELP peat_edge_link_quality_permille Beacon reception ratio per neighbour.\n# TYPE peat_edge_link_quality_permille gauge\n");
            foreach (NeighbourStatus n in s.Neighbours)
            {
                b.Append("peat_edge_link_quality_permille{node=\"").Append(s.NodeId).Append("\",neighbour=\"").Append(n.Id).Append("\"} ")
                    .Append(n.LinkQualityPermille.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            foreach (KeyValuePair<string, long> c in s.Counters)
            {
                string name = "peat_edge_" + c.Key + "_total";
                b.Append("# TYPE ").Append(name).Append(" counter\n").Append(name).Append(node).Append(' ').Append(c.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            return b.ToString();
        }

        private static void Gauge(StringBuilder b, string name, string help, string labels, long value)
        {
            b.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
                .Append("# TYPE ").Append(name).Append(" gauge\n")
                .Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        public void Dispose()
        {
            _stopping = true;
            _listener?.Stop();
        }
    }
}
