using System;
using System.Collections.Generic;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Scenarios
{
    /// <summary>
    /// swarm: everything drawn from the seed, in the spirit of TigerBeetle's VOPR. Link: extra loss 0–15 %
    /// (unless <c>--loss</c> is given), 0–20 % asymmetric directed links with 30–80 % extra loss, per-link
    /// delay up to 20 ms (Wi-Fi) or 50 ms (LoRa). Placement uniform or clustered, 2–4 root-capable nodes.
    /// Faults: 3–8 between 15 % and 70 % of the run, each a kill (sometimes of the top root; half are
    /// restarted later), a reboot, an isolation healed later, a partition healed later, a burst of 20–60 %
    /// loss, or a clock step (forward up to 60 s, or backward 1 to 11 s). Every repair lands by 85 %.
    /// </summary>
    public sealed class SwarmScenario : Scenario
    {
        /// <inheritdoc />
        public override string Name => "swarm";

        /// <inheritdoc />
        public override string Description => "link parameters, placement and 3-8 faults of every kind drawn from the seed";

        /// <inheritdoc />
        public override void Customize(ref LinkParameters link, ref PlacementSpec placement, SimRandom random, SimOptions options)
        {
            ArgumentNullException.ThrowIfNull(link);
            ArgumentNullException.ThrowIfNull(placement);
            ArgumentNullException.ThrowIfNull(random);
            ArgumentNullException.ThrowIfNull(options);
            double extraLoss = random.NextDouble(0, 0.15);
            link = link with
            {
                ExtraLossProbability = options.Loss ?? extraLoss,
                AsymmetryProbability = random.NextDouble(0, 0.2),
                AsymmetricExtraLoss = random.NextDouble(0.3, 0.8),
                PerLinkDelayMsMax = random.NextDouble(0, link.Kind == LinkKind.Lora ? 50 : 20),
            };
            placement = placement with
            {
                Kind = random.Chance(0.5) ? PlacementKind.Clustered : PlacementKind.Uniform,
                RootCapableCount = Math.Min(placement.Nodes, 2 + random.NextInt(3)),
            };
        }

        /// <inheritdoc />
        public override void PlanFaults(List<FaultSpec> faults, long durationUs, SimRandom random)
        {
            int count = 3 + random.NextInt(6);
            long[] times = new long[count];
            for (int k = 0; k < count; k++)
            {
                times[k] = At(durationUs, random.NextDouble(0.15, 0.7));
            }

            Array.Sort(times);
            foreach (long atUs in times)
            {
                PlanOne(faults, atUs, durationUs, random);
            }
        }

        private static void PlanOne(List<FaultSpec> faults, long atUs, long durationUs, SimRandom random)
        {
            long latestUs = At(durationUs, 0.85);
            int index = faults.Count;
            int kind = random.NextInt(100);
            if (kind < 25)
            {
                FaultTarget target = random.Chance(0.25) ? FaultTarget.TopRoot : FaultTarget.RandomAlive;
                faults.Add(FaultSpec.Choosing(FaultKind.Kill, atUs, target));
                if (random.Chance(0.5))
                {
                    faults.Add(FollowUp(FaultKind.Restart, index, Later(atUs, durationUs, latestUs, random, 0.05, 0.2)));
                }
            }
            else if (kind < 40)
            {
                faults.Add(FaultSpec.Choosing(FaultKind.Restart, atUs, FaultTarget.RandomAlive));
            }
            else if (kind < 55)
            {
                faults.Add(FaultSpec.Choosing(FaultKind.Isolate, atUs, FaultTarget.RandomAlive));
                faults.Add(FollowUp(FaultKind.Heal, index, Later(atUs, durationUs, latestUs, random, 0.05, 0.15)));
            }
            else if (kind < 65)
            {
                faults.Add(FaultSpec.Global(FaultKind.Partition, atUs));
                faults.Add(FaultSpec.Global(FaultKind.Heal, Later(atUs, durationUs, latestUs, random, 0.1, 0.2)));
            }
            else if (kind < 80)
            {
                long endUs = Later(atUs, durationUs, latestUs, random, 0.05, 0.15);
                faults.Add(new FaultSpec { Kind = FaultKind.Loss, AtUs = atUs, Value = Math.Round(random.NextDouble(0.2, 0.6), 3), DurationUs = endUs - atUs });
            }
            else
            {
                double stepMs = random.Chance(0.25) ? -random.NextInt(10_000) - 1000 : random.NextInt(60_000) + 1000;
                faults.Add(new FaultSpec { Kind = FaultKind.ClockStep, AtUs = atUs, Target = FaultTarget.RandomAlive, Value = stepMs });
            }
        }

        private static FaultSpec FollowUp(FaultKind kind, int original, long atUs)
        {
            return new FaultSpec { Kind = kind, AtUs = atUs, Target = FaultTarget.SameAsFault, SameAsFault = original };
        }

        private static long Later(long atUs, long durationUs, long latestUs, SimRandom random, double minShare, double maxShare)
        {
            long laterUs = atUs + At(durationUs, random.NextDouble(minShare, maxShare));
            return Math.Max(atUs, Math.Min(laterUs, latestUs));
        }
    }
}
