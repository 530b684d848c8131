using System.Collections.Generic;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;

namespace Peat.Edge.Sim.Scenarios
{
    /// <summary>
    /// churn: at 20, 30, 40, 50 and 60 % of the run a seeded random alive node is killed (never the last
    /// root-capable one), and each comes back with a fresh state 10 % of the run later.
    /// </summary>
    public sealed class ChurnScenario : Scenario
    {
        /// <inheritdoc />
        public override string Name => "churn";

        /// <inheritdoc />
        public override string Description => "five random kills from 20 % on, each restarted 10 % later";

        /// <inheritdoc />
        public override void PlanFaults(List<FaultSpec> faults, long durationUs, SimRandom random)
        {
            for (int k = 0; k < 5; k++)
            {
                double share = 0.2 + (0.1 * k);
                int kill = faults.Count;
                faults.Add(FaultSpec.Choosing(FaultKind.Kill, At(durationUs, share), FaultTarget.RandomAlive));
                faults.Add(new FaultSpec { Kind = FaultKind.Restart, AtUs = At(durationUs, share + 0.1), Target = FaultTarget.SameAsFault, SameAsFault = kill });
            }
        }
    }
}
