using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Status;
using Peat.Edge.Core.Beacons;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Aot.Host
{
    /// <summary>
    /// The gateway's host loop: owns one <see cref="MeshNode"/>, the monotonic clock and the adapters.
    /// Only this loop's thread touches the node. Transports and sensors run on their own threads and hand
    /// their results over (the inbox, volatile readings), so the node never waits on I/O. The loop sleeps
    /// until the node's next deadline, a received frame or a status request, whichever comes first.
    /// Stop() (SIGINT/SIGTERM) makes it send a leave beacon, flush the outgoing queue and return.
    /// </summary>
    public sealed class GatewayHost
    {
        /// <summary>Frames waiting for the loop; beyond this the newest is dropped and counted.</summary>
        public const int InboxCapacity = 1024;

        /// <summary>Longest sleep, so sensor changes (a fix going stale) reach the beacon within this.</summary>
        public const int SleepMsMax = 500;

        private readonly GatewaySettings _settings;
        private readonly Log _log;
        private readonly MonotonicClock _clock;
        private readonly ITransport[] _transports;
        private readonly IPositionSource _position;
        private readonly IBatterySource _battery;
        private readonly Inbox _inbox = new Inbox(InboxCapacity);
        private readonly CounterMetrics _metrics = new CounterMetrics();
        private readonly ConcurrentQueue<StatusRequest> _statusRequests = new ConcurrentQueue<StatusRequest>();
        private readonly Dictionary<uint, PeerAddress> _peers = new Dictionary<uint, PeerAddress>();
        private readonly MeshNode _node;
        private readonly byte[] _frame;
        private volatile bool _stopRequested;
        private bool _firstBeaconLogged;
        private SelfReading _applied;
        private long _loopIterations;
        private long _telemetryTaken;

        public GatewayHost(GatewaySettings settings, Log log, MonotonicClock clock, ITransport[] transports, IPositionSource position, IBatterySource battery)
        {
            _settings = settings;
            _log = log;
            _clock = clock;
            _transports = transports;
            _position = position;
            _battery = battery;
            _node = new MeshNode(settings.Identity, settings.Limits, _metrics, settings.Seed, settings.Strategy);
            _frame = new byte[settings.Limits.FrameBytesMax];
            _applied = SelfReading.Unknown;
            foreach (StaticPeer peer in settings.StaticPeers)
            {
                if (!_node.AddStaticPeer(peer.NodeId))
                {
                    _log.Warn("static_peer_refused", "peer", Log.Id(peer.NodeId), "reason", "neighbour table full");
                }

                if (peer.UdpEndPoint != null)
                {
                    for (int i = 0; i < transports.Length; i++)
                    {
                        if (transports[i].Name == "udp")
                        {
                            _peers[peer.NodeId] = new PeerAddress(transports[i], peer.UdpEndPoint);
                        }
                    }
                }
            }
        }

        /// <summary>Asks the loop to leave the mesh and return (safe from any thread, e.g. a signal handler).</summary>
        public void Stop()
        {
            _stopRequested = true;
            _inbox.Wake();
        }

        /// <summary>
        /// A status snapshot taken by the loop thread; null when the loop did not answer in time.
        /// Called by the status server's threads.
        /// </summary>
        public StatusSnapshot? RequestStatus(int timeoutMs)
        {
            StatusRequest request = new StatusRequest();
            _statusRequests.Enqueue(request);
            _inbox.Wake();
            return request.Done.Wait(timeoutMs) ? request.Result : null;
        }

        /// <summary>Runs until <see cref="Stop"/>; returns after the leave beacon went out.</summary>
        public void Run()
        {
            foreach (ITransport transport in _transports)
            {
                transport.Start(_inbox);
            }

            _log.Info("started", "node", Log.Id(_settings.Identity.NodeId), "device_class", _settings.DeviceClass, "strategy", _settings.StrategyName,
                "transports", TransportNames(), "capabilities", _settings.Identity.Capabilities.ToString().Replace(", ", "|", StringComparison.Ordinal));
            if (_settings.SeedFixed)
            {
                // Sequence numbers start from the seed: after a restart, neighbours that still remember the
                // last run's frames take the first new ones for copies (a telemetry frame acknowledged but not kept).
                _log.Warn("seed_fixed", "seed", _settings.Seed, "effect", "sequence numbers repeat at every start; for tests, not for deployment");
            }
            while (!_stopRequested)
            {
                long nowMs = _clock.NowMs;
                ApplySensors();
                DrainInbox();
                if (nowMs >= _node.NextDeadlineMs)
                {
                    _node.Tick(_clock.NowMs);
                }

                DrainTelemetry();
                Flush();
                DrainEvents();
                ServeStatus();
                _loopIterations++;
                long waitMs = _node.NextDeadlineMs - _clock.NowMs;
                if (waitMs > 0)
                {
                    _inbox.Wait((int)Math.Min(waitMs, SleepMsMax));
                }
            }

            long stopMs = _clock.NowMs;
            bool queued = _node.Leave(stopMs);
            Flush();
            DrainEvents();
            _log.Info("stopped", "node", Log.Id(_settings.Identity.NodeId), "leave_sent", queued, "uptime_ms", stopMs);
            ServeStatus();
        }

        private string TransportNames()
        {
            string names = string.Empty;
            foreach (ITransport t in _transports)
            {
                names = names.Length == 0 ? t.Name : names + "," + t.Name;
            }

            return names;
        }

        private void ApplySensors()
        {
            SelfReading reading = SelfReading.Unknown;
            long nowMs = _clock.NowMs;
            if (_position.TryGetPosition(nowMs, out int lat, out int lon))
            {
                reading.HasPosition = true;
                reading.LatitudeE7 = lat;
                reading.LongitudeE7 = lon;
            }

            reading.BatteryPercent = _battery.Percent;
            reading.IsMoving = _settings.Moving;
            if (reading.HasPosition == _applied.HasPosition && reading.LatitudeE7 == _applied.LatitudeE7 && reading.LongitudeE7 == _applied.LongitudeE7
                && reading.BatteryPercent == _applied.BatteryPercent && reading.IsMoving == _applied.IsMoving)
            {
                return;
            }

            if (reading.HasPosition != _applied.HasPosition)
            {
                _log.Info(reading.HasPosition ? "position_valid" : "position_invalid", "lat_e7", reading.LatitudeE7, "lon_e7", reading.LongitudeE7);
            }

            _node.UpdateSelf(reading);
            _applied = reading;
        }

        private void DrainInbox()
        {
            while (_inbox.TryTake(out InboundFrame? frame))
            {
                ReceiveResult result = _node.Receive(frame!.Buffer, 0, frame.Count, LinkInfo.None, _clock.NowMs);
                if (result == ReceiveResult.Accepted && frame.Address != null
                    && FrameHeader.TryRead(frame.Buffer, 0, frame.Count, out FrameHeader header) && header.Type == FrameType.Beacon)
                {
                    // Beacons are one hop, so their source address is the sender's (flooded frames are not).
                    _peers[header.SourceId] = new PeerAddress(frame.Transport, frame.Address);
                }
            }
        }

        private void Flush()
        {
            while (_node.TryDequeueOutgoing(_frame, 0, out int count, out uint destination))
            {
                if (!_firstBeaconLogged)
                {
                    _firstBeaconLogged = true;
                    double sinceStartMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
                    _log.Info("first_frame_sent", "bytes", count, "since_process_start_ms", Math.Round(sinceStartMs, 1));
                }

                if (destination != FrameHeader.NodeIdBroadcast && _peers.TryGetValue(destination, out PeerAddress peer))
                {
                    peer.Transport.SendTo(_frame, count, peer.Address);
                    continue;
                }

                foreach (ITransport transport in _transports)
                {
                    transport.Broadcast(_frame, count);
                }
            }
        }

        // As the root of a root-capable tree the gateway is where telemetry ends: each record is one log
        // line (origin, its sequence, the payload in hex) for whatever collects the gateway's output.
        // Taking them at once keeps the node's inbox free, so children are never refused for long.
        private void DrainTelemetry()
        {
            while (_node.TryDequeueTelemetry(_frame, 0, out int count, out uint origin, out uint sequence))
            {
                _telemetryTaken++;
                _log.Info("telemetry_delivered", "origin", Log.Id(origin), "sequence", sequence, "payload", Convert.ToHexString(_frame, 0, count).ToLowerInvariant());
            }
        }

        private void DrainEvents()
        {
            while (_node.TryDequeueEvent(out MeshEvent e))
            {
                LogLevel level = e.Kind == MeshEventKind.NeighbourUpdated ? LogLevel.Debug : LogLevel.Info;
                if (!_log.Enabled(level))
                {
                    continue;
                }

                _log.Write(level, EventName(e.Kind), "node", Log.Id(e.NodeId), "value", e.Value, "at_ms", e.AtMs,
                    "role", RoleName(_node.Role), "level_now", _node.Level, "parent", _node.ParentId == FrameHeader.NodeIdNone ? "none" : Log.Id(_node.ParentId));
            }
        }

        private void ServeStatus()
        {
            while (_statusRequests.TryDequeue(out StatusRequest? request))
            {
                request.Result = Snapshot();
                request.Done.Set();
            }
        }

        private StatusSnapshot Snapshot()
        {
            long nowMs = _clock.NowMs;
            StatusSnapshot s = new StatusSnapshot
            {
                NodeId = Log.Id(_node.NodeId),
                Version = Program.Version,
                DeviceClass = _settings.DeviceClass,
                Strategy = _settings.StrategyName,
                Role = RoleName(_node.Role),
                Level = _node.Level,
                IsRoot = _node.IsRoot,
                ParentId = _node.ParentId == FrameHeader.NodeIdNone ? null : Log.Id(_node.ParentId),
                Rank = _node.Rank,
                PartitionId = "0x" + _node.PartitionId.ToString("x4", CultureInfo.InvariantCulture),
                ChildCount = _node.ChildCount,
                UptimeMs = nowMs,
                BeaconIntervalMs = _node.BeaconIntervalMs,
                BatteryPercent = _applied.BatteryPercent == BeaconBody.BatteryUnknown ? null : _applied.BatteryPercent,
                Position = _applied.HasPosition ? new PositionStatus { Latitude = _applied.LatitudeE7 / 1e7, Longitude = _applied.LongitudeE7 / 1e7 } : null,
            };
            NeighbourTable table = _node.Neighbours;
            for (int i = 0; i < table.Count; i++)
            {
                NeighbourEntry n = table[i];
                if (n.Beacon.ParentId == _node.NodeId)
                {
                    s.Children.Add(Log.Id(n.NodeId));
                }

                s.Neighbours.Add(new NeighbourStatus
                {
                    Id = Log.Id(n.NodeId),
                    Level = n.Beacon.Level,
                    Role = RoleName(n.Beacon.Role),
                    ParentId = n.Beacon.ParentId == FrameHeader.NodeIdNone ? null : Log.Id(n.Beacon.ParentId),
                    PartitionId = "0x" + n.Beacon.PartitionId.ToString("x4", CultureInfo.InvariantCulture),
                    Rank = n.Beacon.Rank,
                    LinkQualityPermille = table.LinkQualityPermille(i, nowMs),
                    LastHeardAgoMs = n.IsAwaitingBeacon ? -1 : nowMs - n.LastHeardMs,
                    BatteryPercent = n.Beacon.BatteryPercent == BeaconBody.BatteryUnknown ? null : n.Beacon.BatteryPercent,
                    Static = n.IsStatic,
                    Address = _peers.TryGetValue(n.NodeId, out PeerAddress peer) ? peer.Transport.Name + ":" + peer.Address : null,
                });
            }

            AddCounters(s.Counters);
            return s;
        }

        private void AddCounters(Dictionary<string, long> counters)
        {
            MetricsSnapshot m = _metrics.Snapshot();
            counters["frames_received"] = m.FramesReceived;
            counters["frames_accepted"] = m.FramesAccepted;
            counters["frames_dropped"] = m.FramesDropped;
            counters["frames_sent"] = m.FramesSent;
            counters["bytes_sent"] = m.BytesSent;
            counters["beacons_queued"] = m.BeaconsQueued;
            counters["beacons_applied"] = m.BeaconsApplied;
            counters["neighbours_added"] = m.NeighboursAdded;
            counters["neighbours_lost"] = m.NeighboursLost;
            counters["table_evictions"] = m.TableEvictions;
            counters["neighbours_restarted"] = m.NeighboursRestarted;
            counters["parents_suspected"] = m.ParentsSuspected;
            counters["queue_full"] = m.QueueFullEvents;
            counters["events_dropped"] = m.EventsDropped;
            counters["frames_relayed"] = m.FramesRelayed;
            counters["dropped_too_large"] = m.DroppedTooLarge;
            counters["dropped_truncated"] = m.DroppedTruncated;
            counters["dropped_malformed"] = m.DroppedMalformed;
            counters["dropped_own_frame"] = m.DroppedOwnFrame;
            counters["dropped_duplicate"] = m.DroppedDuplicate;
            counters["dropped_stale"] = m.DroppedStale;
            counters["dropped_table_full"] = m.DroppedTableFull;
            counters["dropped_not_addressed"] = m.DroppedNotAddressed;
            counters["telemetry_submitted"] = m.TelemetrySubmitted;
            counters["telemetry_forwarded"] = m.TelemetryForwarded;
            counters["telemetry_delivered"] = m.TelemetryDelivered;
            counters["telemetry_taken_by_host"] = _telemetryTaken;
            counters["telemetry_held"] = _node.TelemetryHeld.Count;
            counters["telemetry_dropped_overflow"] = m.TelemetryDroppedOverflow;
            counters["telemetry_dropped_hop_limit"] = m.TelemetryDroppedHopLimit;
            counters["telemetry_dropped_too_large"] = m.TelemetryDroppedTooLarge;
            counters["telemetry_refused"] = m.TelemetryRefused;
            counters["telemetry_ack_timeouts"] = m.TelemetryAckTimeouts;
            counters["host_inbox_dropped"] = _inbox.DroppedFull;
            counters["host_loop_iterations"] = _loopIterations;
            CounterList list = new CounterList();
            foreach (ITransport t in _transports)
            {
                t.ReadCounters(list);
            }

            if (_position is ICounterSource position)
            {
                position.ReadCounters(list); // The GPS reader's device losses and reopen attempts.
            }

            foreach (KeyValuePair<string, long> pair in list.Items)
            {
                counters[pair.Key] = pair.Value;
            }
        }

        internal static string RoleName(NodeRole role)
        {
            switch (role)
            {
                case NodeRole.Leader: return "leader";
                case NodeRole.Member: return "member";
                default: return "standalone";
            }
        }

        private static string EventName(MeshEventKind kind)
        {
            switch (kind)
            {
                case MeshEventKind.NeighbourAdded: return "neighbour_added";
                case MeshEventKind.NeighbourUpdated: return "neighbour_updated";
                case MeshEventKind.NeighbourLost: return "neighbour_lost";
                case MeshEventKind.NeighbourEvicted: return "neighbour_evicted";
                case MeshEventKind.NeighbourLeft: return "neighbour_left";
                case MeshEventKind.ParentSelected: return "parent_selected";
                case MeshEventKind.ParentChanged: return "parent_changed";
                case MeshEventKind.ParentLost: return "parent_lost";
                case MeshEventKind.ChildAdded: return "child_added";
                case MeshEventKind.ChildRemoved: return "child_removed";
                case MeshEventKind.LateralDiscovered: return "lateral_discovered";
                case MeshEventKind.LateralLost: return "lateral_lost";
                case MeshEventKind.RoleChanged: return "role_changed";
                case MeshEventKind.LevelChanged: return "level_changed";
                case MeshEventKind.PartitionChanged: return "partition_changed";
                case MeshEventKind.BecameRoot: return "became_root";
                case MeshEventKind.Detached: return "detached";
                case MeshEventKind.AssignmentStatus: return "assignment_status";
                case MeshEventKind.AssignmentAnswered: return "assignment_answered";
                case MeshEventKind.TelemetryDroppedOverflow: return "telemetry_dropped_overflow";
                case MeshEventKind.TelemetryDroppedHopLimit: return "telemetry_dropped_hop_limit";
                case MeshEventKind.TelemetryDroppedTooLarge: return "telemetry_dropped_too_large";
                case MeshEventKind.NeighbourRestarted: return "neighbour_restarted";
                case MeshEventKind.ParentSuspected: return "parent_suspected";
                default: return "event_" + ((int)kind).ToString(CultureInfo.InvariantCulture);
            }
        }

        private readonly struct PeerAddress
        {
            public PeerAddress(ITransport transport, object address)
            {
                Transport = transport;
                Address = address;
            }

            public ITransport Transport { get; }

            public object Address { get; }
        }

        private sealed class StatusRequest
        {
            public readonly ManualResetEventSlim Done = new ManualResetEventSlim(false);
            public StatusSnapshot? Result;
        }
    }
}
