using System.Net;
using System.Net.Sockets;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;
using Peat.Edge.Aot.Tests.Support;
using Peat.Edge.Aot.Transports.Udp;
using Xunit;
using static Peat.Edge.Aot.Tests.Support.NodeStatus;

namespace Peat.Edge.Aot.Tests
{
    /// <summary>
    /// <see cref="UdpMulticastTransport"/> in loopback mode, in-process, on a random group and port: a broadcast
    /// reaches the other transports on the group; frames over the MTU are refused on send and dropped on
    /// receive, each counted; a frame's source address is the sender's unicast socket, and a unicast send to
    /// it reaches that peer only. Then two real processes: a node learns a peer's unicast address from its
    /// beacons (status shows it). Every wait is bounded; absence is shown by a later frame overtaking nothing.
    /// </summary>
    public sealed class UdpTransportTests
    {
        private const int MtuBytes = 200;
        private const int WaitMs = 3000;

        [Fact]
        public void TwoLoopbackTransportsExchangeAMulticastFrame()
        {
            UdpSettings settings = Loopback();
            using Endpoint a = new Endpoint(settings);
            using Endpoint b = new Endpoint(settings);
            byte[] frame = RandomBytes(100);

            a.Transport.Broadcast(frame, frame.Length);

            InboundFrame got = b.Next();
            Assert.Equal(frame, got.Buffer);
            Assert.Equal(frame.Length, got.Count);
            Assert.Same(b.Transport, got.Transport);
            Assert.Equal(a.Transport.LocalEndPoint, got.Address);
            Assert.Equal(IPAddress.Loopback, a.Transport.LocalEndPoint!.Address);
            Assert.Equal(1, a.Counter("udp_tx_frames"));
            Assert.Equal(1, b.Counter("udp_rx_frames"));
            Assert.Equal(0, a.Counter("udp_tx_errors"));

            // And back the other way: both ends send and receive.
            b.Transport.Broadcast(frame, 50);
            Assert.Equal(frame.AsSpan(0, 50).ToArray(), a.NextFrom(b.Transport.LocalEndPoint!).Buffer);
        }

        [Fact]
        public void AFrameOverTheMtuIsRefusedOnSendAndCounted()
        {
            UdpSettings settings = Loopback();
            using Endpoint a = new Endpoint(settings);
            using Endpoint b = new Endpoint(settings);
            byte[] oversize = RandomBytes(MtuBytes + 1);
            byte[] largest = RandomBytes(MtuBytes);

            a.Transport.Broadcast(oversize, oversize.Length);
            a.Transport.SendTo(oversize, oversize.Length, b.Transport.LocalEndPoint!);
            Assert.Equal(2, a.Counter("udp_tx_oversize"));
            Assert.Equal(0, a.Counter("udp_tx_frames"));

            // A frame of exactly the MTU goes; had the oversize ones gone, they would have arrived first.
            a.Transport.Broadcast(largest, largest.Length);
            Assert.Equal(largest, b.Next().Buffer);
            Assert.Equal(1, a.Counter("udp_tx_frames"));
            Assert.Equal(2, a.Counter("udp_tx_oversize"));
            Assert.Equal(0, b.Counter("udp_rx_oversize"));
        }

        [Fact]
        public void AnOversizedDatagramArrivingIsDroppedAndCounted()
        {
            UdpSettings settings = Loopback();
            using Endpoint b = new Endpoint(settings);
            using Socket sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
            IPEndPoint group = new IPEndPoint(settings.Group, settings.Port);
            byte[] oversize = RandomBytes(MtuBytes + 1);
            byte[] largest = RandomBytes(MtuBytes);

            // To both sockets: the group one and the unicast one. Each datagram after its oversized one, from the
            // same sender to the same socket, so the oversized one has been handled when the next arrives.
            sender.SendTo(oversize, group);
            sender.SendTo(largest, group);
            Assert.Equal(largest, b.NextFrom((IPEndPoint)sender.LocalEndPoint!).Buffer);
            sender.SendTo(oversize, b.Transport.LocalEndPoint!);
            sender.SendTo(largest, b.Transport.LocalEndPoint!);
            Assert.Equal(largest, b.NextFrom((IPEndPoint)sender.LocalEndPoint!).Buffer);

            Assert.Equal(2, b.Counter("udp_rx_oversize"));
            Assert.Equal(2, b.Counter("udp_rx_frames"));
        }

