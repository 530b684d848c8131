using System.Collections.Generic;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;

namespace Peat.Edge.Sim.Scenarios
{
    /// <summary>formation: nodes power on and form the mesh; no faults. Measures formation time and the steady state.</summary>
    public sealed class FormationScenario : Scenario
    {
        /// <inheritdoc />
        public override string Name => "formation";

        /// <inheritdoc />
        public override string Description => "nodes power on and form the mesh; no faults";

        /// <inheritdoc />
        public override double DefaultDurationS => 120;

        /// <inheritdoc />
        public override void PlanFaults(List<FaultSpec> faults, long durationUs, SimRandom random)
        {
        }
    }
}
