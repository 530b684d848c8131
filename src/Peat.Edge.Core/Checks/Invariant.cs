using System;

namespace Peat.Edge.Core.Checks
{
    /// <summary>
    /// Always-on assertions for programmer errors (broken invariants). Operating errors such as a bad
    /// frame or a full table are results and counters, never these. Debug.Assert is not used because
    /// release builds, which is what devices run, would drop it.
    /// </summary>
    public static class Invariant
    {
        /// <summary>Throws <see cref="InvalidOperationException"/> when <paramref name="condition"/> is false.</summary>
        public static void That(bool condition, string whatMustHold)
        {
            if (!condition)
            {
                throw new InvalidOperationException("invariant violated: " + whatMustHold);
            }
        }

        /// <summary>Argument precondition: throws <see cref="ArgumentOutOfRangeException"/> naming the parameter.</summary>
        public static void InRange(bool condition, string parameterName, string rule)
        {
            if (!condition)
            {
                throw new ArgumentOutOfRangeException(parameterName, parameterName + " " + rule);
            }
        }

        /// <summary>Argument precondition for buffers: offset and count lie inside the array.</summary>
        public static void Slice(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset", "offset and count must lie inside the buffer");
            }
        }
    }
}
