using System.Collections.Generic;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;

namespace Peat.Edge.Sim.Scenarios
{
    /// <summary>leader-loss: at 40 % of the run the root with the most descendants (the top of the hierarchy) is killed; alternates must take over.</summary>
    public sealed class LeaderLossScenario : Scenario
    {
        /// <inheritdoc />
        public override string Name => "leader-loss";

        /// <inheritdoc />
        public override string Description => "kill the top of the hierarchy at 40 %; an alternate must take over";

        /// <inheritdoc />
        public override void PlanFaults(List<FaultSpec> faults, long durationUs, SimRandom random)
        {
            faults.Add(FaultSpec.Choosing(FaultKind.Kill, At(durationUs, 0.4), FaultTarget.TopRoot));
        }
    }
}
