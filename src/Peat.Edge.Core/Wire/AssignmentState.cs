namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// Where a directed assignment stands. Pending lives only at the commander (sent, no answer yet);
    /// the others travel in <see cref="CommandStatusBody"/> with these values. Completed and Failed are final.
    /// </summary>
    public enum AssignmentState : byte
    {
        /// <summary>Sent by the commander; the target has not answered yet. Never on the wire.</summary>
        Pending = 0,

        /// <summary>The target accepted the command and is applying it.</summary>
        InProgress = 1,

        /// <summary>The target applied it (final).</summary>
        Completed = 2,

        /// <summary>It did not happen, for an <see cref="AssignmentFailure"/> reason (final).</summary>
        Failed = 3,
    }
}
