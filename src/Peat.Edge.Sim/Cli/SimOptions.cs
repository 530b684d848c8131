using System;
using System.Globalization;
using System.IO;
using System.Text;
using Peat.Edge.Sim.Scenarios;

namespace Peat.Edge.Sim.Cli
{
    /// <summary>
    /// The options of <c>peat-edge sim</c>, one property per flag (names are a contract):
    /// <c>[--scenario NAME] [--nodes N] [--seed S] [--duration-s T] [--link wifi|lora] [--loss P]
    /// [--area-m M] [--report PATH] [--svg PATH] [--quiet]</c>. The defaults make <c>peat-edge sim</c> alone
    /// a good first run: 100 nodes on Wi-Fi, the <c>tour</c> scenario, seed 1.
    /// </summary>
    public sealed class SimOptions
    {
        /// <summary>Fewest nodes a run may have.</summary>
        public const int NodesMin = 2;

        /// <summary>Most nodes a run may have.</summary>
        public const int NodesMax = 5000;

        /// <summary>Longest run (10 virtual days).</summary>
        public const double DurationSMax = 864000;

        /// <summary>--scenario: tour (default), formation, leaf-parent-loss, leader-loss, partition-heal, churn, swarm.</summary>
        public string Scenario { get; set; } = ScenarioCatalog.DefaultName;

        /// <summary>--nodes: 2..5000 (default 100).</summary>
        public int Nodes { get; set; } = 100;

        /// <summary>--seed: everything random derives from it (default 1).</summary>
        public ulong Seed { get; set; } = 1;

        /// <summary>--duration-s: virtual seconds; null = the scenario's default for the link.</summary>
        public double? DurationS { get; set; }

        /// <summary>--link: wifi (default) or lora.</summary>
        public string Link { get; set; } = "wifi";

        /// <summary>--loss: extra loss probability on every link, 0..1; null = 0 (swarm draws its own).</summary>
        public double? Loss { get; set; }

        /// <summary>--area-m: side of the square area; null = the profile's area scaled by √(nodes/100).</summary>
        public double? AreaM { get; set; }

        /// <summary>--telemetry-interval-s: each node submits a telemetry record this often; 0 = none; null = the link's default (10 s Wi-Fi, 300 s LoRa).</summary>
        public double? TelemetryIntervalS { get; set; }

        /// <summary>--report: write the JSON report here.</summary>
        public string? ReportPath { get; set; }

        /// <summary>--svg: write the topology and timeline drawing here.</summary>
        public string? SvgPath { get; set; }

        /// <summary>--quiet: no progress lines and no summary; failures are still printed.</summary>
        public bool Quiet { get; set; }

        /// <summary>--event-log PATH (an addition to the flags): write the event log (one line per membership event, parent change, fault) here.</summary>
        public string? EventLogPath { get; set; }

        /// <summary>Null when the options are usable, else one line naming the bad option.</summary>
        public string? Validate()
        {
            if (Nodes < NodesMin || Nodes > NodesMax)
            {
                return Invariant($"--nodes must be {NodesMin}..{NodesMax} (was {Nodes})");
            }

            if (Loss.HasValue && !(Loss.Value >= 0 && Loss.Value <= 1))
            {
                return Invariant($"--loss must be a probability 0..1 (was {Loss.Value})");
            }

            if (Scenario == null || ScenarioCatalog.Find(Scenario) == null)
            {
                return "--scenario must be one of " + ScenarioCatalog.NameList() + " (was '" + Scenario + "')";
            }

            if (Link != "wifi" && Link != "lora")
            {
                return "--link must be wifi or lora (was '" + Link + "')";
            }

            if (DurationS.HasValue && !(DurationS.Value > 0 && DurationS.Value <= DurationSMax))
            {
                return Invariant($"--duration-s must be > 0 and at most {DurationSMax} (was {DurationS.Value})");
            }

            if (AreaM.HasValue && !(AreaM.Value > 0 && AreaM.Value <= 1_000_000))
            {
                return Invariant($"--area-m must be > 0 and at most 1000000 (was {AreaM.Value})");
            }

            if (TelemetryIntervalS.HasValue && !(TelemetryIntervalS.Value == 0 || (TelemetryIntervalS.Value >= 0.001 && TelemetryIntervalS.Value <= DurationSMax)))
            {
                return Invariant($"--telemetry-interval-s must be 0 (none) or 0.001..{DurationSMax} (was {TelemetryIntervalS.Value})");
            }

            return SameOutputTwice("--report", ReportPath, "--svg", SvgPath)
                ?? SameOutputTwice("--report", ReportPath, "--event-log", EventLogPath)
                ?? SameOutputTwice("--svg", SvgPath, "--event-log", EventLogPath);
        }

        // Two outputs into one file would leave only the last one written.
        private static string? SameOutputTwice(string firstOption, string? first, string secondOption, string? second)
        {
            if (first == null || second == null)
            {
                return null;
            }

            try
            {
                return string.Equals(Path.GetFullPath(first), Path.GetFullPath(second), StringComparison.Ordinal)
                    ? $"{firstOption} and {secondOption} name the same file ({first})"
                    : null;
            }
            catch (Exception exception) when (exception is ArgumentException or NotSupportedException or IOException)
            {
                return null; // an unusable path is reported when the file is opened
            }
        }

        /// <summary>
        /// The command that replays this run exactly: scenario, nodes, seed, the resolved duration, link, and
        /// loss and area when they were given (swarm draws its loss from the seed when it was not).
        /// </summary>
        public string ReplayCommand()
        {
            StringBuilder command = new StringBuilder("peat-edge sim");
            command.Append(" --scenario ").Append(Scenario);
            command.Append(" --nodes ").Append(Nodes.ToString(CultureInfo.InvariantCulture));
            command.Append(" --seed ").Append(Seed.ToString(CultureInfo.InvariantCulture));
            Scenario? scenario = ScenarioCatalog.Find(Scenario);
            Links.LinkParameters? link = Links.LinkParameters.ForName(Link);
            if (scenario != null && link != null)
            {
                command.Append(" --duration-s ").Append(ScenarioCatalog.Format(ScenarioCatalog.ResolveDurationS(this, scenario, link.Kind)));
            }

            command.Append(" --link ").Append(Link);
            if (Loss.HasValue)
            {
                command.Append(" --loss ").Append(ScenarioCatalog.Format(Loss.Value));
            }

            if (AreaM.HasValue)
            {
                command.Append(" --area-m ").Append(ScenarioCatalog.Format(AreaM.Value));
            }

            if (TelemetryIntervalS.HasValue)
            {
                command.Append(" --telemetry-interval-s ").Append(ScenarioCatalog.Format(TelemetryIntervalS.Value));
            }

            return command.ToString();
        }

        private static string Invariant(FormattableString text)
        {
            return text.ToString(CultureInfo.InvariantCulture);
        }
    }
}
