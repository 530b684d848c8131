using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Discovery
{
    /// <summary>
    /// The hook that decides whether a node obeys a directed assignment (a port; the host supplies the
    /// policy). It is asked after the frame decoded and before the value is judged; false answers the
    /// commander Failed(Refused). Frame security (its own issue) will verify the tag before a command
    /// gets here, so <paramref name="commanderId"/> is then authenticated; until it lands, any node can
    /// claim any id, and a deployment should allow-list its commanders (<see cref="AllowListedCommanders"/>).
    /// Implementations must not allocate or block: this runs inside <c>MeshNode.Receive</c>.
    /// </summary>
    public interface ICommandAuthorizer
    {
        /// <summary>True when this node should apply the command.</summary>
        bool Authorize(uint commanderId, AssignmentKind kind, ulong value);
    }
}
