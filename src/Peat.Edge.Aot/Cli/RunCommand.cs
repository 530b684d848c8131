using System;
using System.CommandLine;
using Peat.Edge.Aot.Config;
using Peat.Edge.Aot.Host;

namespace Peat.Edge.Aot.Cli
{
    /// <summary>
    /// <c>peat-edge run --config PATH</c>: the gateway. A bad configuration exits 2, a device or socket that
    /// cannot be used exits 1, each with one line on stderr and no stack trace; SIGINT/SIGTERM exit 0 after
    /// the leave beacon.
    /// </summary>
    public static class RunCommand
    {
        public static Command Create()
        {
            Option<string> config = new Option<string>("--config", "-c")
            {
                Description = "Configuration file (JSON, docs/configuration.md).",
                DefaultValueFactory = _ => "/etc/peat-edge/peat-edge.json",
            };
            Command run = new Command("run", "Run the gateway: beacon over UDP and serial radios, read GPS and battery, answer status.") { config };
            run.SetAction(parseResult =>
            {
                string path = parseResult.GetValue(config)!;
                GatewaySettings settings;
                try
                {
                    settings = ConfigLoader.Load(path);
                }
                catch (ConfigException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return ConfigCommand.ExitConfigError;
                }

                Log log = Log.ForStdout(settings.LogLevel);
                try
                {
                    return GatewayRunner.Run(settings, log);
                }
                catch (StartupException e)
                {
                    Console.Error.WriteLine("peat-edge: " + e.Message);
                    return 1;
                }
                catch (Exception e)
                {
                    // Not expected; still one line, so a unit that restarts in a loop stays readable.
                    Console.Error.WriteLine("peat-edge: unexpected " + e.GetType().Name + ": " + e.Message);
                    return 1;
                }
            });
            return run;
        }
    }
}