        [Fact]
        public void UnicastToALearnedAddressReachesOnlyThatPeer()
        {
            UdpSettings settings = Loopback();
            using Endpoint a = new Endpoint(settings);
            using Endpoint x = new Endpoint(settings);
            using Endpoint c = new Endpoint(settings);
            byte[] hello = RandomBytes(80);
            byte[] unicast = RandomBytes(90);
            byte[] sentinel = RandomBytes(70);

            // A learns X's address from a frame X sent (what the host keeps per node id from beacons).
            x.Transport.Broadcast(hello, hello.Length);
            object learned = a.Next().Address!;
            Assert.Equal(x.Transport.LocalEndPoint, learned);
            Assert.Equal(hello, c.Next().Buffer);

            a.Transport.SendTo(unicast, unicast.Length, learned);
            InboundFrame atX = x.NextFrom(a.Transport.LocalEndPoint!);
            Assert.Equal(unicast, atX.Buffer);

            // C shares the group port; had the unicast frame reached it, it would come before A's next broadcast.
            a.Transport.Broadcast(sentinel, sentinel.Length);
            Assert.Equal(sentinel, c.NextFrom(a.Transport.LocalEndPoint!).Buffer);
            Assert.Equal(2, a.Counter("udp_tx_frames"));
        }

        [Fact]
        public void ANodeLearnsAPeersUnicastAddressFromItsBeacons()
        {
            using TempDir dir = new TempDir();
            (string group, int port) = NodeConfig.RandomGroup();
            int unicastPort = NodeConfig.FreeUdpPort();
            const uint PeerId = 0x0C01;
            const uint ListenerId = 0x0C02;
            string peerConfig = dir.Write("peer.json", NodeConfig.Json(PeerId, "lab", true, 100, group, port, dir.File("peer.sock"), ", \"unicastPort\": " + unicastPort));
            string listenerConfig = dir.Write("listener.json", NodeConfig.Json(ListenerId, "lab", true, 50, group, port, dir.File("listener.sock")));
            using PeatEdge peer = PeatEdge.Start("run", "--config", peerConfig);
            using PeatEdge listener = PeatEdge.Start("run", "--config", listenerConfig);

            string? address = null;
            long ms = Wait.Until(() =>
            {
                address = NodeStatus.TryRead(dir.File("listener.sock"))?.Neighbours.FirstOrDefault(n => n.Id == Hex(PeerId))?.Address;
                return address != null;
            }, 10000);
            Assert.True(ms >= 0, "no address learned for the peer within 10 s\n" + listener.Stdout + listener.Stderr + peer.Stdout + peer.Stderr);
            Assert.Equal("udp:127.0.0.1:" + unicastPort, address);
        }

        private static UdpSettings Loopback()
        {
            (string group, int port) = NodeConfig.RandomGroup();
            return new UdpSettings { Group = IPAddress.Parse(group), Port = port, Interface = IPAddress.Loopback, Loopback = true, MtuBytes = MtuBytes };
        }

        private static byte[] RandomBytes(int count)
        {
            byte[] bytes = new byte[count];
            Random.Shared.NextBytes(bytes);
            return bytes;
        }

        /// <summary>One open, started transport with its inbox (what the host loop would drain).</summary>
        private sealed class Endpoint : IDisposable
        {
            private readonly Inbox _inbox = new Inbox(64);

            public Endpoint(UdpSettings settings)
            {
                Transport = new UdpMulticastTransport(settings, new Log(TextWriter.Null, LogLevel.Warn, false));
                Transport.Open();
                Transport.Start(_inbox);
            }

            public UdpMulticastTransport Transport { get; }

            /// <summary>The next frame from anyone but this transport itself (multicast loops back to the sender too).</summary>
            public InboundFrame Next() => Take(from => !from.Equals(Transport.LocalEndPoint));

            /// <summary>The next frame from <paramref name="source"/>; frames from others are skipped.</summary>
            public InboundFrame NextFrom(IPEndPoint source) => Take(from => from.Equals(source));

            public long Counter(string name)
            {
                CounterList counters = new CounterList();
                Transport.ReadCounters(counters);
                return counters.Items.Single(c => c.Key == name).Value;
            }

            private InboundFrame Take(Func<IPEndPoint, bool> wanted)
            {
                System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
                while (watch.ElapsedMilliseconds < WaitMs)
                {
                    if (_inbox.TryTake(out InboundFrame? frame))
                    {
                        if (wanted((IPEndPoint)frame!.Address!))
                        {
                            return frame;
                        }

                        continue;
                    }

                    _inbox.Wait(50);
                }

                throw new TimeoutException("no frame within " + WaitMs + " ms on " + Transport.LocalEndPoint);
            }

            public void Dispose() => Transport.Dispose();
        }
    }
}
