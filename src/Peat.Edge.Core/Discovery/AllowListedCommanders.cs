using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Discovery
{
    /// <summary>Obeys only commanders on a configured list (command posts and their alternates); the list is copied at construction.</summary>
    public sealed class AllowListedCommanders : ICommandAuthorizer
    {
        private readonly uint[] _commanderIds;

        /// <summary>Allows the commanders in <paramref name="commanderIds"/> (copied).</summary>
        public AllowListedCommanders(uint[] commanderIds)
        {
            Invariant.InRange(commanderIds != null, "commanderIds", "is required");
            _commanderIds = new uint[commanderIds!.Length];
            System.Array.Copy(commanderIds, _commanderIds, commanderIds.Length);
        }

        /// <summary>Commanders on the list.</summary>
        public int Count => _commanderIds.Length;

        /// <inheritdoc />
        public bool Authorize(uint commanderId, AssignmentKind kind, ulong value)
        {
            for (int i = 0; i < _commanderIds.Length; i++)
            {
                if (_commanderIds[i] == commanderId)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
