namespace Peat.Edge.Sim.Checks
{
    /// <summary>One safety violation found during a run, with the message a person needs to replay it.</summary>
    public sealed record InvariantViolation
    {
        /// <summary>Virtual time of the check that found it.</summary>
        public long AtUs { get; init; }

        /// <summary>"routing-loop", "self-parent" or "telemetry-accounting".</summary>
        public string Kind { get; init; } = "";

        /// <summary>What is wrong, e.g. "routing loop 2 -> 3 -> 2 (...)".</summary>
        public string What { get; init; } = "";

        /// <summary>The full line printed on failure: time, what, seed and replay command.</summary>
        public string Message { get; init; } = "";
    }
}
