using System.Collections.Generic;
using System.Net;
using Peat.Edge.Core.Hierarchy;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Node;

namespace Peat.Edge.Aot.Config
{
    /// <summary>A checked configuration, resolved into the types the host uses (defaults applied).</summary>
    public sealed class GatewaySettings
    {
        public string SourceFile = string.Empty;
        public NodeIdentity Identity = null!;
        public string DeviceClass = "gateway";
        public ulong Seed;
        public bool SeedFixed; // the config set it: every start repeats the same sequence numbers
        public NodeLimits Limits = null!;
        public IHierarchyStrategy Strategy = null!;
        public string StrategyName = "dynamic";
        public UdpSettings? Udp;
        public SerialSettings? Serial;
        public GpsSettings Gps = new GpsSettings();
        public BatterySettings Battery = new BatterySettings();
        public bool Moving;
        public List<StaticPeer> StaticPeers = new List<StaticPeer>();
        public string? MeshKeyFile;
        public string StatusSocketPath = "/run/peat-edge/status.sock";
        public int PrometheusPort; // 0 = disabled
        public LogLevel LogLevel = LogLevel.Info;
    }

    public enum LogLevel
    {
        Debug = 0,
        Info = 1,
        Warn = 2,
        Error = 3,
    }

    public sealed class UdpSettings
    {
        public IPAddress Group = IPAddress.Parse("239.255.80.69");
        public int Port = 47800;
        public IPAddress Interface = IPAddress.Any;
        public bool Loopback;
        public int UnicastPort;
        public int MtuBytes = 1200;
        public int Ttl = 1;
    }

    public sealed class SerialSettings
    {
        public string Device = string.Empty;
        public int BaudRate = 9600;
        public int FrameBytesMax = 255;
        public int AirBitrateBps = 5470;
        public int DutyCyclePercent = 10;
        public int DutyCycleWindowMs = 60000;
        public int PerFrameOverheadMs = 30;
    }

    public enum GpsSource
    {
        None = 0,
        Nmea = 1,
        Fixed = 2,
    }

    public sealed class GpsSettings
    {
        public GpsSource Source = GpsSource.None;
        public string Device = string.Empty;
        public int BaudRate = 9600;
        public int StaleAfterMs = 5000;
        public bool HasFixed;
        public int FixedLatitudeE7;
        public int FixedLongitudeE7;
    }

    public enum BatterySource
    {
        None = 0,
        Sysfs = 1,
        Ina219 = 2,
        Fixed = 3,
    }

    public sealed class BatterySettings
    {
        public BatterySource Source = BatterySource.None;
        public string SysfsPath = "/sys/class/power_supply/BAT0";
        public int I2cBus = 1;
        public int I2cAddress = 0x40;
        public double[] CurveVolts = new double[] { 3.3, 3.6, 3.7, 3.8, 3.9, 4.0, 4.2 };
        public double[] CurvePercent = new double[] { 0, 10, 30, 50, 70, 85, 100 };
        public int Percent = 100;
        public int PollMs = 10000;
    }

    public struct StaticPeer
    {
        public uint NodeId;
        public IPEndPoint? UdpEndPoint;
    }
}
