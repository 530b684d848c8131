using System.Net;
using System.Net.Sockets;

namespace Peat.Edge.Aot.Tests.Support
{
    /// <summary>
    /// peat-edge run configurations for the process tests (UDP in loopback mode), and the random groups and
    /// free ports they use, so that parallel runs (and other checkouts on the machine) rarely meet.
    /// </summary>
    public static class NodeConfig
    {
        /// <summary>
        /// The configuration file's text. <paramref name="udpExtra"/> and <paramref name="statusExtra"/> are JSON
        /// members appended to <c>transports.udp</c> and <c>status</c> (e.g. <c>, "unicastPort": 50000</c>).
        /// </summary>
        public static string Json(uint id, string deviceClass, bool rootCapable, int priority, string group, int port, string socket, string udpExtra = "", string statusExtra = "")
        {
            return "{\n  \"node\": { \"id\": " + id + ", \"deviceClass\": \"" + deviceClass + "\", \"rootCapable\": " + (rootCapable ? "true" : "false") + ", \"rootPriority\": " + priority + " },\n"
                + "  \"transports\": { \"udp\": { \"loopback\": true, \"group\": \"" + group + "\", \"port\": " + port + udpExtra + " } },\n"
                + "  \"status\": { \"socket\": \"" + socket + "\"" + statusExtra + " }\n}\n";
        }

        /// <summary>A random organisation-local multicast group (239.255.x.y) and a group port in 40000..59999.</summary>
        public static (string Group, int Port) RandomGroup()
        {
            return ("239.255." + Random.Shared.Next(1, 250) + "." + Random.Shared.Next(1, 250), Random.Shared.Next(40000, 60000));
        }

        /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick).</summary>
        public static int FreeTcpPort()
        {
            TcpListener probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        /// <summary>A UDP port on 127.0.0.1 that was free a moment ago (the kernel's pick).</summary>
        public static int FreeUdpPort()
        {
            using Socket probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
    }
}
