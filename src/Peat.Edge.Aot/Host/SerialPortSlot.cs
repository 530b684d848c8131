using System;
using System.IO;
using System.IO.Ports;

namespace Peat.Edge.Aot.Host
{
    /// <summary>
    /// The serial port of an adapter whose device may be lost and reopened while it runs (GPS, serial radio).
    /// The adapter's reader thread opens and loses ports; any thread may take <see cref="Current"/> (null while
    /// the device is lost). After <see cref="Close"/> no port becomes current again, so a reopen that races
    /// the adapter's shutdown cannot leave a port open behind it.
    /// </summary>
    public sealed class SerialPortSlot
    {
        private readonly object _gate = new object();
        private volatile SerialPort? _port;
        private bool _closed;

        /// <summary>The open port, or null while the device is lost or after <see cref="Close"/>.</summary>
        public SerialPort? Current => _port;

        /// <summary>What a lost device is logged with when a read only timed out but the device node is gone.</summary>
        public const string DeviceRemoved = "the device node is gone";

        /// <summary>
        /// A read that timed out on an idle port: still a live device, or one whose node went away (a USB
        /// adapter pulled, the other end of a pty closed)? A hang-up does not always make a pending read
        /// fail, so an idle reader also looks at the node, which the kernel (or udev) removes at once.
        /// </summary>
        public static bool IsGone(string device)
        {
            return !File.Exists(device);
        }

        /// <summary>Opens the port <paramref name="create"/> makes and makes it current; null when open, otherwise why not.</summary>
        public string? TryOpen(Func<SerialPort> create)
        {
            try
            {
                SerialPort port = create();
                port.Open();
                lock (_gate)
                {
                    if (!_closed)
                    {
                        _port = port;
                        return null;
                    }
                }

                CloseWithoutFlush(port);
                return "the adapter is stopping";
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is InvalidOperationException)
            {
                return e.Message;
            }
        }

        /// <summary>The port failed: it is no longer current, and it is closed.</summary>
        public void Lose(SerialPort lost)
        {
            lock (_gate)
            {
                if (_port == lost)
                {
                    _port = null;
                }
            }

            CloseWithoutFlush(lost);
        }

        /// <summary>Closes the current port for good (the adapter stops).</summary>
        public void Close()
        {
            SerialPort? port;
            lock (_gate)
            {
                _closed = true;
                port = _port;
                _port = null;
            }

            CloseWithoutFlush(port);
        }

        /// <summary>
        /// Closes without waiting on the port's own write queue. On Unix, <see cref="SerialPort.Dispose()"/> flushes
        /// first, and after a hangup the port's I/O loop has already ended, so the flush spins for ever on a write
        /// request nobody completes (a node that never exits on SIGTERM). Disposing the stream first fails pending
        /// requests and releases the handle; bytes already written are the kernel's, and closing a tty waits
        /// for them to drain.
        /// </summary>
        public static void CloseWithoutFlush(SerialPort? port)
        {
            if (port == null)
            {
                return;
            }

            try
            {
                if (port.IsOpen)
                {
                    port.BaseStream.Dispose();
                }

                port.Dispose();
            }
            catch (Exception e) when (e is IOException || e is InvalidOperationException || e is UnauthorizedAccessException)
            {
                // Closing a device that is gone: nothing left to release or report.
            }
        }
    }
}
