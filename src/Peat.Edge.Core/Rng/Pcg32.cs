using System.Runtime.CompilerServices;
using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Rng
{
    /// <summary>
    /// PCG32 (XSH RR, O'Neill 2014): a small, fast, seeded generator. Every random choice a node makes
    /// (jitter, initial sequence numbers) comes from its own instance, seeded by the host, so a run is
    /// reproducible from its seed. Not for cryptography.
    /// </summary>
    public sealed class Pcg32
    {
        private const ulong Multiplier = 6364136223846793005UL;
        private ulong _state;
        private readonly ulong _increment;

        /// <summary>Creates a generator; equal (seed, stream) pairs give equal sequences.</summary>
        public Pcg32(ulong seed, ulong stream = 0xDA3E39CB94B95BDBUL)
        {
            _increment = (stream << 1) | 1UL;
            _state = 0;
            NextUInt32();
            _state += seed;
            NextUInt32();
        }

        /// <summary>
        /// A well-mixed 32-bit value of (seed, salt) without touching any generator (SplitMix64's
        /// finaliser): for a start value that must differ between seeds while every generator's sequence
        /// stays as it was.
        /// </summary>
        public static uint Mix(ulong seed, ulong salt)
        {
            ulong z = unchecked(seed + (salt * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            return (uint)(z ^ (z >> 31));
        }

        /// <summary>The next uniformly distributed 32-bit value.</summary>
        [MethodImpl(Inlining.Aggressive)]
        public uint NextUInt32()
        {
            ulong old = _state;
            _state = unchecked(old * Multiplier + _increment);
            uint xorShifted = (uint)(((old >> 18) ^ old) >> 27);
            int rotation = (int)(old >> 59);
            return (xorShifted >> rotation) | (xorShifted << ((-rotation) & 31));
        }

        /// <summary>A uniform value in [0, bound) without modulo bias (Lemire's method with rejection).</summary>
        public uint NextBelow(uint bound)
        {
            Invariant.InRange(bound > 0, "bound", "must be positive");
            ulong product = (ulong)NextUInt32() * bound;
            uint low = (uint)product;
            if (low < bound)
            {
                uint threshold = unchecked((uint)(-(int)bound)) % bound;
                while (low < threshold)
                {
                    product = (ulong)NextUInt32() * bound;
                    low = (uint)product;
                }
            }

            return (uint)(product >> 32);
        }

        /// <summary>A uniform value in [minInclusive, maxInclusive].</summary>
        public long NextInRange(long minInclusive, long maxInclusive)
        {
            Invariant.InRange(maxInclusive >= minInclusive, "maxInclusive", "must be >= minInclusive");
            ulong span = (ulong)(maxInclusive - minInclusive);
            Invariant.InRange(span < uint.MaxValue, "maxInclusive", "range must span fewer than 2^32 values");
            return minInclusive + NextBelow((uint)span + 1);
        }
    }
}
