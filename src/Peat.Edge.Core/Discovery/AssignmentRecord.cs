using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Discovery
{
    /// <summary>One directed assignment as its commander tracks it (a value, copied out of the <see cref="AssignmentTable"/>).</summary>
    public struct AssignmentRecord
    {
        /// <summary>The commander's number for it (in the command and every status about it).</summary>
        public ushort CommandId;

        /// <summary>The node told to apply it.</summary>
        public uint TargetId;

        /// <summary>What is assigned.</summary>
        public AssignmentKind Kind;

        /// <summary>Cell bits, level or parent id (see <see cref="AssignmentKind"/>).</summary>
        public ulong Value;

        /// <summary>Geohash precision for a cell; 0 otherwise.</summary>
        public byte Precision;

        /// <summary>Where it stands.</summary>
        public AssignmentState State;

        /// <summary>Why it failed (None unless <see cref="State"/> is Failed).</summary>
        public AssignmentFailure Failure;

        /// <summary>When the command was queued (host monotonic ms).</summary>
        public long IssuedAtMs;

        /// <summary>When the state last changed.</summary>
        public long UpdatedAtMs;

        /// <summary>When it fails as timed out unless a final state arrives first.</summary>
        public long DeadlineMs;

        /// <summary>True once Completed or Failed: later reports are ignored.</summary>
        public bool IsFinal => State == AssignmentState.Completed || State == AssignmentState.Failed;
    }
}
