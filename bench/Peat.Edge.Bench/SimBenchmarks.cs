using BenchmarkDotNet.Attributes;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Scenarios;

namespace Peat.Edge.Bench
{
    /// <summary>
    /// The simulator's speed once the JIT has optimised it (a one-shot `peat-edge sim` run also pays the
    /// JIT's warm-up): 100 nodes on Wi-Fi, seed 1, the `formation` scenario. Each iteration builds a fresh
    /// world in its setup and runs one minute of virtual time: the first (power-on and formation), or the
    /// second (the formed mesh, stable), the setup having run the first. 1,000× real time is 60 ms. The whole
    /// run is the 100-node, 600 s measure once warmed up (1,000× real time is 600 ms).
    /// </summary>
    [MemoryDiagnoser]
    public class SimBenchmarks
    {
        private const long MinuteUs = 60_000_000;

        private SimConfig _config = null!;
        private SimConfig _wholeRun = null!;
        private SimWorld _world = null!;

        [GlobalSetup]
        public void Setup()
        {
            _config = ScenarioCatalog.Build(new SimOptions { Scenario = "formation", Nodes = 100, Seed = 1, DurationS = 120, Quiet = true });
            _wholeRun = ScenarioCatalog.Build(new SimOptions { Scenario = "formation", Nodes = 100, Seed = 1, DurationS = 600, Quiet = true });
        }

        [IterationSetup(Target = nameof(WholeRun100NodesWifi600s))]
        public void NewWorldForWholeRun()
        {
            _world = new SimWorld(_wholeRun);
        }

        [IterationSetup(Target = nameof(FirstMinute100NodesWifi))]
        public void NewWorld()
        {
            _world = new SimWorld(_config);
        }

        [IterationSetup(Target = nameof(SecondMinute100NodesWifi))]
        public void NewFormedWorld()
        {
            _world = new SimWorld(_config);
            _world.RunUntil(MinuteUs);
        }

        [Benchmark]
        public long FirstMinute100NodesWifi()
        {
            _world.RunUntil(MinuteUs);
            return _world.Radio.Delivered;
        }

        [Benchmark]
        public long SecondMinute100NodesWifi()
        {
            _world.RunUntil(2 * MinuteUs);
            return _world.Radio.Delivered;
        }

        [Benchmark]
        public long WholeRun100NodesWifi600s()
        {
            _world.Run();
            return _world.Radio.Delivered;
        }
    }
}
