namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The end of a positional body: a reader that has taken the fields it knows skips any elements a
    /// later version appended (any type, however nested), and the body must then end exactly where the
    /// tag begins. Shared by every body type so forward compatibility works the same way for all.
    /// </summary>
    internal static class BodyTail
    {
        /// <summary>None when <paramref name="extra"/> elements follow at position and then the body ends at end; Malformed otherwise.</summary>
        public static WireError Finish(byte[] buffer, int position, int end, int extra)
        {
            if (extra == 0)
            {
                return position == end ? WireError.None : WireError.Malformed;
            }

            MsgPackReader reader = new MsgPackReader(buffer, position, end - position);
            for (int i = 0; i < extra; i++)
            {
                if (!reader.TrySkip())
                {
                    return WireError.Malformed;
                }
            }

            return reader.Remaining == 0 ? WireError.None : WireError.Malformed;
        }
    }
}
