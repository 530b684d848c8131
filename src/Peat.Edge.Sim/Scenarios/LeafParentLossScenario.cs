using System.Collections.Generic;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Scenarios
{
    /// <summary>leaf-parent-loss: squads (clustered placement); at 40 % of the run the parent with the most children, all of them leaves, is killed.</summary>
    public sealed class LeafParentLossScenario : Scenario
    {
        /// <inheritdoc />
        public override string Name => "leaf-parent-loss";

        /// <inheritdoc />
        public override string Description => "squads; kill a parent whose children are all leaves at 40 %";

        /// <inheritdoc />
        public override PlacementKind Placement => PlacementKind.Clustered;

        /// <inheritdoc />
        public override void PlanFaults(List<FaultSpec> faults, long durationUs, SimRandom random)
        {
            faults.Add(FaultSpec.Choosing(FaultKind.Kill, At(durationUs, 0.4), FaultTarget.LeafParent));
        }
    }
}
