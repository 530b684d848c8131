using System.Diagnostics;
using System.Text.Json;
using Peat.Edge.Aot.Status;
using Peat.Edge.Aot.Tests.Support;
using static Peat.Edge.Aot.Tests.Support.NodeStatus;
using Xunit;
using Xunit.Abstractions;

namespace Peat.Edge.Aot.Tests
{
    /// <summary>
    /// Three real peat-edge processes on loopback multicast: they discover each other and form a tree
    /// (the root-capable node with the highest priority on top), visible through `peat-edge status --json`;
    /// kill -9 of the leaf's parent makes the leaf re-parent (time measured and printed, generously bounded);
    /// SIGTERM leaves the mesh with a leave beacon and exits 0.
    /// </summary>
    public sealed class MeshProcessTests
    {
        private const uint RootId = 0x0A01;
        private const uint AlternateId = 0x0A02;
        private const uint LeafId = 0x0A03;
        private readonly ITestOutputHelper _output;

        public MeshProcessTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void ThreeProcessesFormATreeAndTheLeafReparentsAfterKill9()
        {
            using TempDir dir = new TempDir();
            (string group, int port) = NodeConfig.RandomGroup();
            string rootConfig = dir.Write("root.json", NodeConfig.Json(RootId, "lab", true, 100, group, port, dir.File("root.sock")));
            string alternateConfig = dir.Write("alt.json", NodeConfig.Json(AlternateId, "lab", true, 50, group, port, dir.File("alt.sock")));
            string leafConfig = dir.Write("leaf.json", NodeConfig.Json(LeafId, "leaf", false, 0, group, port, dir.File("leaf.sock")));
            Dictionary<uint, string> sockets = new Dictionary<uint, string> { [RootId] = dir.File("root.sock"), [AlternateId] = dir.File("alt.sock"), [LeafId] = dir.File("leaf.sock") };
            Dictionary<uint, PeatEdge> nodes = new Dictionary<uint, PeatEdge>();
            try
            {
                nodes[RootId] = PeatEdge.Start("run", "--config", rootConfig);
                nodes[AlternateId] = PeatEdge.Start("run", "--config", alternateConfig);
                nodes[LeafId] = PeatEdge.Start("run", "--config", leafConfig);

                long formedMs = Wait.Until(() =>
                {
                    StatusSnapshot? root = NodeStatus.TryRead(sockets[RootId]);
                    StatusSnapshot? alt = NodeStatus.TryRead(sockets[AlternateId]);
                    StatusSnapshot? leaf = NodeStatus.TryRead(sockets[LeafId]);
                    return root != null && alt != null && leaf != null && root.IsRoot && alt.ParentId == Hex(RootId) && leaf.ParentId != null
                        && leaf.PartitionId == root.PartitionId && alt.PartitionId == root.PartitionId
                        && root.Children.Contains(Hex(AlternateId)) && (leaf.ParentId == Hex(RootId) ? root : alt).Children.Contains(Hex(LeafId));
                }, 20000);
                Assert.True(formedMs >= 0, "no tree within 20 s\n" + Logs(nodes));
                _output.WriteLine("tree formed " + formedMs + " ms after the status sockets answered");

                // The same through the command line: peat-edge status --json.
                JsonElement leafJson = NodeStatus.Json(sockets[LeafId]);
                JsonElement rootJson = NodeStatus.Json(sockets[RootId]);
                Assert.Equal(Hex(LeafId), leafJson.GetProperty("nodeId").GetString());
                Assert.True(rootJson.GetProperty("isRoot").GetBoolean());
                Assert.Equal(0, rootJson.GetProperty("level").GetInt32());
                Assert.Equal(2, rootJson.GetProperty("neighbours").GetArrayLength());
                Assert.True(rootJson.GetProperty("childCount").GetInt32() >= 1);
                string parent = leafJson.GetProperty("parentId").GetString()!;
                Assert.Contains(parent, new[] { Hex(RootId), Hex(AlternateId) });
                Assert.True(leafJson.GetProperty("level").GetInt32() >= 1);
                foreach (JsonElement n in leafJson.GetProperty("neighbours").EnumerateArray())
                {
                    Assert.InRange(n.GetProperty("linkQualityPermille").GetInt32(), 1, 1000);
                }

                // kill -9 the leaf's parent: no leave beacon, the leaf must notice missed beacons.
                uint parentId = parent == Hex(RootId) ? RootId : AlternateId;
                uint otherId = parentId == RootId ? AlternateId : RootId;
                Stopwatch sinceKill = Stopwatch.StartNew();
                nodes[parentId].Signal(9);
                Assert.True(nodes[parentId].WaitForExit(5000));
                long reparentMs = Wait.Until(() =>
                {
                    StatusSnapshot? leaf = NodeStatus.TryRead(sockets[LeafId]);
                    StatusSnapshot? other = NodeStatus.TryRead(sockets[otherId]);
                    return leaf != null && other != null && leaf.ParentId == Hex(otherId) && leaf.PartitionId == other.PartitionId && other.IsRoot;
                }, 30000);
                Assert.True(reparentMs >= 0, "the leaf did not re-parent within 30 s\n" + Logs(nodes));
                _output.WriteLine("kill -9 of parent " + Hex(parentId) + ": leaf re-parented to " + Hex(otherId) + " after " + sinceKill.ElapsedMilliseconds + " ms");
                Assert.Equal(Hex(otherId), NodeStatus.Json(sockets[LeafId]).GetProperty("parentId").GetString());

                // SIGTERM: leave beacon, exit 0; the leaf hears the leave at once.
                nodes[otherId].Signal(15);
                Assert.True(nodes[otherId].WaitForExit(5000), "no exit after SIGTERM");
                Assert.Equal(0, nodes[otherId].ExitCode);
                Assert.Contains("event=stopped", nodes[otherId].Stdout);
                Assert.Contains("leave_sent=True", nodes[otherId].Stdout);
                Assert.False(File.Exists(sockets[otherId]), "the status socket is removed on exit");
                Assert.True(nodes[LeafId].WaitForOutput("event=neighbour_left node=" + Hex(otherId), 5000), Logs(nodes));
                nodes[LeafId].Signal(2);
                Assert.True(nodes[LeafId].WaitForExit(5000), "no exit after SIGINT");
                Assert.Equal(0, nodes[LeafId].ExitCode);
                Assert.Equal(string.Empty, nodes[LeafId].Stderr);
            }
            finally
            {
                foreach (PeatEdge n in nodes.Values)
                {
                    n.Dispose();
                }
            }
        }

