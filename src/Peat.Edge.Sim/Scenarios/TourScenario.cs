using System.Collections.Generic;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;

namespace Peat.Edge.Sim.Scenarios
{
    /// <summary>
    /// tour (the default first run): the mesh forms, a squad leader (the non-root node with most children)
    /// is killed at 20 %, the graph is cut down the middle at 45 % and healed at 70 % of the run.
    /// </summary>
    public sealed class TourScenario : Scenario
    {
        /// <inheritdoc />
        public override string Name => "tour";

        /// <inheritdoc />
        public override string Description => "form, kill a squad leader at 20 %, partition at 45 %, heal at 70 %";

        /// <inheritdoc />
        public override void PlanFaults(List<FaultSpec> faults, long durationUs, SimRandom random)
        {
            faults.Add(FaultSpec.Choosing(FaultKind.Kill, At(durationUs, 0.2), FaultTarget.SquadLeader));
            faults.Add(FaultSpec.Global(FaultKind.Partition, At(durationUs, 0.45)));
            faults.Add(FaultSpec.Global(FaultKind.Heal, At(durationUs, 0.7)));
        }
    }
}
