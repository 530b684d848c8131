namespace Peat.Edge.Sim.Engine
{
    /// <summary>One point of the attachment timeline (taken at every check).</summary>
    public readonly struct TimelineSample
    {
        /// <summary>Creates a sample.</summary>
        public TimelineSample(long atUs, int alive, int attached)
        {
            AtUs = atUs;
            Alive = alive;
            Attached = attached;
        }

        /// <summary>Virtual time.</summary>
        public long AtUs { get; }

        /// <summary>Alive nodes.</summary>
        public int Alive { get; }

        /// <summary>Attached alive nodes.</summary>
        public int Attached { get; }
    }
}
