using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Peat.Edge.Core.Hierarchy;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Aot.Config
{
    /// <summary>
    /// Reads, checks and resolves a configuration file (docs/configuration.md). Every problem is a
    /// <see cref="ConfigException"/> naming the file, the key and what is wrong; nothing else escapes.
    /// </summary>
    public static class ConfigLoader
    {
        /// <summary>Largest configuration file read (a typo'd path to a disk image should not be slurped).</summary>
        public const int FileBytesMax = 1 << 20;

        /// <summary>Lowest 7-bit I2C address a device may use (0x00..0x02 are reserved).</summary>
        public const int I2cAddressMin = 0x03;

        /// <summary>Highest 7-bit I2C address a device may use (0x78..0x7F are reserved).</summary>
        public const int I2cAddressMax = 0x77;

        public static GatewaySettings Load(string path)
        {
            byte[] bytes = ReadFile(path);
            GatewayConfig config = Parse(path, bytes);
            return new Resolver(path).Resolve(config);
        }

        private static byte[] ReadFile(string path)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    throw new ConfigException(path, string.Empty, "is a directory, not a configuration file");
                }

                FileInfo info = new FileInfo(path);
                if (!info.Exists)
                {
                    throw new ConfigException(path, string.Empty, "file not found");
                }

                if (info.Length > FileBytesMax)
                {
                    throw new ConfigException(path, string.Empty, "file is larger than " + FileBytesMax + " bytes");
                }

                return File.ReadAllBytes(path);
            }
            catch (UnauthorizedAccessException)
            {
                throw new ConfigException(path, string.Empty, "permission denied");
            }
            catch (IOException e)
            {
                throw new ConfigException(path, string.Empty, "cannot read: " + e.Message);
            }
        }

        private static GatewayConfig Parse(string path, byte[] bytes)
        {
            GatewayConfig? config;
            try
            {
                config = JsonSerializer.Deserialize(bytes, ConfigJsonContext.Default.GatewayConfig);
            }
            catch (JsonException e)
            {
                throw new ConfigException(path, KeyOfError(e), Describe(e));
            }

            if (config == null)
            {
                throw new ConfigException(path, string.Empty, "the file must hold a JSON object, not null");
            }

            return config;
        }

        // "$.transports.udp.port" -> "transports.udp.port"; "$" -> "".
        internal static string KeyOf(string? jsonPath)
        {
            if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
            {
                return string.Empty;
            }

            return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath.Substring(2) : jsonPath.TrimStart('$');
        }

        // The key a reader error is about: its path, and for a duplicate inside a free-form value (node.id
        // written as an object) the duplicated name too, which the path then does not reach.
        private static string KeyOfError(JsonException e)
        {
            string key = KeyOf(e.Path);
            string? duplicate = DuplicateName(e.Message);
            if (duplicate == null || key == duplicate || key.EndsWith("." + duplicate, StringComparison.Ordinal))
            {
                return key;
            }

            return key.Length == 0 ? duplicate : key + "." + duplicate;
        }

        // "Duplicate property 'port' encountered during deserialization of type …" -> "port".
        private static string? DuplicateName(string message)
        {
            const string Prefix = "Duplicate property '";
            if (!message.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return null;
            }

            int end = message.IndexOf('\'', Prefix.Length);
            return end > Prefix.Length ? message.Substring(Prefix.Length, end - Prefix.Length) : null;
        }

        // The serializer's messages name .NET types; say what the file should hold instead.
        private static string Describe(JsonException e)
        {
            string message = e.Message;
            string where = e.LineNumber.HasValue ? " (line " + (e.LineNumber.Value + 1).ToString(CultureInfo.InvariantCulture) + ")" : string.Empty;
            if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            {
                return "unknown key (not part of the configuration format; check the spelling)" + where; // The path names the key.
            }

            if (DuplicateName(message) != null)
            {
                return "duplicate key (each key may appear once in an object)" + where; // The path names the key.
            }

            if (message.Contains("could not be converted to", StringComparison.Ordinal))
            {
                return "wrong type: expected " + Expected(message) + where;
            }

            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            string first = cut > 0 ? message.Substring(0, cut) : message;
            int lineCut = first.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return "invalid JSON: " + (lineCut > 0 ? first.Substring(0, lineCut) : first).TrimEnd('.', ' ') + where;
        }

        private static string Expected(string message)
        {
            if (message.Contains("System.Boolean", StringComparison.Ordinal))
            {
                return "true or false";
            }

            if (message.Contains("System.String", StringComparison.Ordinal))
            {
                return "a string";
            }

            if (message.Contains("System.Double", StringComparison.Ordinal))
            {
                return "a number";
            }

            if (message.Contains("System.Int32", StringComparison.Ordinal) || message.Contains("System.Int64", StringComparison.Ordinal) || message.Contains("System.UInt64", StringComparison.Ordinal))
            {
                return "a whole number in range";
            }

            if (message.Contains("List", StringComparison.Ordinal))
            {
                return "an array";
            }

            return "an object";
        }

        /// <summary>Checks every section and applies defaults; errors carry the key's path.</summary>
        private sealed class Resolver
        {
            private readonly string _file;

            public Resolver(string file)
            {
                _file = file;
            }

            private ConfigException Error(string key, string problem)
            {
                return new ConfigException(_file, key, problem);
            }

            public GatewaySettings Resolve(GatewayConfig config)
            {
                GatewaySettings settings = new GatewaySettings { SourceFile = _file };
                NodeSection node = config.Node ?? throw Error("node", "missing required section");
                uint id = NodeIdOf(node.Id, "node.id");
                settings.DeviceClass = OneOf(node.DeviceClass, "node.deviceClass", "gateway", "gateway", "lab", "leaf", "sensor");
                Capabilities capabilities = DeviceClassCapabilities(settings.DeviceClass);
                bool rootCapable = node.RootCapable ?? (settings.DeviceClass == "gateway");
                if (rootCapable)
                {
                    capabilities |= Capabilities.RootCapable | Capabilities.CanParent;
                }

                if (node.Capabilities != null)
                {
                    for (int i = 0; i < node.Capabilities.Count; i++)
                    {
                        string key = "node.capabilities[" + i + "]";
                        if (node.RootCapable == false && node.Capabilities[i] == "rootCapable")
                        {
                            throw Error(key, "'rootCapable' contradicts node.rootCapable: false");
                        }

                        capabilities |= CapabilityOf(node.Capabilities[i], key);
                    }
                }

                int priority = Range(node.RootPriority, "node.rootPriority", 0, NodeIdentity.RootPriorityMax, 64);
                settings.Seed = node.Seed ?? ((ulong)id * 0x9E3779B97F4A7C15UL) ^ (ulong)Environment.TickCount64;
                settings.SeedFixed = node.Seed.HasValue;
                ResolveTransports(config.Transports, settings);
                settings.Limits = ResolveLimits(config.Limits, settings);
                settings.Strategy = ResolveHierarchy(config.Hierarchy, settings);
                ResolveSensors(config.Sensors, settings, ref capabilities);
                settings.Identity = new NodeIdentity(id, capabilities, (byte)priority);
                ResolvePeers(config.StaticPeers, settings, id);
                ResolveRest(config, settings);
                return settings;
            }

            private static Capabilities DeviceClassCapabilities(string deviceClass)
            {
                switch (deviceClass)
                {
                    case "gateway": return Capabilities.CanParent | Capabilities.Uplink | Capabilities.Relay;
                    case "lab": return Capabilities.CanParent | Capabilities.Relay;
                    case "leaf": return Capabilities.Sensor;
                    default: return Capabilities.Sensor | Capabilities.BatteryPowered;
                }
            }

            private Capabilities CapabilityOf(string? name, string key)
            {
                switch (name)
                {
                    case "canParent": return Capabilities.CanParent;
                    case "rootCapable": return Capabilities.RootCapable | Capabilities.CanParent;
                    case "gps": return Capabilities.Gps;
                    case "batteryPowered": return Capabilities.BatteryPowered;
                    case "uplink": return Capabilities.Uplink;
                    case "sensor": return Capabilities.Sensor;
                    case "actuator": return Capabilities.Actuator;
                    case "relay": return Capabilities.Relay;
                    default:
                        throw Error(key, "unknown capability '" + name + "' (one of canParent, rootCapable, gps, batteryPowered, uplink, sensor, actuator, relay)");
                }
            }

            // After the transports: the frame limit defaults to what every enabled transport carries.
            private NodeLimits ResolveLimits(LimitsSection? section, GatewaySettings settings)
            {
                string deviceClass = settings.DeviceClass;
                string defaultPreset = deviceClass == "leaf" || deviceClass == "sensor" ? "esp32Leaf" : "gateway";
                string preset = OneOf(section?.Preset, "limits.preset", defaultPreset, "gateway", "esp32Leaf");
                NodeLimits limits = preset == "gateway" ? NodeLimits.Gateway() : NodeLimits.Esp32Leaf();
                string timing = OneOf(section?.Timing, "limits.timing", "wifi", "default", "wifi", "lora");
                if (timing == "wifi")
                {
                    limits.WithWifiTiming();
                }
                else if (timing == "lora")
                {
                    limits.WithLoraTiming();
                }

                if (section != null)
                {
                    limits.NeighbourCapacity = section.NeighbourCapacity ?? limits.NeighbourCapacity;
                    limits.ChildCapacity = section.ChildCapacity ?? limits.ChildCapacity;
                    limits.FrameBytesMax = section.FrameBytesMax ?? limits.FrameBytesMax;
                    limits.BeaconIntervalMsMin = section.BeaconIntervalMsMin ?? limits.BeaconIntervalMsMin;
                    limits.BeaconIntervalMsMax = section.BeaconIntervalMsMax ?? limits.BeaconIntervalMsMax;
                    limits.MissedBeaconsBeforeLoss = section.MissedBeaconsBeforeLoss ?? limits.MissedBeaconsBeforeLoss;
                    limits.ParentDwellMs = section.ParentDwellMs ?? limits.ParentDwellMs;
                }

                // The node builds every frame for all its transports, so a frame must fit the smallest of them:
                // an unwritten limit is lowered to it, a written one must not exceed it.
                int transportBytesMax = SmallestTransportFrame(settings, out string transportKey);
                if (section?.FrameBytesMax == null)
                {
                    limits.FrameBytesMax = Math.Min(limits.FrameBytesMax, transportBytesMax);
                }

                try
                {
                    limits.Validate();
                }
                catch (ArgumentException e)
                {
                    throw LimitsErrors.Translate(_file, e, limits, new LimitsErrors.Origin(section, preset, timing));
                }

                if (limits.FrameBytesMax > transportBytesMax)
                {
                    throw Error("limits.frameBytesMax", "must be at most " + transportKey + " (" + transportBytesMax + "): every frame is built for all enabled transports, and a larger one would be dropped as oversize (was " + limits.FrameBytesMax + ")");
                }

                return limits;
            }

            // The largest frame every enabled transport carries, and the key that sets it (int.MaxValue: no limit).
            private static int SmallestTransportFrame(GatewaySettings settings, out string key)
            {
                key = string.Empty;
                int bytesMax = int.MaxValue;
                if (settings.Serial != null)
                {
                    bytesMax = settings.Serial.FrameBytesMax;
                    key = "transports.serial.frameBytesMax";
                }

                if (settings.Udp != null && settings.Udp.MtuBytes < bytesMax)
                {
                    bytesMax = settings.Udp.MtuBytes;
                    key = "transports.udp.mtuBytes";
                }

                return bytesMax;
            }

            private IHierarchyStrategy ResolveHierarchy(HierarchySection? section, GatewaySettings settings)
            {
                string strategy = OneOf(section?.Strategy, "hierarchy.strategy", "dynamic", "dynamic", "static", "hybrid");
                settings.StrategyName = strategy;
                switch (strategy)
                {
                    case "static":
                        {
                            RejectHybridKeys(section, strategy);
                            int level = Range(section?.Level, "hierarchy.level", 0, BeaconBody.LevelMax, -1);
                            if (level < 0)
                            {
                                throw Error("hierarchy.level", "required with the static strategy (0.." + BeaconBody.LevelMax + ")");
                            }

                            string role = OneOf(section?.Role, "hierarchy.role", "member", "standalone", "member", "leader");
                            NodeRole nodeRole = role == "leader" ? NodeRole.Leader : role == "member" ? NodeRole.Member : NodeRole.Standalone;
                            return new StaticHierarchyStrategy((byte)level, nodeRole);
                        }

                    case "hybrid":
                        {
                            RejectStaticKeys(section, strategy);
                            int baseline = Range(section?.BaselineLevel, "hierarchy.baselineLevel", 0, BeaconBody.LevelMax, 2);
                            int promotions = Range(section?.MaxPromotionLevels, "hierarchy.maxPromotionLevels", 0, BeaconBody.LevelMax, 1);
                            int battery = Range(section?.PromotionBatteryMinPercent, "hierarchy.promotionBatteryMinPercent", 0, 100, 30);
                            long cooldown = section?.CooldownMs ?? 30000;
                            if (cooldown < 0 || cooldown > 86400000)
                            {
                                throw Error("hierarchy.cooldownMs", "must be 0..86400000 (was " + cooldown + ")");
                            }

                            return new HybridHierarchyStrategy((byte)baseline, promotions, battery, cooldown);
                        }

                    default:
                        RejectStaticKeys(section, strategy);
                        RejectHybridKeys(section, strategy);
                        return new DynamicHierarchyStrategy();
                }
            }

            private void RejectStaticKeys(HierarchySection? section, string strategy)
            {
                const string Only = "only the static strategy takes a fixed level and role";
                Unread(section?.Level != null, "hierarchy.level", Only, "strategy", strategy);
                Unread(section?.Role != null, "hierarchy.role", Only, "strategy", strategy);
            }

            private void RejectHybridKeys(HierarchySection? section, string strategy)
            {
                const string Only = "only the hybrid strategy takes a baseline level, promotions and a cooldown";
                Unread(section?.BaselineLevel != null, "hierarchy.baselineLevel", Only, "strategy", strategy);
                Unread(section?.MaxPromotionLevels != null, "hierarchy.maxPromotionLevels", Only, "strategy", strategy);
                Unread(section?.PromotionBatteryMinPercent != null, "hierarchy.promotionBatteryMinPercent", Only, "strategy", strategy);
                Unread(section?.CooldownMs != null, "hierarchy.cooldownMs", Only, "strategy", strategy);
            }

            // A section with "enabled": false opens nothing but is checked all the same: a value that is wrong
            // today is still wrong the day someone flips the switch in the field.
            private void ResolveTransports(TransportsSection? section, GatewaySettings settings)
            {
                UdpSection? udp = section?.Udp;
                if (udp != null)
                {
                    UdpSettings s = ResolveUdp(udp);
                    settings.Udp = (udp.Enabled ?? true) ? s : null;
                }

                SerialSection? serial = section?.Serial;
                if (serial != null)
                {
                    bool enabled = serial.Enabled ?? true;
                    SerialSettings s = ResolveSerial(serial, enabled);
                    settings.Serial = enabled ? s : null;
                }

                if (settings.Udp == null && settings.Serial == null)
                {
                    throw Error("transports", "at least one transport (udp or serial) must be enabled");
                }
            }

            private UdpSettings ResolveUdp(UdpSection udp)
            {
                UdpSettings s = new UdpSettings();
                s.Loopback = udp.Loopback ?? false;
                if (udp.Group != null)
                {
                    if (!IPAddress.TryParse(udp.Group, out IPAddress? group) || group.AddressFamily != AddressFamily.InterNetwork || (group.GetAddressBytes()[0] & 0xF0) != 0xE0)
                    {
                        throw Error("transports.udp.group", "must be an IPv4 multicast address 224.0.0.0..239.255.255.255 (was '" + udp.Group + "')");
                    }

                    s.Group = group;
                }

                s.Port = Range(udp.Port, "transports.udp.port", 1, 65535, s.Port);
                s.UnicastPort = Range(udp.UnicastPort, "transports.udp.unicastPort", 0, 65535, 0);
                s.MtuBytes = Range(udp.MtuBytes, "transports.udp.mtuBytes", NodeLimits.FrameBytesFloor, 65507, s.MtuBytes);
                s.Ttl = Range(udp.Ttl, "transports.udp.ttl", 1, 255, s.Ttl);
                s.Interface = s.Loopback ? IPAddress.Loopback : InterfaceOf(udp.Interface, "transports.udp.interface");
                if (s.Loopback && udp.Interface != null && udp.Interface != "127.0.0.1" && udp.Interface != "lo")
                {
                    throw Error("transports.udp.interface", "loopback mode uses 127.0.0.1 (was '" + udp.Interface + "')");
                }

                return s;
            }

            // The device is required only when the radio is enabled: "enabled": false is how a file says "no radio here yet".
            private SerialSettings ResolveSerial(SerialSection serial, bool enabled)
            {
                SerialSettings s = new SerialSettings();
                s.Device = enabled ? Required(serial.Device, "transports.serial.device") : serial.Device ?? string.Empty;
                s.BaudRate = Range(serial.BaudRate, "transports.serial.baudRate", 300, 4000000, s.BaudRate);
                OneOf(serial.Framing, "transports.serial.framing", "cobs", "cobs");
                s.FrameBytesMax = Range(serial.FrameBytesMax, "transports.serial.frameBytesMax", NodeLimits.FrameBytesFloor, 2048, s.FrameBytesMax);
                s.AirBitrateBps = Range(serial.AirBitrateBps, "transports.serial.airBitrateBps", 10, 10000000, s.AirBitrateBps);
                s.DutyCyclePercent = Range(serial.DutyCyclePercent, "transports.serial.dutyCyclePercent", 1, 100, s.DutyCyclePercent);
                s.DutyCycleWindowMs = Range(serial.DutyCycleWindowMs, "transports.serial.dutyCycleWindowMs", 1000, 3600000, s.DutyCycleWindowMs);
                s.PerFrameOverheadMs = Range(serial.PerFrameOverheadMs, "transports.serial.perFrameOverheadMs", 0, 10000, s.PerFrameOverheadMs);
                return s;
            }

            private IPAddress InterfaceOf(string? value, string key)
            {
                if (value == null || value == "any" || value == "0.0.0.0")
                {
                    return IPAddress.Any;
                }

                if (IPAddress.TryParse(value, out IPAddress? address))
                {
                    if (address.AddressFamily != AddressFamily.InterNetwork)
                    {
                        throw Error(key, "must be an IPv4 address or an interface name (was '" + value + "')");
                    }

                    return address;
                }

                foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
                {
                    if (nic.Name != value)
                    {
                        continue;
                    }

                    foreach (UnicastIPAddressInformation unicast in nic.GetIPProperties().UnicastAddresses)
                    {
                        if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                        {
                            return unicast.Address;
                        }
                    }

                    throw Error(key, "interface '" + value + "' has no IPv4 address");
                }

                throw Error(key, "no network interface named '" + value + "'");
            }

            private void ResolveSensors(SensorsSection? section, GatewaySettings settings, ref Capabilities capabilities)
            {
                settings.Moving = section?.Moving ?? false;
                GpsSection? gps = section?.Gps;
                if (gps != null)
                {
                    string source = OneOf(gps.Source, "sensors.gps.source", "none", "none", "nmea", "fixed");
                    GpsSettings g = settings.Gps;
                    g.Source = source == "nmea" ? GpsSource.Nmea : source == "fixed" ? GpsSource.Fixed : GpsSource.None;
                    const string OnlyNmea = "only source 'nmea' reads it";
                    bool nmea = g.Source == GpsSource.Nmea;
                    Unread(gps.Device != null && !nmea, "sensors.gps.device", OnlyNmea, "source", source);
                    Unread(gps.BaudRate != null && !nmea, "sensors.gps.baudRate", OnlyNmea, "source", source);
                    Unread(gps.StaleAfterMs != null && !nmea, "sensors.gps.staleAfterMs", OnlyNmea, "source", source);
                    if (g.Source == GpsSource.Nmea)
                    {
                        g.Device = Required(gps.Device, "sensors.gps.device");
                    }

                    g.BaudRate = Range(gps.BaudRate, "sensors.gps.baudRate", 300, 921600, g.BaudRate);
                    g.StaleAfterMs = Range(gps.StaleAfterMs, "sensors.gps.staleAfterMs", 100, 3600000, g.StaleAfterMs);
                    if (gps.Fixed != null)
                    {
                        double lat = gps.Fixed.Latitude ?? throw Error("sensors.gps.fixed.latitude", "missing required key");
                        double lon = gps.Fixed.Longitude ?? throw Error("sensors.gps.fixed.longitude", "missing required key");
                        if (!(lat >= -90 && lat <= 90))
                        {
                            throw Error("sensors.gps.fixed.latitude", "must be -90..90 degrees (was " + lat.ToString(CultureInfo.InvariantCulture) + ")");
                        }

                        if (!(lon >= -180 && lon <= 180))
                        {
                            throw Error("sensors.gps.fixed.longitude", "must be -180..180 degrees (was " + lon.ToString(CultureInfo.InvariantCulture) + ")");
                        }

                        g.HasFixed = true;
                        g.FixedLatitudeE7 = (int)Math.Round(lat * 1e7);
                        g.FixedLongitudeE7 = (int)Math.Round(lon * 1e7);
                    }
                    else if (g.Source == GpsSource.Fixed)
                    {
                        throw Error("sensors.gps.fixed", "required with source 'fixed'");
                    }

                    if (g.Source != GpsSource.None)
                    {
                        capabilities |= Capabilities.Gps;
                    }
                }

                BatterySection? battery = section?.Battery;
                if (battery != null)
                {
                    string source = OneOf(battery.Source, "sensors.battery.source", "none", "none", "sysfs", "ina219", "fixed");
                    BatterySettings b = settings.Battery;
                    b.Source = source == "sysfs" ? BatterySource.Sysfs : source == "ina219" ? BatterySource.Ina219 : source == "fixed" ? BatterySource.Fixed : BatterySource.None;
                    RejectUnreadBatteryKeys(battery, b.Source, source);
                    b.SysfsPath = battery.SysfsPath ?? b.SysfsPath;
                    b.I2cBus = Range(battery.I2cBus, "sensors.battery.i2cBus", 0, 255, b.I2cBus);
                    b.I2cAddress = I2cAddressOf(battery.I2cAddress, "sensors.battery.i2cAddress", b.I2cAddress);
                    b.Percent = Range(battery.Percent, "sensors.battery.percent", 0, 100, b.Percent);
                    b.PollMs = Range(battery.PollMs, "sensors.battery.pollMs", 100, 3600000, b.PollMs);
                    if (battery.Curve != null)
                    {
                        ResolveCurve(battery.Curve, b);
                    }

                    if (b.Source == BatterySource.Sysfs || b.Source == BatterySource.Ina219)
                    {
                        capabilities |= Capabilities.BatteryPowered;
                    }
                }
            }

            private void RejectUnreadBatteryKeys(BatterySection battery, BatterySource source, string name)
            {
                bool sysfs = source == BatterySource.Sysfs;
                bool ina219 = source == BatterySource.Ina219;
                Unread(battery.SysfsPath != null && !sysfs, "sensors.battery.sysfsPath", "only source 'sysfs' reads it", "source", name);
                Unread(battery.I2cBus != null && !ina219, "sensors.battery.i2cBus", "only source 'ina219' reads it", "source", name);
                Unread(battery.I2cAddress != null && !ina219, "sensors.battery.i2cAddress", "only source 'ina219' reads it", "source", name);
                Unread(battery.Curve != null && !ina219, "sensors.battery.curve", "only source 'ina219' reads it", "source", name);
                Unread(battery.Percent != null && source != BatterySource.Fixed, "sensors.battery.percent", "only source 'fixed' reads it", "source", name);
                Unread(battery.PollMs != null && !sysfs && !ina219, "sensors.battery.pollMs", "only sources 'sysfs' and 'ina219' read it", "source", name);
            }

            private void ResolveCurve(List<List<double>> curve, BatterySettings b)
            {
                if (curve.Count < 2 || curve.Count > 32)
                {
                    throw Error("sensors.battery.curve", "needs 2..32 points [volts, percent] (has " + curve.Count + ")");
                }

                double[] volts = new double[curve.Count];
                double[] percent = new double[curve.Count];
                for (int i = 0; i < curve.Count; i++)
                {
                    string key = "sensors.battery.curve[" + i + "]";
                    List<double> point = curve[i];
                    if (point == null || point.Count != 2)
                    {
                        throw Error(key, "each point is [volts, percent]");
                    }

                    if (i > 0 && !(point[0] > volts[i - 1]))
                    {
                        throw Error(key, "volts must increase from point to point");
                    }

                    if (!(point[1] >= 0 && point[1] <= 100) || (i > 0 && point[1] < percent[i - 1]))
                    {
                        throw Error(key, "percent must be 0..100 and must not decrease");
                    }

                    volts[i] = point[0];
                    percent[i] = point[1];
                }

                b.CurveVolts = volts;
                b.CurvePercent = percent;
            }

            private void ResolvePeers(List<StaticPeerSection>? peers, GatewaySettings settings, uint selfId)
            {
                if (peers == null)
                {
                    return;
                }

                for (int i = 0; i < peers.Count; i++)
                {
                    string key = "staticPeers[" + i + "]";
                    StaticPeerSection peer = peers[i] ?? throw Error(key, "must be an object");
                    StaticPeer resolved = new StaticPeer { NodeId = NodeIdOf(peer.Id, key + ".id") };
                    if (resolved.NodeId == selfId)
                    {
                        throw Error(key + ".id", "is this node's own id");
                    }

                    if (peer.Udp != null)
                    {
                        if (settings.Udp == null)
                        {
                            throw Error(key + ".udp", "a unicast address needs an enabled UDP transport (transports.udp is absent or disabled)");
                        }

                        if (!IPEndPoint.TryParse(peer.Udp, out IPEndPoint? endPoint) || endPoint.Port == 0 || endPoint.AddressFamily != AddressFamily.InterNetwork)
                        {
                            throw Error(key + ".udp", "must be an IPv4 address with a port, like 192.168.1.20:47800 (was '" + peer.Udp + "')");
                        }

                        resolved.UdpEndPoint = endPoint;
                    }

                    settings.StaticPeers.Add(resolved);
                }
            }

            private void ResolveRest(GatewayConfig config, GatewaySettings settings)
            {
                settings.MeshKeyFile = config.Security?.MeshKeyFile;
                if (config.Status?.Socket != null)
                {
                    if (config.Status.Socket.Length == 0 || config.Status.Socket.Length > 100)
                    {
                        throw Error("status.socket", "must be a path of 1..100 characters (a Unix socket path limit)");
                    }

                    settings.StatusSocketPath = config.Status.Socket;
                }

                PrometheusSection? prometheus = config.Status?.Prometheus;
                if (prometheus != null)
                {
                    int port = Range(prometheus.Port, "status.prometheus.port", 1, 65535, 9464); // Checked even when disabled.
                    settings.PrometheusPort = (prometheus.Enabled ?? false) ? port : 0;
                }

                string level = OneOf(config.Log?.Level, "log.level", "info", "debug", "info", "warn", "error");
                settings.LogLevel = level == "debug" ? LogLevel.Debug : level == "warn" ? LogLevel.Warn : level == "error" ? LogLevel.Error : LogLevel.Info;
            }

            private uint NodeIdOf(JsonElement? element, string key)
            {
                if (element == null)
                {
                    throw Error(key, "missing required key");
                }

                ulong id = NumberOf(element.Value, key, "a node id (a number 1..4294967294 or \"0x…\")");
                if (id == 0 || id > 0xFFFFFFFEUL)
                {
                    throw Error(key, "must be 1..4294967294 (0 means none, 0xFFFFFFFF is broadcast; was " + id + ")");
                }

                return (uint)id;
            }

            // A 7-bit I2C address: 0x00..0x02 and 0x78..0x7F are reserved by the bus specification.
            private int I2cAddressOf(JsonElement? element, string key, int fallback)
            {
                if (element == null)
                {
                    return fallback;
                }

                ulong address = NumberOf(element.Value, key, "an I2C address (a number 3..119 or \"0x03\"..\"0x77\")");
                if (address < I2cAddressMin || address > I2cAddressMax)
                {
                    throw Error(key, "must be 0x03..0x77, a 7-bit address that is not reserved (was " + address + " = 0x" + address.ToString("x2", CultureInfo.InvariantCulture) + ")");
                }

                return (int)address;
            }

            // Ids and addresses are written in hex on labels and datasheets, and JSON has no hex literals:
            // a JSON number, a decimal string or a "0x…" string.
            private ulong NumberOf(JsonElement value, string key, string what)
            {
                ulong n;
                bool ok;
                if (value.ValueKind == JsonValueKind.Number)
                {
                    ok = value.TryGetUInt64(out n);
                }
                else if (value.ValueKind == JsonValueKind.String)
                {
                    string text = value.GetString() ?? string.Empty;
                    ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                        ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out n)
                        : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n);
                }
                else
                {
                    throw Error(key, "wrong type: expected a number or a \"0x…\" string");
                }

                if (!ok)
                {
                    throw Error(key, value.GetRawText() + " is not " + what);
                }

                return n;
            }

            private int Range(int? value, string key, int min, int max, int fallback)
            {
                if (value == null)
                {
                    return fallback;
                }

                if (value.Value < min || value.Value > max)
                {
                    throw Error(key, "must be " + min + ".." + max + " (was " + value.Value + ")");
                }

                return value.Value;
            }

            // A key the chosen mode does not read is an error, like an unknown key: silently ignored, the file
            // would say something the node does not do.
            private void Unread(bool present, string key, string only, string setting, string chosen)
            {
                if (present)
                {
                    throw Error(key, only + " (" + setting + " is '" + chosen + "')");
                }
            }

            private string Required(string? value, string key)
            {
                if (string.IsNullOrEmpty(value))
                {
                    throw Error(key, "missing required key");
                }

                return value;
            }

            private string OneOf(string? value, string key, string fallback, params string[] allowed)
            {
                if (value == null)
                {
                    return fallback;
                }

                for (int i = 0; i < allowed.Length; i++)
                {
                    if (allowed[i] == value)
                    {
                        return value;
                    }
                }

                throw Error(key, "must be one of " + string.Join(", ", allowed) + " (was '" + value + "')");
            }
        }
    }
}
