using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Peat.Edge.Aot.Status
{
    /// <summary>What <c>peat-edge status --json</c> prints: one moment of the running node, taken by the host loop.</summary>
    public sealed class StatusSnapshot
    {
        public string NodeId { get; set; } = string.Empty;
        public string Version { get; set; } = string.Empty;
        public string DeviceClass { get; set; } = string.Empty;
        public string Strategy { get; set; } = string.Empty;
        public string Role { get; set; } = string.Empty;
        public int Level { get; set; }
        public bool IsRoot { get; set; }
        public string? ParentId { get; set; }
        public int Rank { get; set; }
        public string PartitionId { get; set; } = string.Empty;
        public int ChildCount { get; set; }
        public List<string> Children { get; set; } = new List<string>();
        public List<NeighbourStatus> Neighbours { get; set; } = new List<NeighbourStatus>();
        public PositionStatus? Position { get; set; }
        public int? BatteryPercent { get; set; }
        public long UptimeMs { get; set; }
        public int BeaconIntervalMs { get; set; }
        public Dictionary<string, long> Counters { get; set; } = new Dictionary<string, long>();
    }

    public sealed class NeighbourStatus
    {
        public string Id { get; set; } = string.Empty;
        public int Level { get; set; }
        public string Role { get; set; } = string.Empty;
        public string? ParentId { get; set; }
        public string PartitionId { get; set; } = string.Empty;
        public int Rank { get; set; }
        public int LinkQualityPermille { get; set; }
        public long LastHeardAgoMs { get; set; }
        public int? BatteryPercent { get; set; }
        public bool Static { get; set; }
        public string? Address { get; set; }
    }

    public sealed class PositionStatus
    {
        public double Latitude { get; set; }
        public double Longitude { get; set; }
    }

    /// <summary>Source-generated JSON for the status protocol (AOT-safe).</summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
    [JsonSerializable(typeof(StatusSnapshot))]
    internal sealed partial class StatusJsonContext : JsonSerializerContext
    {
    }
}
