using System.Collections.Generic;
using Peat.Edge.Core.Limits;
using Peat.Edge.Core.Metrics;
using Peat.Edge.Core.Node;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// The world's bookkeeping around one MeshNode: liveness, its clock offset, its single pending wake
    /// (a generation number cancels stale ones lazily), its radio's busy times, fault cuts and counters.
    /// </summary>
    internal sealed class SimNode
    {
        public SimNode(int index, NodePlan plan, NodeLimits limits, MeshNode mesh, CounterMetrics metrics, AirState[] air)
        {
            Index = index;
            _air = air;
            air[index].NodeId = plan.NodeId;
            Plan = plan;
            Limits = limits;
            Mesh = mesh;
            Metrics = metrics;
        }

        public readonly int Index;
        public readonly NodePlan Plan;
        public readonly NodeLimits Limits;
        private readonly AirState[] _air; // the world's: this node's entry holds the fields a transmission reads

        /// <summary>The node's current incarnation (replaced on restart).</summary>
        public MeshNode Mesh;
        public CounterMetrics Metrics;

        /// <summary>Booted and not killed.</summary>
        public bool Alive { get => _air[Index].Alive; set => _air[Index].Alive = value; }

        /// <summary>Bumped on every restart; radio and reception events of an older incarnation are void.</summary>
        public int Incarnation { get => _air[Index].Incarnation; set => _air[Index].Incarnation = value; }

        /// <summary>Restarts so far (seeds each new instance differently).</summary>
        public int Restarts;

        /// <summary>Node clock = virtual ms + this (clock-step faults).</summary>
        public long ClockOffsetMs;

        /// <summary>Time of the one live wake event, or long.MaxValue.</summary>
        public long WakeAtUs = long.MaxValue;

        /// <summary>Only the wake with this generation is live.</summary>
        public int WakeGeneration;

        /// <summary>The radio may start the next frame at this time (end of airtime plus duty-cycle wait).</summary>
        public long RadioFreeAtUs;

        /// <summary>The radio is transmitting until this time (half-duplex).</summary>
        public long TransmittingUntilUs;

        /// <summary>A RadioFree event is queued for this incarnation.</summary>
        public bool RadioFreePending;

        /// <summary>Last parent id seen (parent-change tracking).</summary>
        public uint LastParentId;

        /// <summary>Last non-zero parent id seen: X→none→X is a gap, not a switch (parent_switches).</summary>
        public uint LastAttachedParentId;

        /// <summary>Test hook: report this parent instead of the node's own.</summary>
        public bool HasParentOverride;
        public uint ParentOverride;

        /// <summary>Test hook: report this root flag instead of the node's own.</summary>
        public bool HasRootOverride;
        public bool RootOverride;

        /// <summary>All links of the node are cut (isolate fault).</summary>
        public bool Isolated { get => _air[Index].Isolated; set => _air[Index].Isolated = value; }

        /// <summary>West of the partition line.</summary>
        public bool WestSide { get => _air[Index].WestSide; set => _air[Index].WestSide = value; }

        /// <summary>Receptions in progress (collision-modelled links only).</summary>
        public List<int>? ActiveReceptions;

        /// <summary>Beacon airtime sent or heard here during the steady-state window.</summary>
        public long SteadyBeaconAirUs { get => _air[Index].SteadyBeaconAirUs; set => _air[Index].SteadyBeaconAirUs = value; }

        public uint NodeId => Plan.NodeId;

        public uint EffectiveParentId => HasParentOverride ? ParentOverride : Mesh.ParentId;

        public bool EffectiveIsRoot => HasRootOverride ? RootOverride : Mesh.IsRoot;

        /// <summary>The node's own clock now.</summary>
        public long NodeNowMs(long nowUs) => (nowUs / 1000) + ClockOffsetMs;

        /// <summary>Virtual time at which the node's clock reads <paramref name="nodeMs"/>.</summary>
        public long SimUsOf(long nodeMs) => (nodeMs - ClockOffsetMs) * 1000;
    }
}
