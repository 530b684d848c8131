using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Discovery
{
    /// <summary>
    /// How an assignment event (<c>MeshEventKind.AssignmentStatus</c>, <c>AssignmentAnswered</c>) packs
    /// its detail into the event's 32-bit Value: bits 0-15 the command id, bits 16-23 the reason
    /// (<see cref="AssignmentFailure"/>), bits 24-31 the state (<see cref="AssignmentState"/>). States
    /// are below 128, so the value is never negative.
    /// </summary>
    public static class AssignmentEventValue
    {
        /// <summary>Packs the three parts.</summary>
        public static int Pack(ushort commandId, AssignmentState state, AssignmentFailure failure)
        {
            return unchecked((int)(((uint)state << 24) | ((uint)failure << 16) | commandId));
        }

        /// <summary>The command id (bits 0-15).</summary>
        public static ushort CommandId(int value) => (ushort)(value & 0xFFFF);

        /// <summary>The state (bits 24-31).</summary>
        public static AssignmentState State(int value) => (AssignmentState)((uint)value >> 24);

        /// <summary>The reason (bits 16-23).</summary>
        public static AssignmentFailure Failure(int value) => (AssignmentFailure)((value >> 16) & 0xFF);
    }
}
