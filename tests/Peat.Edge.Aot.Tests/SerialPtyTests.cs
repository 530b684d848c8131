using System.IO.Ports;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;
using Peat.Edge.Aot.Transports.Serial;
using Peat.Edge.Aot.Tests.Support;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    /// <summary>The serial-radio transport through a real pty pair (socat): frames with garbage and cuts in between, both directions.</summary>
    public sealed class SerialPtyTests
    {
        [Fact]
        public void FramesSurviveGarbageAndMidFrameCutsThroughAPty()
        {
            using TempDir dir = new TempDir();
            using SocatPair pty = new SocatPair(dir);
            SerialSettings settings = new SerialSettings { Device = pty.A, BaudRate = 115200, FrameBytesMax = 255, AirBitrateBps = 1000000, DutyCyclePercent = 100 };
            using SerialRadioTransport transport = new SerialRadioTransport(settings, new Log(TextWriter.Null, LogLevel.Error, false));
            transport.Open();
            Inbox inbox = new Inbox(64);
            transport.Start(inbox);

            using FileStream other = new FileStream(pty.B, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, false);
            byte[] first = SerialFramingTests.Frame(1, 48);
            byte[] second = SerialFramingTests.Frame(2, 255);
            byte[] third = SerialFramingTests.Frame(3, 10);
            byte[] cut = SerialFramingTests.Wire(second);
            WriteSlowly(other, new byte[] { 0xDE, 0xAD, 0xBE, 0xEF });
            WriteSlowly(other, SerialFramingTests.Wire(first));
            WriteSlowly(other, cut.AsSpan(0, 100).ToArray());
            WriteSlowly(other, SerialFramingTests.Wire(third));
            WriteSlowly(other, SerialFramingTests.Wire(second));

            List<byte[]> got = new List<byte[]>();
            Assert.True(Wait.Until(() =>
            {
                while (inbox.TryTake(out InboundFrame? f))
                {
                    got.Add(f!.Buffer.AsSpan(0, f.Count).ToArray());
                }

                return got.Count >= 3;
            }, 5000) >= 0, "received " + got.Count + " frames");
            Assert.Equal(first, got[0]);
            Assert.Equal(third, got[1]);
            Assert.Equal(second, got[2]);
            CounterList counters = new CounterList();
            transport.ReadCounters(counters);
            Dictionary<string, long> c = counters.Items.ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(3, c["serial_rx_frames"]);
            Assert.True(c["serial_rx_crc_errors"] + c["serial_rx_cobs_errors"] >= 1);

            // And the other way: what the transport sends decodes on the far end.
            transport.Broadcast(first, first.Length);
            transport.Broadcast(third, third.Length);
            transport.Broadcast(new byte[300], 300); // over the frame limit: refused and counted
            SerialFrameDecoder decoder = new SerialFrameDecoder(255);
            List<byte[]> far = new List<byte[]>();
            byte[] buffer = new byte[512];
            Thread reader = new Thread(() =>
            {
                while (far.Count < 2)
                {
                    int n = other.Read(buffer, 0, buffer.Length);
                    decoder.Feed(buffer, 0, n, (b, count) => far.Add(b.AsSpan(0, count).ToArray()));
                }
            }) { IsBackground = true };
            reader.Start();
            Assert.True(reader.Join(5000), "the far end did not receive two frames");
            Assert.Equal(first, far[0]);
            Assert.Equal(third, far[1]);
            Assert.Equal(1, Counters.Read(transport, "serial_tx_oversize"));
        }

        [Fact]
        public void AirtimeBudgetKeepsASlowModemFromBeingOverdriven()
        {
            using TempDir dir = new TempDir();
            using SocatPair pty = new SocatPair(dir);
            // 300 bit/s at 1% of 10 s = 100 ms of airtime; a 40-byte frame costs more than 1 s: never sent.
            SerialSettings settings = new SerialSettings { Device = pty.A, FrameBytesMax = 255, AirBitrateBps = 300, DutyCyclePercent = 1, DutyCycleWindowMs = 10000, PerFrameOverheadMs = 0 };
            using SerialRadioTransport transport = new SerialRadioTransport(settings, new Log(TextWriter.Null, LogLevel.Error, false));
            transport.Open();
            transport.Start(new Inbox(4));
            transport.Broadcast(new byte[40], 40);
            transport.Broadcast(new byte[2], 2); // 4 + 2 + 2 = 8 wire bytes... still 213 ms: refused
            Assert.Equal(2, Counters.Read(transport, "serial_tx_airtime_refused"));
        }

        [Fact]
        public void AFrameDroppedForAFullQueueIsCountedAndChargesNoAirtime()
        {
            using TempDir dir = new TempDir();
            using SocatPair pty = new SocatPair(dir);
            // 8000 bit/s and no overhead: a wire byte is 1 ms on air. The budget (an hour at 100%) refuses nothing here.
            SerialSettings settings = new SerialSettings { Device = pty.A, FrameBytesMax = 255, AirBitrateBps = 8000, DutyCyclePercent = 100, DutyCycleWindowMs = 3600000, PerFrameOverheadMs = 0 };
            using SerialRadioTransport transport = new SerialRadioTransport(settings, new Log(TextWriter.Null, LogLevel.Error, false));
            transport.Open(); // Not started: no writer thread drains the queue, so it is full after WriteQueueCapacity frames.
            byte[] frame = new byte[100];
            const int FrameAirtimeMs = 105; // 100 + 2 (CRC) + 1 (COBS) + 2 (delimiters) wire bytes
            const int Dropped = 4;
            for (int i = 0; i < SerialRadioTransport.WriteQueueCapacity + Dropped; i++)
            {
                transport.Broadcast(frame, frame.Length);
            }

            Assert.Equal(Dropped, Counters.Read(transport, "serial_tx_queue_full"));
            Assert.Equal(0, Counters.Read(transport, "serial_tx_airtime_refused"));
            Assert.Equal(SerialRadioTransport.WriteQueueCapacity * FrameAirtimeMs, Counters.Read(transport, "serial_tx_airtime_used_ms"));
        }

        [Fact]
        public void ARadioUnpluggedAndReplugged()
        {
            using TempDir dir = new TempDir();
            SocatPair pty = new SocatPair(dir);
            try
            {
                LogCapture log = new LogCapture();
                SerialSettings settings = new SerialSettings { Device = pty.A, BaudRate = 115200, FrameBytesMax = 255, AirBitrateBps = 1000000, DutyCyclePercent = 100 };
                using SerialRadioTransport transport = new SerialRadioTransport(settings, log.Log);
                transport.Open();
                Inbox inbox = new Inbox(64);
                transport.Start(inbox);
                byte[] inbound = SerialFramingTests.Frame(1, 48);
                Assert.True(SendUntilReceived(pty.B, inbound, inbox, 10000), "no frame before the radio was unplugged");

                pty.Unplug();
                ReopenAssert.WaitForAFailedAttempt(log, "serial");
                long airtimeMs = Counters.Read(transport, "serial_tx_airtime_used_ms");
                transport.Broadcast(inbound, inbound.Length); // while the radio is gone: dropped, counted, no airtime
                Assert.True(Counters.Read(transport, "serial_tx_device_down") >= 1);
                Assert.Equal(airtimeMs, Counters.Read(transport, "serial_tx_airtime_used_ms"));

                pty = new SocatPair(dir); // the same path: the modem is back
                Assert.True(SendUntilReceived(pty.B, inbound, inbox, 60000), "no frame received after the radio came back:\n" + log.Text);
                byte[] outbound = SerialFramingTests.Frame(2, 30);
                Assert.True(BroadcastUntilHeard(transport, outbound, pty.B, 30000), "no frame sent after the radio came back:\n" + log.Text);
                ReopenAssert.OneLossOneReopen(transport, log, "serial");
            }
            finally
            {
                pty.Dispose();
            }
        }

        [Fact]
        public void ATransportDisposedWhileItsReadWaitsStopsQuietly()
        {
            // Dispose closes the port under the reading thread: whatever the read then throws, the thread must end
            // without taking it for a lost device (no loss, no reopen, nothing logged) and without an unhandled
            // exception, which would take the whole host down.
            using TempDir dir = new TempDir();
            using SocatPair pty = new SocatPair(dir);
            LogCapture log = new LogCapture();
            SerialSettings settings = new SerialSettings { Device = pty.A, BaudRate = 115200, FrameBytesMax = 255, AirBitrateBps = 1000000, DutyCyclePercent = 100 };
            SerialRadioTransport transport = new SerialRadioTransport(settings, log.Log);
            transport.Open();
            Inbox inbox = new Inbox(64);
            transport.Start(inbox);
            Assert.True(SendUntilReceived(pty.B, SerialFramingTests.Frame(1, 48), inbox, 10000), "the transport never read");
            Thread.Sleep(50); // back in a read, waiting for the next bytes

            transport.Dispose();
            Assert.True(transport.ReadLoopEnded.Wait(5000), "the reading thread did not end:\n" + log.Text);
            Thread.Sleep(300); // a reopen attempt, had the loop taken the close for a loss, would show by now
            Assert.Equal(0, Counters.Read(transport, "serial_device_lost"));
            Assert.Equal(0, Counters.Read(transport, "serial_reopen_attempts"));
            Assert.Equal(0, log.Count("serial_device_lost"));
        }

        [Fact]
        public void ThePortOfAnUnpluggedDeviceClosesWithAWriteStuckInIt()
        {
            using TempDir dir = new TempDir();
            using SocatPair pty = new SocatPair(dir);
            SerialPort port = new SerialPort(pty.A, 9600) { ReadTimeout = 100, WriteTimeout = 300 }; // Closed below; a hung close must fail the test, not hang it.
            port.Open();
            Thread read = new Thread(() => ReadUntilFailure(port)) { IsBackground = true };
            read.Start();
            pty.Unplug();
            Assert.True(read.Join(10000), "the read never failed after the unplug");
            // The port's I/O loop is gone now: a write is never completed, only timed out, and stays queued.
            Assert.ThrowsAny<Exception>(() => port.Write(new byte[] { 1 }, 0, 1));
            // SerialPort.Dispose() would flush and spin on that write for ever (the reason for CloseWithoutFlush).
            Thread close = new Thread(() => SerialPortSlot.CloseWithoutFlush(port)) { IsBackground = true };
            close.Start();
            Assert.True(close.Join(10000), "closing the port hung");
        }

        private static void ReadUntilFailure(SerialPort port)
        {
            byte[] buffer = new byte[16];
            while (true)
            {
                try
                {
                    port.Read(buffer, 0, buffer.Length);
                }
                catch (TimeoutException)
                {
                }
                catch (Exception e) when (e is IOException || e is InvalidOperationException)
                {
                    return;
                }
            }
        }

        // Writes the frame every 200 ms until the inbox holds it (the transport may not have the port open yet).
        private static bool SendUntilReceived(string device, byte[] frame, Inbox inbox, int timeoutMs)
        {
            using FileStream other = new FileStream(device, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, false);
            byte[] wire = SerialFramingTests.Wire(frame);
            bool received = false;
            return Wait.Until(() =>
            {
                other.Write(wire, 0, wire.Length);
                other.Flush();
                while (inbox.TryTake(out InboundFrame? f))
                {
                    received |= f!.Buffer.AsSpan(0, f.Count).SequenceEqual(frame);
                }

                return received;
            }, timeoutMs, 200) >= 0;
        }

        // Broadcasts the frame every 200 ms until the far end of the pty decodes it.
        private static bool BroadcastUntilHeard(SerialRadioTransport transport, byte[] frame, string device, int timeoutMs)
        {
            using FileStream other = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, false);
            SerialFrameDecoder decoder = new SerialFrameDecoder(255);
            int heard = 0;
            Thread reader = new Thread(() =>
            {
                byte[] buffer = new byte[512];
                try
                {
                    while (Volatile.Read(ref heard) == 0)
                    {
                        int n = other.Read(buffer, 0, buffer.Length);
                        decoder.Feed(buffer, 0, n, (b, count) => { if (b.AsSpan(0, count).SequenceEqual(frame)) { Volatile.Write(ref heard, 1); } });
                    }
                }
                catch (IOException)
                {
                    // The pty went away when the test ended.
                }
            }) { IsBackground = true };
            reader.Start();
            return Wait.Until(() =>
            {
                transport.Broadcast(frame, frame.Length);
                return Volatile.Read(ref heard) == 1;
            }, timeoutMs, 200) >= 0;
        }

        private static void WriteSlowly(Stream stream, byte[] bytes)
        {
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush();
            Thread.Sleep(5);
        }
    }
}