        [Fact]
        public void StatusSocketIsOwnerOnlyAndLogsAreStructured()
        {
            using TempDir dir = new TempDir();
            (string group, int port) = NodeConfig.RandomGroup();
            string config = dir.Write("n.json", NodeConfig.Json(0x0B01, "gateway", true, 64, group, port, dir.File("n.sock")));
            using PeatEdge node = PeatEdge.Start("run", "--config", config);
            Assert.True(Wait.Until(() => NodeStatus.TryRead(dir.File("n.sock")) != null, 10000) >= 0, node.Stdout + node.Stderr);
            UnixFileMode mode = File.GetUnixFileMode(dir.File("n.sock"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
            (int code, string text, string _) = PeatEdge.RunToEnd(10000, "status", "--socket", dir.File("n.sock"));
            Assert.Equal(0, code);
            Assert.Contains("node       0x00000b01", text);
            Assert.True(node.WaitForOutput("event=first_frame_sent", 5000));
            foreach (string line in node.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.Matches("^level=(debug|info|warn|error) event=[a-z_0-9]+( [a-z_0-9]+=(\"[^\"]*\"|\\S*))*$", line.TrimEnd('\r'));
            }

            node.Signal(15);
            Assert.True(node.WaitForExit(5000));
            Assert.Equal(0, node.ExitCode);
        }

        private static string Logs(Dictionary<uint, PeatEdge> nodes)
        {
            return string.Join("\n", nodes.Select(n => "--- " + Hex(n.Key) + "\n" + n.Value.Stdout + n.Value.Stderr));
        }
    }
}
