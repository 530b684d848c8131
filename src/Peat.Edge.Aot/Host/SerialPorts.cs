using System;
using System.IO;
using System.IO.Ports;

namespace Peat.Edge.Aot.Host
{
    /// <summary>Closing a serial port that may be dead (its device unplugged).</summary>
    public static class SerialPorts
    {
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
