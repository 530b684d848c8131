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
        public SimNode(int index, NodePlan plan, NodeLimits limits, MeshNode mesh, CounterMetrics metrics)
        {
            Index = index;
            Plan = plan;
            Limits = limits;
            Mesh = mesh;
            Metrics = metrics;
        }

        public readonly int Index;
        public readonly NodePlan Plan;
        public readonly NodeLimits Limits;

        /// <summary>The node's current incarnation (replaced on restart).</summary>
        public MeshNode Mesh;
        public CounterMetrics Metrics;

        /// <summary>Booted and not killed.</summary>
        public bool Alive;

        /// <summary>Bumped on every restart; radio and reception events of an older incarnation are void.</summary>
        public int Incarnation;

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
        public bool Isolated;

        /// <summary>West of the partition line.</summary>
        public bool WestSide;

        /// <summary>Receptions in progress (collision-modelled links only).</summary>
        public List<int>? ActiveReceptions;

        /// <summary>Beacon airtime sent or heard here during the steady-state window.</summary>
        public long SteadyBeaconAirUs;

        public uint NodeId => Plan.NodeId;

        public uint EffectiveParentId => HasParentOverride ? ParentOverride : Mesh.ParentId;

        public bool EffectiveIsRoot => HasRootOverride ? RootOverride : Mesh.IsRoot;

        /// <summary>The node's own clock now.</summary>
        public long NodeNowMs(long nowUs) => (nowUs / 1000) + ClockOffsetMs;

        /// <summary>Virtual time at which the node's clock reads <paramref name="nodeMs"/>.</summary>
        public long SimUsOf(long nodeMs) => (nodeMs - ClockOffsetMs) * 1000;
    }
}
