namespace Peat.Edge.Core.Wire
{
    /// <summary>Why a directed assignment failed (the reason field of a status; None unless the state is Failed).</summary>
    public enum AssignmentFailure : byte
    {
        /// <summary>Not failed.</summary>
        None = 0,

        /// <summary>The target could not reach what it was told to use (the named parent is not a neighbour, or attaching to it did not happen in time).</summary>
        Unreachable = 1,

        /// <summary>The target's authorizer refused the commander, or the value is invalid (level above 15, precision outside 1..12, parent 0 or itself, an unknown kind).</summary>
        Refused = 2,

        /// <summary>The commander heard no final answer within <c>NodeLimits.AssignmentTimeoutMs</c> (set by the commander, never sent).</summary>
        TimedOut = 3,
    }
}
