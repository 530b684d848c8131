using Xunit;

namespace Peat.Edge.Sim.Tests.Support;

/// <summary>
/// Tests that read process-wide state (GC heap size, wall time) run alone: xunit runs other test classes
/// in parallel, and their worlds would be counted in (or freed from) the heap being measured.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "solo";
}
