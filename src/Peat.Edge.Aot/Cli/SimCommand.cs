using System;
using System.CommandLine;
using Peat.Edge.Sim.Cli;

namespace Peat.Edge.Aot.Cli
{
    /// <summary>
    /// <c>peat-edge sim</c>: the deterministic simulator (src/Peat.Edge.Sim) on the command line. The
    /// flag names are a contract (scripts and later issues use them); ranges and names are checked by
    /// <see cref="SimOptions.Validate"/>, so a bad value is one error line and exit code 2.
    /// </summary>
    public static class SimCommand
    {
        public static Command Create()
        {
            SimOptions defaults = new SimOptions();
            Option<string> scenario = new Option<string>("--scenario") { Description = "tour (default: forms, kills a squad leader, partitions and heals), formation, leaf-parent-loss, leader-loss, partition-heal, churn, swarm.", DefaultValueFactory = _ => defaults.Scenario };
            Option<int> nodes = new Option<int>("--nodes") { Description = "Nodes to simulate (" + SimOptions.NodesMin + ".." + SimOptions.NodesMax + ").", DefaultValueFactory = _ => defaults.Nodes };
            Option<ulong> seed = new Option<ulong>("--seed") { Description = "Everything random derives from it: the same seed gives the same run.", DefaultValueFactory = _ => defaults.Seed };
            Option<double?> duration = new Option<double?>("--duration-s") { Description = "Virtual seconds to run (default: the scenario's)." };
            Option<string> link = new Option<string>("--link") { Description = "wifi or lora.", DefaultValueFactory = _ => defaults.Link };
            Option<double?> loss = new Option<double?>("--loss") { Description = "Extra loss probability on every link, 0..1." };
            Option<double?> area = new Option<double?>("--area-m") { Description = "Side of the square area in metres (default grows with the node count)." };
            Option<double?> telemetry = new Option<double?>("--telemetry-interval-s") { Description = "Each node submits a telemetry record this often (default 10 on wifi, 300 on lora; 0 = none)." };
            Option<string?> report = new Option<string?>("--report") { Description = "Write the JSON report to this path." };
            Option<string?> svg = new Option<string?>("--svg") { Description = "Write the final topology and the attachment timeline as SVG to this path." };
            Option<string?> eventLog = new Option<string?>("--event-log") { Description = "Write the run's event log (membership, parent changes, faults; byte-identical for a seed) to this path." };
            Option<bool> quiet = new Option<bool>("--quiet") { Description = "No progress and no summary; failures are still printed." };

            Command command = new Command("sim", "Simulate a mesh of real Peat.Edge cores on virtual time, with faults, and report how it formed and healed.")
            {
                scenario, nodes, seed, duration, link, loss, area, telemetry, report, svg, eventLog, quiet,
            };
            command.SetAction(parseResult =>
            {
                SimOptions options = new SimOptions
                {
                    Scenario = parseResult.GetValue(scenario) ?? defaults.Scenario,
                    Nodes = parseResult.GetValue(nodes),
                    Seed = parseResult.GetValue(seed),
                    DurationS = parseResult.GetValue(duration),
                    Link = parseResult.GetValue(link) ?? defaults.Link,
                    Loss = parseResult.GetValue(loss),
                    AreaM = parseResult.GetValue(area),
                    TelemetryIntervalS = parseResult.GetValue(telemetry),
                    ReportPath = parseResult.GetValue(report),
                    SvgPath = parseResult.GetValue(svg),
                    EventLogPath = parseResult.GetValue(eventLog),
                    Quiet = parseResult.GetValue(quiet),
                };
                return SimRunner.Run(options, Console.Out);
            });
            return command;
        }
    }
}
