namespace Peat.Edge.Core.Node
{
    /// <summary>What <c>MeshNode.Receive</c> did with a frame: accepted, or dropped for a counted reason.</summary>
    public enum ReceiveResult : byte
    {
        /// <summary>Decoded and applied.</summary>
        Accepted = 0,

        /// <summary>Longer than <c>NodeLimits.FrameBytesMax</c>.</summary>
        DroppedTooLarge = 1,

        /// <summary>Shorter than an envelope, a tag and a one-byte body.</summary>
        DroppedTruncated = 2,

        /// <summary>A wire format version this node does not speak.</summary>
        DroppedUnsupportedVersion = 3,

        /// <summary>A frame type this node does not know (yet).</summary>
        DroppedUnknownType = 4,

        /// <summary>The body is not the expected MessagePack shape.</summary>
        DroppedMalformed = 5,

        /// <summary>A body field is out of range.</summary>
        DroppedInvalidField = 6,

        /// <summary>The source id is 0 or broadcast.</summary>
        DroppedInvalidSource = 7,

        /// <summary>This node's own frame came back (multicast loopback, a repeater).</summary>
        DroppedOwnFrame = 8,

        /// <summary>The same sequence from the same source was already applied.</summary>
        DroppedDuplicate = 9,

        /// <summary>An older sequence arrived while the newer one is still fresh (reordered or replayed).</summary>
        DroppedStale = 10,

        /// <summary>A new neighbour while the table is full of fresh entries (nothing may be evicted).</summary>
        DroppedTableFull = 11,

        /// <summary>A unicast frame (telemetry, acknowledgement) for another node, overheard on a shared radio.</summary>
        DroppedNotAddressed = 12,
    }
}
