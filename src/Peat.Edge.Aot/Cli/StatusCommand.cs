using System;
using System.CommandLine;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Status;

namespace Peat.Edge.Aot.Cli
{
    /// <summary><c>peat-edge status [--json]</c>: asks the running node over its status socket.</summary>
    public static class StatusCommand
    {
        public static Command Create()
        {
            Option<string?> socket = new Option<string?>("--socket") { Description = "Status socket path (default: from --config, else /run/peat-edge/status.sock)." };
            Option<string?> config = new Option<string?>("--config") { Description = "Configuration file whose status.socket to use." };
            Option<bool> json = new Option<bool>("--json") { Description = "Print the snapshot as JSON." };
            Command status = new Command("status", "Print the running node's identity, role, level, parent, children, neighbours and counters.") { socket, config, json };
            status.SetAction(parseResult =>
            {
                string path = parseResult.GetValue(socket) ?? string.Empty;
                string? configPath = parseResult.GetValue(config);
                if (path.Length == 0)
                {
                    try
                    {
                        path = configPath != null ? ConfigLoader.Load(configPath).StatusSocketPath : new GatewaySettings().StatusSocketPath;
                    }
                    catch (ConfigException e)
                    {
                        Console.Error.WriteLine(e.Message);
                        return ConfigCommand.ExitConfigError;
                    }
                }

                string answer;
                try
                {
                    answer = StatusClient.Query(path);
                }
                catch (Exception e) when (e is SocketException || e is IOException)
                {
                    Console.Error.WriteLine("peat-edge status: cannot reach a node on " + path + ": " + e.Message);
                    return 1;
                }

                if (parseResult.GetValue(json))
                {
                    Console.Out.WriteLine(answer.TrimEnd());
                    return answer.Contains("\"error\"", StringComparison.Ordinal) && !answer.Contains("\"nodeId\"", StringComparison.Ordinal) ? 1 : 0;
                }

                StatusSnapshot? snapshot;
                try
                {
                    snapshot = JsonSerializer.Deserialize(answer, StatusJsonContext.Default.StatusSnapshot);
                }
                catch (JsonException)
                {
                    snapshot = null;
                }

                if (snapshot == null || snapshot.NodeId.Length == 0)
                {
                    Console.Error.WriteLine("peat-edge status: the node answered: " + answer.Trim());
                    return 1;
                }

                Console.Out.Write(Format(snapshot));
                return 0;
            });
            return status;
        }

        internal static string Format(StatusSnapshot s)
        {
            StringBuilder b = new StringBuilder();
            b.Append("node       ").Append(s.NodeId).Append(" (").Append(s.DeviceClass).Append(", ").Append(s.Strategy).Append(", peat-edge ").Append(s.Version).AppendLine(")");
            b.Append("role       ").Append(s.Role).Append(s.IsRoot ? ", root" : string.Empty).Append(", level ").Append(s.Level).Append(", rank ").Append(s.Rank).AppendLine();
            b.Append("parent     ").AppendLine(s.ParentId ?? "none");
            b.Append("partition  ").AppendLine(s.PartitionId);
            b.Append("children   ").Append(s.ChildCount).Append(s.Children.Count > 0 ? " (" + string.Join(", ", s.Children) + ")" : string.Empty).AppendLine();
            b.Append("position   ").AppendLine(s.Position == null ? "invalid" : s.Position.Latitude.ToString("F7", System.Globalization.CultureInfo.InvariantCulture) + ", " + s.Position.Longitude.ToString("F7", System.Globalization.CultureInfo.InvariantCulture));
            b.Append("battery    ").AppendLine(s.BatteryPercent.HasValue ? s.BatteryPercent.Value + "%" : "unknown");
            b.Append("uptime     ").Append(s.UptimeMs / 1000).AppendLine(" s");
            b.Append("neighbours ").Append(s.Neighbours.Count).AppendLine();
            foreach (NeighbourStatus n in s.Neighbours)
            {
                b.Append("  ").Append(n.Id).Append("  level ").Append(n.Level).Append("  ").Append(n.Role).Append("  rank ").Append(n.Rank)
                    .Append("  parent ").Append(n.ParentId ?? "none").Append("  link ").Append(n.LinkQualityPermille / 10.0).Append('%')
                    .Append("  heard ").Append(n.LastHeardAgoMs < 0 ? "never" : n.LastHeardAgoMs + " ms ago")
                    .Append(n.Static ? "  static" : string.Empty).Append(n.Address != null ? "  " + n.Address : string.Empty).AppendLine();
            }

            b.AppendLine("counters");
            foreach (System.Collections.Generic.KeyValuePair<string, long> c in s.Counters)
            {
                b.Append("  ").Append(c.Key).Append(' ').Append(c.Value).AppendLine();
            }

            return b.ToString();
        }
    }
}
