namespace Peat.Edge.Sim.Faults
{
    /// <summary>The names faults carry in reports, logs and the summary.</summary>
    public static class FaultNames
    {
        /// <summary>kill, restart, isolate, partition, heal, loss, clock-step.</summary>
        public static string Of(FaultKind kind)
        {
            switch (kind)
            {
                case FaultKind.Kill: return "kill";
                case FaultKind.Restart: return "restart";
                case FaultKind.Isolate: return "isolate";
                case FaultKind.Partition: return "partition";
                case FaultKind.Heal: return "heal";
                case FaultKind.Loss: return "loss";
                case FaultKind.ClockStep: return "clock-step";
                case FaultKind.LossEnd: return "loss-end";
                default: return "unknown";
            }
        }
    }
}
