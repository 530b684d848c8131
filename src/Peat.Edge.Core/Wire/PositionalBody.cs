using System.Runtime.CompilerServices;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// The frame of every positional body (and of a telemetry record inside one): one MessagePack array
    /// of at least the fields this version knows, then, after them, any elements a later version appended
    /// (any type, however nested), which a reader skips. Shared by every body type so forward
    /// compatibility works the same way for all.
    /// </summary>
    internal static class PositionalBody
    {
        /// <summary>The position after the array header at offset, or -1 when it is not an array of at least <paramref name="fieldCount"/> elements.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static int Open(byte[] buffer, int offset, int end, int fieldCount, out int fields)
        {
            int p = MsgPackDecoding.GetArrayHeader(buffer, offset, end, out fields);
            return p < 0 || fields < fieldCount ? -1 : p;
        }

        /// <summary>The position after <paramref name="extra"/> elements of any type at position, or -1 when they do not lie before end.</summary>
        public static int SkipExtra(byte[] buffer, int position, int end, int extra)
        {
            if (extra == 0)
            {
                return position;
            }

            MsgPackReader reader = new MsgPackReader(buffer, position, end - position);
            for (int i = 0; i < extra; i++)
            {
                if (!reader.TrySkip())
                {
                    return -1;
                }
            }

            return reader.Position;
        }

        /// <summary>None when <paramref name="extra"/> elements follow at position and then the body ends at end; Malformed otherwise.</summary>
        public static WireError Finish(byte[] buffer, int position, int end, int extra)
        {
            return SkipExtra(buffer, position, end, extra) == end ? WireError.None : WireError.Malformed;
        }
    }
}
