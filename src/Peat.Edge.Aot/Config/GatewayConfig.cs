using System.Collections.Generic;

namespace Peat.Edge.Aot.Config
{
    // The configuration file's shape (docs/configuration.md). Every property is optional in the JSON
    // (nullable here) so that ConfigValidator, not the deserializer, reports a missing key with its full
    // path; unknown keys are refused by the deserializer (ConfigJsonContext). Names are camelCase in the file.

    /// <summary>The whole file.</summary>
    public sealed class GatewayConfig
    {
        public NodeSection? Node { get; set; }
        public HierarchySection? Hierarchy { get; set; }
        public LimitsSection? Limits { get; set; }
        public TransportsSection? Transports { get; set; }
        public SensorsSection? Sensors { get; set; }
        public List<StaticPeerSection>? StaticPeers { get; set; }
        public SecuritySection? Security { get; set; }
        public StatusSection? Status { get; set; }
        public LogSection? Log { get; set; }
    }

    /// <summary>Identity and device class.</summary>
    public sealed class NodeSection
    {
        /// <summary>1..4294967294, as a number or a "0x…" string.</summary>
        public System.Text.Json.JsonElement? Id { get; set; }
        /// <summary>gateway | lab | leaf | sensor.</summary>
        public string? DeviceClass { get; set; }
        public bool? RootCapable { get; set; }
        public int? RootPriority { get; set; }
        public List<string>? Capabilities { get; set; }
        public ulong? Seed { get; set; }
    }

    /// <summary>Which hierarchy strategy and its parameters.</summary>
    public sealed class HierarchySection
    {
        /// <summary>dynamic | static | hybrid.</summary>
        public string? Strategy { get; set; }
        public int? Level { get; set; }
        public string? Role { get; set; }
        public int? BaselineLevel { get; set; }
        public int? MaxPromotionLevels { get; set; }
        public int? PromotionBatteryMinPercent { get; set; }
        public long? CooldownMs { get; set; }
    }

    /// <summary>Limits preset, timing preset and individual overrides.</summary>
    public sealed class LimitsSection
    {
        /// <summary>gateway | esp32Leaf.</summary>
        public string? Preset { get; set; }
        /// <summary>default | wifi | lora.</summary>
        public string? Timing { get; set; }
        public int? NeighbourCapacity { get; set; }
        public int? ChildCapacity { get; set; }
        public int? FrameBytesMax { get; set; }
        public int? BeaconIntervalMsMin { get; set; }
        public int? BeaconIntervalMsMax { get; set; }
        public int? MissedBeaconsBeforeLoss { get; set; }
        public int? ParentDwellMs { get; set; }
    }

    public sealed class TransportsSection
    {
        public UdpSection? Udp { get; set; }
        public SerialSection? Serial { get; set; }
    }

    /// <summary>IPv4 multicast beacons plus unicast to learned peers.</summary>
    public sealed class UdpSection
    {
        public bool? Enabled { get; set; }
        public string? Group { get; set; }
        public int? Port { get; set; }
        /// <summary>An IPv4 address or an interface name; "127.0.0.1" with loopback.</summary>
        public string? Interface { get; set; }
        /// <summary>Loopback mode: interface 127.0.0.1, several processes on one port (tests, demos).</summary>
        public bool? Loopback { get; set; }
        public int? UnicastPort { get; set; }
        public int? MtuBytes { get; set; }
        public int? Ttl { get; set; }
    }

    /// <summary>A UART radio modem (LoRa or similar) that carries bytes transparently.</summary>
    public sealed class SerialSection
    {
        public bool? Enabled { get; set; }
        public string? Device { get; set; }
        public int? BaudRate { get; set; }
        /// <summary>cobs (the only framing implemented; CRC-16/CCITT appended).</summary>
        public string? Framing { get; set; }
        public int? FrameBytesMax { get; set; }
        public int? AirBitrateBps { get; set; }
        public int? DutyCyclePercent { get; set; }
        public int? DutyCycleWindowMs { get; set; }
        public int? PerFrameOverheadMs { get; set; }
    }

    public sealed class SensorsSection
    {
        public GpsSection? Gps { get; set; }
        public BatterySection? Battery { get; set; }
        public bool? Moving { get; set; }
    }

    /// <summary>NMEA 0183 from a serial device, file or pty; a fixed position as fallback.</summary>
    public sealed class GpsSection
    {
        /// <summary>nmea | fixed | none.</summary>
        public string? Source { get; set; }
        public string? Device { get; set; }
        public int? BaudRate { get; set; }
        public int? StaleAfterMs { get; set; }
        public FixedPositionSection? Fixed { get; set; }
    }

    public sealed class FixedPositionSection
    {
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
    }

    /// <summary>sysfs | ina219 | fixed | none.</summary>
    public sealed class BatterySection
    {
        public string? Source { get; set; }
        public string? SysfsPath { get; set; }
        public int? I2cBus { get; set; }
        /// <summary>A 7-bit address as a number or a "0x…" string.</summary>
        public System.Text.Json.JsonElement? I2cAddress { get; set; }
        /// <summary>Points [volts, percent], volts ascending.</summary>
        public List<List<double>>? Curve { get; set; }
        public int? Percent { get; set; }
        public int? PollMs { get; set; }
    }

    /// <summary>A configured peer: its id and (for UDP) its address.</summary>
    public sealed class StaticPeerSection
    {
        public System.Text.Json.JsonElement? Id { get; set; }
        public string? Udp { get; set; }
    }

    public sealed class SecuritySection
    {
        public string? MeshKeyFile { get; set; }
    }

    public sealed class StatusSection
    {
        public string? Socket { get; set; }
        public PrometheusSection? Prometheus { get; set; }
    }

    public sealed class PrometheusSection
    {
        public bool? Enabled { get; set; }
        public int? Port { get; set; }
    }

    public sealed class LogSection
    {
        /// <summary>debug | info | warn | error.</summary>
        public string? Level { get; set; }
    }
}
