using System.Net.Sockets;
using System.Text.Json;
using Peat.Edge.Aot.Status;

namespace Peat.Edge.Aot.Tests.Support
{
    /// <summary>Reads a running node's status: in-process through the socket, or through `peat-edge status --json`.</summary>
    public static class NodeStatus
    {
        /// <summary>The snapshot, or null while the node does not answer (not started yet, gone).</summary>
        public static StatusSnapshot? TryRead(string socket)
        {
            try
            {
                string json = StatusClient.Query(socket);
                return JsonSerializer.Deserialize(json, StatusJsonContext.Default.StatusSnapshot);
            }
            catch (Exception e) when (e is IOException || e is SocketException || e is JsonException)
            {
                return null;
            }
        }

        /// <summary>What `peat-edge status --json` prints (asserts it exits 0).</summary>
        public static JsonElement Json(string socket)
        {
            (int code, string stdout, string stderr) = PeatEdge.RunToEnd(10000, "status", "--json", "--socket", socket);
            Xunit.Assert.True(code == 0, stderr);
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }

        /// <summary>A node id as status prints it (0x0000000a).</summary>
        public static string Hex(uint id) => "0x" + id.ToString("x8");
    }
}
