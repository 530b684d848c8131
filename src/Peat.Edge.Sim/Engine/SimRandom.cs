using System;
using Peat.Edge.Core.Rng;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// The simulator's seeded randomness: the core's PCG32 plus the few distributions the simulator needs.
    /// Every purpose (placement, link asymmetry, loss draws, faults, node seeds) gets its own stream from
    /// <see cref="Derive"/>, so changing how often one purpose draws does not shift the others: a new fault
    /// plan does not move the nodes.
    /// </summary>
    public sealed class SimRandom
    {
        private readonly Pcg32 _pcg;

        /// <summary>A generator for (<paramref name="seed"/>, <paramref name="stream"/>).</summary>
        public SimRandom(ulong seed, ulong stream)
        {
            _pcg = new Pcg32(seed, stream);
        }

        /// <summary>A fresh 64-bit value that depends on both inputs (SplitMix64 finaliser); used to derive seeds.</summary>
        public static ulong Derive(ulong seed, ulong salt)
        {
            ulong z = unchecked(seed + (salt * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
        public double NextDouble()
        {
            ulong bits = ((ulong)_pcg.NextUInt32() << 21) ^ (_pcg.NextUInt32() >> 11);
            return (bits & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));
        }

        /// <summary>Uniform in [minInclusive, maxExclusive).</summary>
        public double NextDouble(double minInclusive, double maxExclusive)
        {
            return minInclusive + (NextDouble() * (maxExclusive - minInclusive));
        }

        /// <summary>Uniform integer in [0, bound).</summary>
        public int NextInt(int bound)
        {
            if (bound <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(bound), "bound must be positive");
            }

            return (int)_pcg.NextBelow((uint)bound);
        }

        /// <summary>True with probability <paramref name="probability"/> (0 never draws true, 1 always).</summary>
        public bool Chance(double probability)
        {
            return probability > 0 && (probability >= 1 || NextDouble() < probability);
        }

        /// <summary>Standard normal value (Box-Muller; the second value is discarded to keep the state simple).</summary>
        public double NextGaussian()
        {
            double u1 = 1.0 - NextDouble(); // (0, 1], so the logarithm is finite
            double u2 = NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        /// <summary>A 64-bit value for seeding something else.</summary>
        public ulong NextUInt64()
        {
            return ((ulong)_pcg.NextUInt32() << 32) | _pcg.NextUInt32();
        }
    }
}
