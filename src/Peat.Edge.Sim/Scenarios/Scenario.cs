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
    /// A built-in scenario: its placement, its default length (for Wi-Fi; LoRa runs are longer, see
    /// <see cref="SimProfile.DurationScale"/>) and its fault plan. Fault times are shares of the run's
    /// duration, so <c>--duration-s</c> stretches the plan instead of cutting it off.
    /// </summary>
    public abstract class Scenario
    {
        /// <summary>The CLI name.</summary>
        public abstract string Name { get; }

        /// <summary>One line for help and the summary.</summary>
        public abstract string Description { get; }

        /// <summary>Default virtual seconds on Wi-Fi.</summary>
        public virtual double DefaultDurationS => 300;

        /// <summary>How nodes are placed.</summary>
        public virtual PlacementKind Placement => PlacementKind.Uniform;

        /// <summary>Lets a scenario draw link and placement parameters from the seed (swarm); others change nothing.</summary>
        public virtual void Customize(ref LinkParameters link, ref PlacementSpec placement, SimRandom random, SimOptions options)
        {
        }

        /// <summary>Adds the planned faults for a run of <paramref name="durationUs"/>.</summary>
        public abstract void PlanFaults(List<FaultSpec> faults, long durationUs, SimRandom random);

        /// <summary>The instant at <paramref name="share"/> of the run, on a whole millisecond.</summary>
        protected static long At(long durationUs, double share)
        {
            return (long)Math.Round(durationUs * share / 1000.0, MidpointRounding.AwayFromZero) * 1000;
        }
    }
}
