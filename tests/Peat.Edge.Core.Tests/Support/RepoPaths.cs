using Peat.Edge.Tests.Shared;

namespace Peat.Edge.Core.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root => SourceRules.RepoRoot;
}
