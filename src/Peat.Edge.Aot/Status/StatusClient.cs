using System;
using System.IO;
using System.Net.Sockets;
using System.Text;

namespace Peat.Edge.Aot.Status
{
    /// <summary>The <c>peat-edge status</c> side of the status socket.</summary>
    public static class StatusClient
    {
        public const int TimeoutMs = 3000;

        /// <summary>Largest answer read (a snapshot with 256 neighbours is about 100 KB).</summary>
        public const int AnswerBytesMax = 4 << 20;

        /// <summary>Asks for the status JSON; throws IOException or SocketException with a readable message.</summary>
        public static string Query(string socketPath)
        {
            using Socket socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.ReceiveTimeout = TimeoutMs;
            socket.SendTimeout = TimeoutMs;
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            socket.Send(Encoding.ASCII.GetBytes("status\n"));
            using MemoryStream answer = new MemoryStream();
            byte[] buffer = new byte[8192];
            while (true)
            {
                int n = socket.Receive(buffer);
                if (n == 0)
                {
                    break;
                }

                answer.Write(buffer, 0, n);
                if (answer.Length > AnswerBytesMax)
                {
                    throw new IOException("the answer is larger than " + AnswerBytesMax + " bytes");
                }
            }

            return Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length);
        }

        /// <summary>True when something accepts connections on the path.</summary>
        public static bool IsAlive(string socketPath)
        {
            try
            {
                using Socket socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                socket.Connect(new UnixDomainSocketEndPoint(socketPath));
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
