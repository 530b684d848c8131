using System.Collections.Generic;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;

namespace Peat.Edge.Sim.Scenarios
{
    /// <summary>partition-heal: the graph is cut down the middle at 30 % and healed at 60 % of the run.</summary>
    public sealed class PartitionHealScenario : Scenario
    {
        /// <inheritdoc />
        public override string Name => "partition-heal";

        /// <inheritdoc />
        public override string Description => "cut the graph down the middle at 30 %, heal at 60 %";

        /// <inheritdoc />
        public override void PlanFaults(List<FaultSpec> faults, long durationUs, SimRandom random)
        {
            faults.Add(FaultSpec.Global(FaultKind.Partition, At(durationUs, 0.3)));
            faults.Add(FaultSpec.Global(FaultKind.Heal, At(durationUs, 0.6)));
        }
    }
}
