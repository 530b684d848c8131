using Xunit;

namespace Peat.Edge.Core.Tests;

/// <summary>
/// The zero-allocation check shared by the allocation tests. A run builds a fresh, deterministic workload,
/// warms it up and returns the bytes its measured part allocated on this thread
/// (<c>GC.GetAllocatedBytesForCurrentThread</c>). The first run is a rehearsal, so every method the
/// measured part reaches is compiled and every type initialised on this thread whatever other tests did
/// before; then up to three more runs, and one must allocate nothing. The workload is deterministic, so an
/// allocation of the code's own comes back in every run and fails; the runtime's own work that lands on
/// this thread now and then (CI once counted 6,584 bytes in the geo hot path, which allocates nothing; a
/// full-suite run here once failed the same way, in about fifty) does not come back.
/// </summary>
internal static class SteadyState
{
    private const int MeasuredRunsMax = 3;

    public static void AssertAllocatesNothing(Func<long> run)
    {
        run();
        var seen = new List<long>();
        for (int i = 0; i < MeasuredRunsMax; i++)
        {
            long bytes = run();
            if (bytes == 0)
            {
                return;
            }

            seen.Add(bytes);
        }

        Assert.Fail($"every run of the same deterministic workload allocated ({string.Join(", ", seen)} bytes in {MeasuredRunsMax} runs after a rehearsal): the code allocates in its steady state");
    }
}
