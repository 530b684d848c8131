namespace Peat.Edge.Sim.Checks
{
    /// <summary>Outcome of one liveness evaluation (see <see cref="AttachmentCheck"/>).</summary>
    public readonly struct AttachmentResult
    {
        /// <summary>Creates a result.</summary>
        public AttachmentResult(int alive, int attached, int unattachable, int validRoots, int maxDepth)
        {
            Alive = alive;
            Attached = attached;
            Unattachable = unattachable;
            ValidRoots = validRoots;
            MaxDepth = maxDepth;
        }

        /// <summary>Alive nodes.</summary>
        public int Alive { get; }

        /// <summary>Alive nodes that are attached.</summary>
        public int Attached { get; }

        /// <summary>Alive nodes that are not attached and cannot attach to anything (no parent-capable node in range, may not parent themselves).</summary>
        public int Unattachable { get; }

        /// <summary>Alive nodes that could attach but are not attached.</summary>
        public int Orphans => Alive - Attached - Unattachable;

        /// <summary>Roots that count (root-capable, or the root of a part with no root-capable node): the number of trees.</summary>
        public int ValidRoots { get; }

        /// <summary>Deepest attached node (a root is depth 0); -1 when nothing is attached.</summary>
        public int MaxDepth { get; }

        /// <summary>Every alive node that can attach is attached (and at least one node is).</summary>
        public bool AllAttached => Attached > 0 && Orphans == 0;
    }
}
