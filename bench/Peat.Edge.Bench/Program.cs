using BenchmarkDotNet.Running;

namespace Peat.Edge.Bench
{
    /// <summary>Entry point: BenchmarkDotNet's switcher, so --filter, --job and --list work as documented.</summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
