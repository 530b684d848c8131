namespace Peat.Edge.Core.Wire
{
    /// <summary>Why bytes did not decode. Operating errors: counted and dropped, never thrown.</summary>
    public enum WireError : byte
    {
        /// <summary>Decoded.</summary>
        None = 0,

        /// <summary>Shorter than the envelope plus tag.</summary>
        Truncated = 1,

        /// <summary>A version this code does not speak.</summary>
        UnsupportedVersion = 2,

        /// <summary>A frame type this code does not know.</summary>
        UnknownType = 3,

        /// <summary>The body is not the expected MessagePack shape, or bytes are left between body and tag.</summary>
        Malformed = 4,

        /// <summary>The body decodes but a field is out of its range.</summary>
        InvalidField = 5,
    }
}
