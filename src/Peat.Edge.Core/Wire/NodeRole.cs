namespace Peat.Edge.Core.Wire
{
    /// <summary>A node's role within its hierarchy level.</summary>
    public enum NodeRole : byte
    {
        /// <summary>No same-level peers to coordinate with.</summary>
        Standalone = 0,

        /// <summary>Participates in coordination led by another node.</summary>
        Member = 1,

        /// <summary>Elected to coordinate same-level peers.</summary>
        Leader = 2,
    }
}
