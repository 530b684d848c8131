using System.Net;
using System.Net.Sockets;
using Peat.Edge.Aot.Status;
using Peat.Edge.Aot.Tests.Support;
using Peat.Edge.Core.Wire;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    /// <summary>
    /// A real peat-edge gateway as the sink of its tree: a telemetry frame sent to it over loopback
    /// multicast (from a socket standing in for a child) is acknowledged on the air, its record is logged
    /// as one telemetry_delivered line, and the status counters show it taken by the host; a copy of the
    /// same frame is acknowledged again but not delivered twice.
    /// </summary>
    public sealed class GatewayTelemetryTests
    {
        private const uint GatewayId = 0x0C01;
        private const uint ChildId = 0x0C02;

        [Fact]
        public void A_gateway_root_acknowledges_a_childs_telemetry_and_logs_each_record_once()
        {
            using TempDir dir = new TempDir();
            (string group, int port) = NodeConfig.RandomGroup();
            string config = dir.Write("g.json", NodeConfig.Json(GatewayId, "gateway", true, 100, group, port, dir.File("g.sock")));
            using PeatEdge gateway = PeatEdge.Start("run", "--config", config);
            Assert.True(Wait.Until(() => NodeStatus.TryRead(dir.File("g.sock"))?.IsRoot == true, 15000) >= 0, "the gateway did not become root\n" + gateway.Stdout + gateway.Stderr);

            using Socket child = ChildSocket(group, port);
            byte[] frame = TelemetryFrame();
            IPEndPoint groupEndPoint = new IPEndPoint(IPAddress.Parse(group), port);

            for (int copy = 0; copy < 2; copy++)
            {
                child.SendTo(frame, groupEndPoint);
                Assert.True(WaitForAck(child, 10000), "no acknowledgement for copy " + copy + "\n" + gateway.Stdout);
            }

            Assert.True(gateway.WaitForOutput("event=telemetry_delivered origin=0x00000c02 sequence=77 payload=cafe01", 5000), gateway.Stdout);
            StatusSnapshot status = NodeStatus.TryRead(dir.File("g.sock"))!;
            Assert.Equal(1, status.Counters["telemetry_delivered"]);
            Assert.Equal(1, status.Counters["telemetry_taken_by_host"]);
            Assert.True(status.Counters["dropped_duplicate"] >= 1);
            Assert.Single(gateway.Stdout.Split('\n'), line => line.Contains("event=telemetry_delivered", StringComparison.Ordinal));
            gateway.Signal(15);
            Assert.True(gateway.WaitForExit(5000));
        }

        [Fact]
        public void A_gateway_with_255_byte_frames_refuses_a_larger_telemetry_frame_with_its_limit()
        {
            // Its UDP transport takes 1200-byte datagrams, but its frames are lowered to 255 bytes (as for a
            // serial radio beside it): a UDP-only child's larger frame is answered with the limit, not ignored.
            using TempDir dir = new TempDir();
            (string group, int port) = NodeConfig.RandomGroup();
            string json = NodeConfig.Json(GatewayId, "gateway", true, 100, group, port, dir.File("g.sock"))
                .Replace("{\n  \"node\"", "{\n  \"limits\": { \"frameBytesMax\": 255 },\n  \"node\"", StringComparison.Ordinal);
            Assert.Contains("\"frameBytesMax\": 255", json);
            string config = dir.Write("g.json", json);
            using PeatEdge gateway = PeatEdge.Start("run", "--config", config);
            Assert.True(Wait.Until(() => NodeStatus.TryRead(dir.File("g.sock"))?.IsRoot == true, 15000) >= 0, "the gateway did not become root\n" + gateway.Stdout + gateway.Stderr);

            using Socket child = ChildSocket(group, port);
            byte[] frame = TelemetryFrame(records: 12, payloadBytes: 30);
            Assert.InRange(frame.Length, 256, 1200);
            child.SendTo(frame, new IPEndPoint(IPAddress.Parse(group), port));
            Assert.True(WaitForAck(child, 10000, ack => !ack.Accepted && ack.FrameBytesMax == 255), "no refusal naming 255 bytes\n" + gateway.Stdout);
            StatusSnapshot status = NodeStatus.TryRead(dir.File("g.sock"))!;
            Assert.Equal(12, status.Counters["telemetry_refused"]);
            Assert.Equal(0, status.Counters["telemetry_delivered"]);
            gateway.Signal(15);
            Assert.True(gateway.WaitForExit(5000));
        }

        private static Socket ChildSocket(string group, int port)
        {
            Socket child = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            child.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            child.Bind(new IPEndPoint(IPAddress.Any, port));
            child.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(IPAddress.Parse(group), IPAddress.Loopback));
            child.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
            child.ReceiveTimeout = 500;
            return child;
        }

        /// <summary>
        /// A telemetry frame from the child to the gateway, frame sequence 1: by default one record (origin the child,
        /// sequence 77, payload ca fe 01), else <paramref name="records"/> records of <paramref name="payloadBytes"/> bytes from sequence 77 on.
        /// </summary>
        private static byte[] TelemetryFrame(int records = 1, int payloadBytes = 0)
        {
            byte[] buffer = new byte[1200];
            byte[] payload = records == 1 && payloadBytes == 0 ? new byte[] { 0xCA, 0xFE, 0x01 } : new byte[payloadBytes];
            int p = TelemetryBody.WriteHeader(buffer, FrameHeader.Bytes, GatewayId, records);
            for (int i = 0; i < records; i++)
            {
                p = TelemetryRecord.Write(buffer, p, ChildId, 77 + (uint)i, 1, payload, 0, payload.Length);
            }

            new FrameHeader(FrameType.Telemetry, FrameFlags.None, 0, ChildId, 1).WriteTo(buffer, 0);
            return buffer.AsSpan(0, p + 8).ToArray(); // 8: the default tag length (zeros until frame security)
        }

        private static bool WaitForAck(Socket child, int timeoutMs) => WaitForAck(child, timeoutMs, ack => ack.Accepted);

        private static bool WaitForAck(Socket child, int timeoutMs, Func<TelemetryAckBody, bool> expected)
        {
            byte[] received = new byte[2048];
            long until = Environment.TickCount64 + timeoutMs;
            while (Environment.TickCount64 < until)
            {
                int count;
                try
                {
                    count = child.Receive(received);
                }
                catch (SocketException)
                {
                    continue; // the receive timeout: look again
                }

                if (FrameCodec.TryRead(received, 0, count, 8, out FrameHeader header, out int bodyOffset, out int bodyCount) == WireError.None
                    && header.Type == FrameType.TelemetryAck && header.SourceId == GatewayId
                    && TelemetryAckBody.TryRead(received, bodyOffset, bodyCount, out TelemetryAckBody ack) == WireError.None
                    && ack.ToId == ChildId && ack.AckedSequence == 1 && expected(ack))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
