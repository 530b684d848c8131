using Peat.Edge.Core.Checks;

namespace Peat.Edge.Core.Topology
{
    /// <summary>
    /// Weights of the parent score's factors (any unit; normalised by their sum). Each factor scores
    /// 0..1000: level compatibility, rank (shallow trees), distance, battery, load and link quality.
    /// </summary>
    public sealed class ParentWeights
    {
        /// <summary>A parent one level up scores best; further up scores less.</summary>
        public int Level = 20;

        /// <summary>Closer to the root scores better (keeps trees shallow).</summary>
        public int Rank = 25;

        /// <summary>Nearer scores better (half score at <c>NodeLimits.ParentDistanceHalfScoreM</c>).</summary>
        public int Distance = 10;

        /// <summary>More battery scores better; mains power scores full.</summary>
        public int Battery = 10;

        /// <summary>Fewer children for its capacity scores better.</summary>
        public int Load = 10;

        /// <summary>Better reception ratio scores better.</summary>
        public int LinkQuality = 25;

        /// <summary>Throws when a weight is negative or all are zero.</summary>
        public void Validate()
        {
            Invariant.InRange(Level >= 0 && Rank >= 0 && Distance >= 0 && Battery >= 0 && Load >= 0 && LinkQuality >= 0, "ParentWeights", "weights must not be negative");
            Invariant.InRange(Sum > 0, "ParentWeights", "at least one weight must be positive");
        }

        /// <summary>The sum the score is normalised by.</summary>
        public int Sum => Level + Rank + Distance + Battery + Load + LinkQuality;
    }
}
