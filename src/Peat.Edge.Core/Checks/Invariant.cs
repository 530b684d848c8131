using System;
using System.Runtime.CompilerServices;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Checks
{
    /// <summary>
    /// Always-on assertions for programmer errors (broken invariants). Operating errors such as a bad
    /// frame or a full table are results and counters, never these. Debug.Assert is not used because
    /// release builds, which is what devices run, would drop it.
    /// </summary>
    /// <remarks>
    /// Each check is a test inlined into its caller, with the throw in a method of its own: a method that
    /// throws is not inlined, and these checks run on every received frame (1% of a simulator run's
    /// instructions went to calling them).
    /// </remarks>
    public static class Invariant
    {
        /// <summary>Throws <see cref="InvalidOperationException"/> when <paramref name="condition"/> is false.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static void That(bool condition, string whatMustHold)
        {
            if (!condition)
            {
                ThrowViolated(whatMustHold);
            }
        }

        /// <summary>Argument precondition: throws <see cref="ArgumentOutOfRangeException"/> naming the parameter.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static void InRange(bool condition, string parameterName, string rule)
        {
            if (!condition)
            {
                ThrowOutOfRange(parameterName, rule);
            }
        }

        /// <summary>Argument precondition for buffers: offset and count lie inside the array.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public static void Slice(byte[] buffer, int offset, int count)
        {
            // One unsigned comparison each covers the negative values too (buffer.Length - count < 0 wraps).
            if (buffer == null || (uint)count > (uint)buffer.Length || (uint)offset > (uint)(buffer.Length - count))
            {
                ThrowBadSlice(buffer == null);
            }
        }

        private static void ThrowViolated(string whatMustHold)
        {
            throw new InvalidOperationException("invariant violated: " + whatMustHold);
        }

        private static void ThrowOutOfRange(string parameterName, string rule)
        {
            throw new ArgumentOutOfRangeException(parameterName, parameterName + " " + rule);
        }

        private static void ThrowBadSlice(bool bufferMissing)
        {
            if (bufferMissing)
            {
                throw new ArgumentNullException("buffer");
            }

            throw new ArgumentOutOfRangeException("offset", "offset and count must lie inside the buffer");
        }
    }
}
