using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Discovery
{
    /// <summary>
    /// Obeys every commander: the default, because without frame security ids are unauthenticated
    /// anyway and a lab mesh should just work. Field deployments configure <see cref="AllowListedCommanders"/>.
    /// </summary>
    public sealed class AllowAllCommands : ICommandAuthorizer
    {
        /// <summary>One shared instance (it has no state).</summary>
        public static readonly AllowAllCommands Instance = new AllowAllCommands();

        /// <inheritdoc />
        public bool Authorize(uint commanderId, AssignmentKind kind, ulong value) => true;
    }
}
