using BenchmarkDotNet.Attributes;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Scenarios;

namespace Peat.Edge.Bench
{
    /// <summary>
    /// The simulator's steady-state speed, without the JIT's warm-up that a one-shot `peat-edge sim` run also
    /// pays: 100 nodes on Wi-Fi, seed 1, forming and then running stable (the `formation` scenario). A 60 s
    /// world is built in the setup of each iteration and run to its end; the figure is wall time per 60
    /// virtual seconds (1,000x real time is 60 ms).
    /// </summary>
    [MemoryDiagnoser]
    public class SimBenchmarks
    {
        private SimConfig _config = null!;
        private SimWorld _world = null!;

        [GlobalSetup]
        public void Setup()
        {
            _config = ScenarioCatalog.Build(new SimOptions { Scenario = "formation", Nodes = 100, Seed = 1, DurationS = 60, Quiet = true });
        }

        [IterationSetup]
        public void NewWorld()
        {
            _world = new SimWorld(_config);
        }

        [Benchmark]
        public long Formation100NodesWifi60s()
        {
            _world.Run();
            return _world.Radio.Delivered;
        }
    }
}
