using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Peat.Edge.Sim.Links;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// The radio: frames leave a node one after another when its radio is free, occupy the air for their
    /// airtime, and reach every node in range whose link is not cut, unless the link drops them. Links
    /// without collision modelling deliver through one queue entry per frame for all its arrivals, in
    /// order; collision-modelled links (LoRa) track
    /// each reception from start to end so overlaps and half-duplex can void it. Frame buffers are pooled.
    /// </summary>
    public sealed partial class SimWorld
    {
        private const byte LostNone = 0;
        private const byte LostCollision = 1;
        private const byte LostHalfDuplex = 2;
        private const byte LostDown = 3;

        /// <summary>Arrivals a transmission slot holds before it grows (a 100-node Wi-Fi node has about 16 links).</summary>
        private const int ArrivalsInitialCapacity = 32;

        /// <summary>Low bits of an arrival key that hold its draw order: far more arrivals than a frame has links.</summary>
        private const int ArrivalOrderBits = 24;
        private const long ArrivalOrderMask = (1L << ArrivalOrderBits) - 1;

        /// <summary>The longest arrival delay after a frame's end that a key holds (2^39 us, six days).</summary>
        private const ulong MaxArrivalDelayUs = (1UL << (63 - ArrivalOrderBits)) - 1;

        private Transmission[] _tx = new Transmission[256];
        private readonly Stack<int> _txFree = new Stack<int>();
        private int _txUsed;
        private Reception[] _rx = new Reception[256];
        private readonly Stack<int> _rxFree = new Stack<int>();
        private int _rxUsed;
        private RadioCounters _radio;
        private double _faultLoss;

        /// <summary>Air and delivery counters so far.</summary>
        public RadioCounters Radio => _radio;

        /// <summary>Loss added on every link by loss faults right now.</summary>
        public double FaultLossProbability => _faultLoss;

        // The loss every link has now on top of its own (distance, asymmetry): the run's --loss and the active loss faults.
        private double ExtraLossNow => _config.Link.ExtraLossProbability + _faultLoss;

        /// <summary>
        /// Test hook: puts <paramref name="count"/> bytes of <paramref name="frame"/> on the air from node
        /// <paramref name="senderIndex"/> now, as if its radio sent them (airtime, half-duplex, collisions,
        /// loss all apply).
        /// </summary>
        public void DebugTransmit(int senderIndex, byte[] frame, int count, uint destinationId = FrameHeader.NodeIdBroadcast)
        {
            ArgumentNullException.ThrowIfNull(frame);
            if (count < 1 || count > frame.Length || count > _config.Link.MtuBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "must be 1..frame length and at most the link MTU");
            }

            int slot = AllocateTransmission();
            Buffer.BlockCopy(frame, 0, _tx[slot].Buffer, 0, count);
            Transmit(_nodes[senderIndex], slot, count, destinationId);
        }

        private void OnRadioFree(SimNode node, int incarnation)
        {
            if (incarnation != node.Incarnation)
            {
                return;
            }

            node.RadioFreePending = false;
            PumpRadio(node);
        }

        // Sends queued frames while the radio is free; otherwise makes sure one RadioFree event is pending.
        private void PumpRadio(SimNode node)
        {
            while (node.Alive && node.Mesh.OutgoingCount > 0)
            {
                if (NowUs < node.RadioFreeAtUs)
                {
                    if (!node.RadioFreePending)
                    {
                        node.RadioFreePending = true;
                        _radio.Deferred++;
                        _queue.Schedule(node.RadioFreeAtUs, new SimEvent(SimEventKind.RadioFree, node.Index, node.Incarnation));
                    }

                    return;
                }

                int slot = AllocateTransmission();
                if (!node.Mesh.TryDequeueOutgoing(_tx[slot].Buffer, 0, out int count, out uint destinationId))
                {
                    _txFree.Push(slot);
                    return;
                }

                Transmit(node, slot, count, destinationId);
            }
        }

        private void Transmit(SimNode sender, int slot, int count, uint destinationId)
        {
            long airUs = _link.AirtimeUs(count);
            long startUs = NowUs;
            long endUs = startUs + airUs;
            sender.TransmittingUntilUs = endUs;
            sender.RadioFreeAtUs = endUs + _link.DutyCycleWaitUs(airUs);
            byte[] buffer = _tx[slot].Buffer;
            bool beacon = (buffer[0] & 0x0F) == (byte)FrameType.Beacon;
            _radio.Transmissions++;
            if (beacon)
            {
                _radio.BeaconBytes += count;
            }
            else
            {
                _radio.DataBytes += count;
                if ((buffer[0] & 0x0F) == (byte)FrameType.Telemetry)
                {
                    MeasureTelemetryFrame(sender, buffer, count);
                }
            }

            bool collisions = _config.Link.Collisions;
            if (_config.Link.HalfDuplex)
            {
                AbortReceptions(sender, LostHalfDuplex);
            }

            bool steadyBeacon = beacon && startUs >= _steadyStartUs;
            if (steadyBeacon)
            {
                sender.SteadyBeaconAirUs += airUs;
            }

            _tx[slot].Length = count;
            _tx[slot].Sender = sender.Index;
            _tx[slot].EndUs = endUs;
            _tx[slot].Refs = 1; // held by this loop until the end, so the slot cannot be recycled under it
            double extraLoss = ExtraLossNow;
            ReadOnlySpan<RadioLink> links = _graph.LinksOf(sender.Index);
            ref readonly AirState from = ref _air[sender.Index];
            for (int linkOffset = 0; linkOffset < links.Length; linkOffset++)
            {
                ref readonly RadioLink link = ref links[linkOffset];
                ref AirState receiver = ref _air[link.To];
                if (!receiver.Alive || IsCut(from, receiver))
                {
                    continue;
                }

                if (steadyBeacon)
                {
                    receiver.SteadyBeaconAirUs += airUs; // the channel is busy here whether or not the frame decodes
                }

                if (destinationId != FrameHeader.NodeIdBroadcast && destinationId != receiver.NodeId)
                {
                    continue;
                }

                double lossProbability = link.BaseLossProbability + extraLoss;
                bool channelLost = lossProbability > 0 && (lossProbability >= 1 || _channel.NextDouble() < lossProbability);
                if (collisions)
                {
                    // A frame too weak to decode still occupies the receiver, so it is tracked either way.
                    long receptionStartUs = startUs + link.ExtraDelayUs + _link.DeliveryDelayUs(_channel);
                    int reception = AllocateReception(slot, receiver.Incarnation, link, channelLost);
                    _tx[slot].Refs++;
                    _queue.Schedule(receptionStartUs, new SimEvent(SimEventKind.ReceptionStart, link.To, reception));
                    _queue.Schedule(receptionStartUs + airUs, new SimEvent(SimEventKind.ReceptionEnd, link.To, reception));
                }
                else if (channelLost)
                {
                    _radio.LostChannel++;
                }
                else
                {
                    AddArrival(ref _tx[slot], link.ExtraDelayUs + _link.DeliveryDelayUs(_channel), link, receiver.Incarnation);
                }
            }

            QueueArrivals(slot);
            ReleaseTransmission(slot);
        }

        // Keeps the frame's arrivals in the order they happen (time, then the order they were drawn in:
        // the order their own events would have had). The arrivals stay where they were drawn; what is
        // sorted, by insertion (a frame has a few tens at most), is one long per arrival, its delay after
        // the frame's end above its draw order, so each step of the sort moves 8 bytes, written and read
        // whole: moving the 24-byte arrivals read back entries just written in narrower pieces, and stalled.
        private static void AddArrival(ref Transmission tx, long delayUs, in RadioLink link, int incarnation)
        {
            int order = tx.ArrivalCount;
            if (order == tx.Arrivals.Length)
            {
                Array.Resize(ref tx.Arrivals, order * 2);
                Array.Resize(ref tx.ArrivalKeys, order * 2);
            }

            if ((ulong)delayUs > MaxArrivalDelayUs || order > ArrivalOrderMask)
            {
                ThrowArrivalOutOfRange(delayUs);
            }

            long key = (delayUs << ArrivalOrderBits) | (long)order;
            long[] keys = tx.ArrivalKeys;
            int index = order;
            while (index > 0 && keys[index - 1] > key)
            {
                keys[index] = keys[index - 1];
                index--;
            }

            keys[index] = key;
            tx.Arrivals[order] = new Arrival { Receiver = link.To, Incarnation = incarnation, RssiDbm = link.RssiDbm, SnrDb = link.SnrDb };
            tx.ArrivalCount = order + 1;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowArrivalOutOfRange(long delayUs)
        {
            throw new InvalidOperationException("a frame's arrival is " + delayUs.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " us after its end, or it has more arrivals than " + (ArrivalOrderMask + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + ": outside what an arrival key holds");
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static long ArrivalAtUs(in Transmission tx, int next)
        {
            return tx.EndUs + (tx.ArrivalKeys[next] >> ArrivalOrderBits);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int ArrivalOrder(in Transmission tx, int next)
        {
            return (int)(tx.ArrivalKeys[next] & ArrivalOrderMask);
        }

        // One queue entry stands for all of a frame's arrivals, keyed by the next one: each takes the
        // sequence number its own event would have had, so the order of everything is unchanged.
        private void QueueArrivals(int slot)
        {
            ref Transmission tx = ref _tx[slot];
            if (tx.ArrivalCount == 0)
            {
                return;
            }

            tx.FirstSequence = _queue.ReserveSequences(tx.ArrivalCount);
            tx.ArrivalNext = 0;
            tx.Refs++;
            _queue.Schedule(ArrivalAtUs(tx, 0), tx.FirstSequence + ArrivalOrder(tx, 0), new SimEvent(SimEventKind.Arrival, -1, slot));
        }

        // The frame's next arrival is due (its entry is at the head of the queue): move the entry to the one
        // after, or remove it after the last, then deliver.
        private void OnArrival(int slot)
        {
            Arrival arrival;
            bool last;
            {
                ref Transmission tx = ref _tx[slot]; // not held over Deliver: a transmission there may grow _tx
                arrival = tx.Arrivals[ArrivalOrder(tx, tx.ArrivalNext++)];
                last = tx.ArrivalNext == tx.ArrivalCount;
                if (last)
                {
                    _queue.RemoveNext();
                    tx.ArrivalCount = 0;
                }
                else
                {
                    _queue.ReplaceNext(ArrivalAtUs(tx, tx.ArrivalNext), tx.FirstSequence + ArrivalOrder(tx, tx.ArrivalNext), new SimEvent(SimEventKind.Arrival, -1, slot));
                }
            }

            ref readonly AirState receiver = ref _air[arrival.Receiver];
            if (receiver.Alive && receiver.Incarnation == arrival.Incarnation)
            {
                // (A receiver restarted while the frame was in flight was off when it began: it gets nothing.)
                Deliver(_nodes[arrival.Receiver], slot, arrival.RssiDbm, arrival.SnrDb);
            }
            else
            {
                _radio.LostReceiverDown++;
            }

            if (last)
            {
                ReleaseTransmission(slot);
            }
        }

        private void OnReceptionStart(SimNode receiver, int reception)
        {
            ref Reception rx = ref _rx[reception];
            if (!receiver.Alive || rx.Incarnation != receiver.Incarnation)
            {
                rx.LostReason = LostDown;
                return;
            }

            if (_config.Link.HalfDuplex && NowUs < receiver.TransmittingUntilUs)
            {
                rx.LostReason = LostHalfDuplex;
            }

            List<int> active = receiver.ActiveReceptions ??= new List<int>(4);
            if (active.Count > 0)
            {
                foreach (int other in active)
                {
                    MarkLost(other, LostCollision);
                }

                MarkLost(reception, LostCollision);
            }

            active.Add(reception);
        }

        private void OnReceptionEnd(SimNode receiver, int reception)
        {
            receiver.ActiveReceptions?.Remove(reception);
            Reception rx = _rx[reception];
            bool receiverUp = receiver.Alive && rx.Incarnation == receiver.Incarnation;
            if (!receiverUp || rx.LostReason == LostDown)
            {
                _radio.LostReceiverDown++;
            }
            else if (rx.LostReason == LostCollision)
            {
                _radio.LostCollision++;
            }
            else if (rx.LostReason == LostHalfDuplex)
            {
                _radio.LostHalfDuplex++;
            }
            else if (rx.ChannelLost)
            {
                _radio.LostChannel++;
            }
            else
            {
                Deliver(receiver, rx.Transmission, rx.Rssi, rx.Snr);
            }

            _rxFree.Push(reception);
            ReleaseTransmission(rx.Transmission);
        }

        private void Deliver(SimNode receiver, int slot, sbyte rssiDbm, sbyte snrDb)
        {
            _radio.Delivered++;
            LinkInfo info = new LinkInfo { RssiDbm = rssiDbm, SnrDb = snrDb };
            receiver.Mesh.Receive(_tx[slot].Buffer, 0, _tx[slot].Length, info, receiver.NodeNowMs(NowUs));
            FrameDelivered?.Invoke(NowUs, _tx[slot].Sender, receiver.Index);
            AfterActivity(receiver);
        }

        // Half-duplex: whatever the node was receiving is lost the moment it starts to transmit.
        private void AbortReceptions(SimNode node, byte reason)
        {
            if (node.ActiveReceptions == null)
            {
                return;
            }

            foreach (int reception in node.ActiveReceptions)
            {
                MarkLost(reception, reason);
            }
        }

        private void MarkLost(int reception, byte reason)
        {
            if (_rx[reception].LostReason == LostNone)
            {
                _rx[reception].LostReason = reason;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool IsCut(in AirState a, in AirState b)
        {
            return a.Isolated || b.Isolated || (_partitioned && a.WestSide != b.WestSide);
        }

        private int AllocateTransmission()
        {
            if (_txFree.Count > 0)
            {
                return _txFree.Pop();
            }

            if (_txUsed == _tx.Length)
            {
                Array.Resize(ref _tx, _tx.Length * 2);
            }

            _tx[_txUsed].Buffer = new byte[_config.Link.MtuBytes];
            _tx[_txUsed].Arrivals = new Arrival[ArrivalsInitialCapacity];
            _tx[_txUsed].ArrivalKeys = new long[ArrivalsInitialCapacity];
            return _txUsed++;
        }

        private void ReleaseTransmission(int slot)
        {
            if (--_tx[slot].Refs == 0)
            {
                _txFree.Push(slot);
            }
        }

        private int AllocateReception(int slot, int incarnation, in RadioLink link, bool channelLost)
        {
            int reception;
            if (_rxFree.Count > 0)
            {
                reception = _rxFree.Pop();
            }
            else
            {
                if (_rxUsed == _rx.Length)
                {
                    Array.Resize(ref _rx, _rx.Length * 2);
                }

                reception = _rxUsed++;
            }

            _rx[reception] = new Reception
            {
                Transmission = slot,
                Incarnation = incarnation,
                LostReason = LostNone,
                ChannelLost = channelLost,
                Rssi = link.RssiDbm,
                Snr = link.SnrDb,
            };
            return reception;
        }

        private struct Transmission
        {
            public byte[] Buffer;
            public int Length;
            public int Sender;
            public int Refs;

            /// <summary>When the frame's airtime ends (its arrivals are due after it).</summary>
            public long EndUs;

            /// <summary>Links without collision modelling: the frame's arrivals in the order drawn (grown when a node has more links).</summary>
            public Arrival[] Arrivals;

            /// <summary>The arrivals' keys in delivery order: delay after <see cref="EndUs"/> above the draw order (<see cref="ArrivalOrderBits"/> bits).</summary>
            public long[] ArrivalKeys;
            public int ArrivalCount;

            /// <summary>The next arrival to deliver.</summary>
            public int ArrivalNext;

            /// <summary>The sequence number of the first arrival drawn (each arrival's is this plus its draw order).</summary>
            public long FirstSequence;
        }

        // What an arrival needs of its link is copied from it (the entry is no larger for it): looking the
        // link up again when the frame arrives missed the cache.
        private struct Arrival
        {
            public int Receiver;

            /// <summary>The receiver's incarnation when the frame went out.</summary>
            public int Incarnation;
            public sbyte RssiDbm;
            public sbyte SnrDb;
        }

        private struct Reception
        {
            public int Transmission;
            public int Incarnation;
            public byte LostReason;
            public bool ChannelLost;
            public sbyte Rssi;
            public sbyte Snr;
        }
    }
}
