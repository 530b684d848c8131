using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Transports.Udp
{
    /// <summary>
    /// Beacons over IPv4 multicast, unicast to learned peer addresses. Two sockets: one bound to the group
    /// port (shared with other processes through ReuseAddress, so several nodes run on one host in
    /// loopback mode) that only receives, and one bound to the interface on its own port that sends
    /// everything and receives unicast. Frames therefore come from a unique source address per node, which
    /// is the address unicast goes back to. Frames over the MTU are refused both ways and counted.
    /// UDP sends do not wait for the peer; the kernel drops rather than blocks when its buffer is full.
    /// </summary>
    public sealed class UdpMulticastTransport : ITransport
    {
        // The largest UDP payload; a receive buffer this big tells an oversized datagram from an MTU-sized one.
        private const int DatagramBytesMax = 65507;

        private readonly UdpSettings _settings;
        private readonly Log _log;
        private readonly IPEndPoint _groupEndPoint;
        private Socket? _groupSocket;
        private Socket? _unicastSocket;
        private volatile bool _stopping;
        private long _txFrames;
        private long _txOversize;
        private long _txErrors;
        private long _rxFrames;
        private long _rxOversize;

        public UdpMulticastTransport(UdpSettings settings, Log log)
        {
            _settings = settings;
            _log = log;
            _groupEndPoint = new IPEndPoint(settings.Group, settings.Port);
        }

        public string Name => "udp";

        /// <summary>The local address of the sending socket (what peers learn as this node's address).</summary>
        public IPEndPoint? LocalEndPoint => _unicastSocket?.LocalEndPoint as IPEndPoint;

        /// <summary>Opens both sockets; a SocketException here is a configuration or system problem for the caller to report.</summary>
        public void Open()
        {
            Socket group = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            group.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            group.Bind(new IPEndPoint(IPAddress.Any, _settings.Port));
            group.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(_settings.Group, _settings.Interface));
            _groupSocket = group;

            Socket unicast = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            unicast.Bind(new IPEndPoint(_settings.Interface, _settings.UnicastPort));
            if (!_settings.Interface.Equals(IPAddress.Any))
            {
                unicast.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, _settings.Interface.GetAddressBytes());
            }

            unicast.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, _settings.Ttl);
            // Other nodes on this host (loopback mode, a lab box) must hear our multicast too.
            unicast.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            _unicastSocket = unicast;
        }

        public void Start(Inbox inbox)
        {
            StartReceiver(_groupSocket!, inbox, "udp-group-rx");
            StartReceiver(_unicastSocket!, inbox, "udp-unicast-rx");
        }

        public void Broadcast(byte[] buffer, int count)
        {
            Send(buffer, count, _groupEndPoint);
        }

        public void SendTo(byte[] buffer, int count, object address)
        {
            Send(buffer, count, (IPEndPoint)address);
        }

        private void Send(byte[] buffer, int count, IPEndPoint to)
        {
            if (count > _settings.MtuBytes)
            {
                Interlocked.Increment(ref _txOversize);
                return;
            }

            try
            {
                _unicastSocket!.SendTo(buffer, 0, count, SocketFlags.None, to);
                Interlocked.Increment(ref _txFrames);
            }
            catch (SocketException e)
            {
                // No route, interface down: the mesh copes with lost frames; count and carry on.
                if (Interlocked.Increment(ref _txErrors) == 1)
                {
                    _log.Warn("udp_send_failed", "to", to, "error", e.SocketErrorCode);
                }
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void ReadCounters(CounterList counters)
        {
            counters.Add("udp_tx_frames", Interlocked.Read(ref _txFrames));
            counters.Add("udp_tx_oversize", Interlocked.Read(ref _txOversize));
            counters.Add("udp_tx_errors", Interlocked.Read(ref _txErrors));
            counters.Add("udp_rx_frames", Interlocked.Read(ref _rxFrames));
            counters.Add("udp_rx_oversize", Interlocked.Read(ref _rxOversize));
        }

        private void StartReceiver(Socket socket, Inbox inbox, string name)
        {
            Thread thread = new Thread(() => ReceiveLoop(socket, inbox)) { IsBackground = true, Name = name };
            thread.Start();
        }

        private void ReceiveLoop(Socket socket, Inbox inbox)
        {
            byte[] buffer = new byte[DatagramBytesMax];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            while (!_stopping)
            {
                int count;
                try
                {
                    count = socket.ReceiveFrom(buffer, 0, buffer.Length, SocketFlags.None, ref from);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
                {
                    Interlocked.Increment(ref _rxOversize);
                    continue;
                }
                catch (SocketException)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    Thread.Sleep(10); // A transient error (ICMP unreachable echoed back): do not spin.
                    continue;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                if (count > _settings.MtuBytes)
                {
                    Interlocked.Increment(ref _rxOversize);
                    continue;
                }

                Interlocked.Increment(ref _rxFrames);
                byte[] frame = new byte[count];
                Buffer.BlockCopy(buffer, 0, frame, 0, count);
                inbox.Post(new InboundFrame(frame, count, this, (IPEndPoint)from));
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _groupSocket?.Dispose();
            _unicastSocket?.Dispose();
        }
    }
}
