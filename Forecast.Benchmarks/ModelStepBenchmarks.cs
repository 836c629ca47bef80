using BenchmarkDotNet.Attributes;
using Forecast.Engine.Simulation;

namespace Forecast.Benchmarks;

/// <summary>One block of 1,024 paths through five yearly steps of a single model kind.</summary>
[MemoryDiagnoser]
public class ModelStepBenchmarks
{
    private SimulationPlan _plan = null!;
    private BlockWorkspace _workspace = null!;
    private SimulationAccumulator _accumulator = null!;
    private long _block;

    [ParamsSource(nameof(Kinds))]
    public string Kind { get; set; } = "compound";

    /// <summary>The model kinds (<see cref="ModelKindScenario.Kinds"/>).</summary>
    public static IEnumerable<string> Kinds => ModelKindScenario.Kinds;

    [GlobalSetup]
    public void Setup()
    {
        _plan = SimulationPlan.Compile(ModelKindScenario.For(Kind));
        _workspace = new BlockWorkspace(_plan);
        _accumulator = new SimulationAccumulator(_plan, null);
    }

    [Benchmark(Description = "1,024 paths × 5 years")]
    public long Block()
    {
        var observer = _accumulator.AsObserver();
        BlockSimulator.Simulate(_plan, 0, 7, _block++, BlockWorkspace.BlockSize, _workspace, ref observer);
        observer.Block(new SimulatedBlock([_workspace], 0, BlockWorkspace.BlockSize));
        return _accumulator.Paths;
    }
}
