namespace Peat.Edge.Sim.Faults
{
    /// <summary>What a fault does. Report names: kill, restart, isolate, partition, heal, loss, clock-step, loss-end.</summary>
    public enum FaultKind : byte
    {
        /// <summary>The node stops: no ticks, no frames in or out. Its state is gone.</summary>
        Kill = 1,

        /// <summary>A fresh MeshNode with the same id and position (new seed from the world seed); a live node is rebooted.</summary>
        Restart = 2,

        /// <summary>Every link of the node is cut until a heal.</summary>
        Isolate = 3,

        /// <summary>Every link crossing the vertical line through the area's middle is cut until a heal.</summary>
        Partition = 4,

        /// <summary>Undo cuts: with a node, that node's isolation; without, the partition and every isolation.</summary>
        Heal = 5,

        /// <summary>Extra loss on all links (<c>Value</c> = probability) for <c>DurationUs</c>.</summary>
        Loss = 6,

        /// <summary>The node's clock jumps by <c>Value</c> milliseconds (forward when positive).</summary>
        ClockStep = 7,
        /// <summary>
        /// The end of a Loss fault, recorded by the world when the loss lifts (never planned): links good again are
        /// a change of the graph like a heal, and the mesh's merge back into the command post's tree is timed as its
        /// recovery (during the loss, nodes cut off by it may rightly lead fallback trees).
        /// </summary>
        LossEnd = 8,
    }
}
