using System;

namespace Peat.Edge.Core.Wire
{
    /// <summary>Envelope flags (high nibble of the envelope's second byte). Senders set unknown bits to 0; receivers ignore them.</summary>
    [Flags]
    public enum FrameFlags : byte
    {
        /// <summary>No flag.</summary>
        None = 0,

        /// <summary>The sender is shutting down: neighbours drop it at once and its children move.</summary>
        Leave = 1,

        /// <summary>The sender wants an acknowledgement (used by routing).</summary>
        AckRequested = 2,

        /// <summary>
        /// The sender started less than <c>NodeLimits.FreshStartAnnounceMs</c> ago (set on its beacons): a
        /// neighbour that still holds an entry for it from before, without this flag, knows it restarted with
        /// fresh state, so a child stops following it (its new rank says nothing about the old path).
        /// </summary>
        FreshStart = 4,
    }
}
