using System;
using System.Collections.Generic;
using System.Globalization;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Scenarios
{
    /// <summary>The built-in scenarios by CLI name, and the step that turns <see cref="SimOptions"/> into a <see cref="SimConfig"/>.</summary>
    public static class ScenarioCatalog
    {
        /// <summary>The default scenario: forms, kills a squad leader, partitions and heals.</summary>
        public const string DefaultName = "tour";

        private static readonly Scenario[] All =
        {
            new TourScenario(),
            new FormationScenario(),
            new LeafParentLossScenario(),
            new LeaderLossScenario(),
            new PartitionHealScenario(),
            new ChurnScenario(),
            new SwarmScenario(),
        };

        /// <summary>Scenario names in help order.</summary>
        public static IReadOnlyList<string> Names
        {
            get
            {
                string[] names = new string[All.Length];
                for (int i = 0; i < All.Length; i++)
                {
                    names[i] = All[i].Name;
                }

                return names;
            }
        }

        /// <summary>The scenario called <paramref name="name"/>, or null.</summary>
        public static Scenario? Find(string name)
        {
            foreach (Scenario scenario in All)
            {
                if (scenario.Name == name)
                {
                    return scenario;
                }
            }

            return null;
        }

        /// <summary>
        /// Resolves valid options into a run: link profile (with <c>--loss</c>), area (default: the profile's
        /// area for 100 nodes scaled by √(nodes/100), so density and hop count stay comparable), placement,
        /// scenario customisation and fault plan, all from the seed.
        /// </summary>
        public static SimConfig Build(SimOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            string? error = options.Validate();
            if (error != null)
            {
                throw new ArgumentException(error, nameof(options));
            }

            Scenario scenario = Find(options.Scenario)!;
            LinkParameters link = LinkParameters.ForName(options.Link)!;
            if (options.Loss.HasValue)
            {
                link = link with { ExtraLossProbability = options.Loss.Value };
            }

            double durationS = ResolveDurationS(options, scenario, link.Kind);
            double areaM = options.AreaM ?? Math.Round(link.AreaMPer100Nodes * Math.Sqrt(options.Nodes / 100.0), 1);
            PlacementSpec placement = new PlacementSpec
            {
                Kind = scenario.Placement,
                Nodes = options.Nodes,
                AreaM = areaM,
                RootCapableCount = Math.Min(3, options.Nodes),
                SquadSigmaM = 0.3 * link.RangeM,
            };
            SimRandom random = new SimRandom(options.Seed, RandomStream.Swarm);
            scenario.Customize(ref link, ref placement, random, options);
            long durationUs = (long)Math.Round(durationS * 1e6, MidpointRounding.AwayFromZero);
            List<FaultSpec> faults = new List<FaultSpec>();
            scenario.PlanFaults(faults, durationUs, random);
            return new SimConfig
            {
                Scenario = scenario.Name,
                Seed = options.Seed,
                DurationUs = durationUs,
                Link = link,
                AreaM = areaM,
                Nodes = NodePlacement.Generate(placement, options.Seed),
                Faults = faults,
                CheckPeriodUs = SimProfile.CheckPeriodUs(link.Kind),
                TelemetryIntervalUs = options.TelemetryIntervalS.HasValue
                    ? (long)Math.Round(options.TelemetryIntervalS.Value * 1e6, MidpointRounding.AwayFromZero)
                    : SimProfile.TelemetryIntervalUs(link.Kind),
                ReplayCommand = options.ReplayCommand(),
            };
        }

        /// <summary>The run length for these options: <c>--duration-s</c>, or the scenario's default scaled for the link.</summary>
        public static double ResolveDurationS(SimOptions options, Scenario scenario, LinkKind kind)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(scenario);
            return options.DurationS ?? scenario.DefaultDurationS * SimProfile.DurationScale(kind);
        }

        /// <summary>"tour, formation, ..." for help and error messages.</summary>
        public static string NameList()
        {
            return string.Join(", ", Names);
        }

        internal static string Format(double value)
        {
            return value.ToString("0.######", CultureInfo.InvariantCulture);
        }
    }
}
