using System;
using System.CommandLine;
using Peat.Edge.Aot.Config;

namespace Peat.Edge.Aot.Cli
{
    /// <summary><c>peat-edge config check PATH</c>: loads and checks a configuration file without starting anything.</summary>
    public static class ConfigCommand
    {
        /// <summary>Exit code for a configuration that cannot be used.</summary>
        public const int ExitConfigError = 2;

        public static Command Create()
        {
            Argument<string> path = new Argument<string>("PATH") { Description = "Configuration file (JSON, docs/configuration.md)." };
            Command check = new Command("check", "Check a configuration file: prints one line, exits 0 when usable, 2 when not.") { path };
            check.SetAction(parseResult =>
            {
                string file = parseResult.GetValue(path)!;
                try
                {
                    GatewaySettings settings = ConfigLoader.Load(file);
                    Console.Out.WriteLine("config ok: " + file + ": " + Describe(settings));
                    return 0;
                }
                catch (ConfigException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return ExitConfigError;
                }
            });
            Command config = new Command("config", "Work with configuration files.") { check };
            return config;
        }

        internal static string Describe(GatewaySettings s)
        {
            string transports = (s.Udp != null ? "udp " + s.Udp.Group + ":" + s.Udp.Port + (s.Udp.Loopback ? " (loopback)" : string.Empty) : string.Empty)
                + (s.Udp != null && s.Serial != null ? ", " : string.Empty)
                + (s.Serial != null ? "serial " + s.Serial.Device : string.Empty);
            return "node " + Host.Log.Id(s.Identity.NodeId) + ", " + s.DeviceClass + ", strategy " + s.StrategyName + ", transports " + transports
                + ", gps " + s.Gps.Source.ToString().ToLowerInvariant() + ", battery " + s.Battery.Source.ToString().ToLowerInvariant() + ", status " + s.StatusSocketPath;
        }
    }
}
