namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// One queued event: a small value (no allocation per event). The meaning of <see cref="Node"/> and
    /// <see cref="Arg"/> depends on <see cref="Kind"/>: Wake (node, wake generation), RadioFree (node,
    /// incarnation), Arrival (-, transmission slot: the frame's next arrival, the slot holding them all), ReceptionStart/End (receiver, reception slot),
    /// Fault and LossEnd (-, fault index), Check (-, -).
    /// </summary>
    public readonly struct SimEvent
    {
        /// <summary>What to do.</summary>
        public readonly SimEventKind Kind;

        /// <summary>Node index the event concerns, or -1.</summary>
        public readonly int Node;

        /// <summary>Kind-specific argument.</summary>
        public readonly int Arg;

        /// <summary>Creates an event.</summary>
        public SimEvent(SimEventKind kind, int node, int arg)
        {
            Kind = kind;
            Node = node;
            Arg = arg;
        }
    }
}
