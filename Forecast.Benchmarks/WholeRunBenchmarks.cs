using BenchmarkDotNet.Attributes;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;

namespace Forecast.Benchmarks;

/// <summary>Whole Monte Carlo runs of both standard workloads over path counts and thread counts.</summary>
[MemoryDiagnoser]
public class WholeRunBenchmarks
{
    private Scenario _scenario = null!;

    [Params("bench-gbm8", "liaocheng-2025")]
    public string Workload { get; set; } = "bench-gbm8";

    [Params(100_000, 1_000_000)]
    public int Paths { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _scenario = Workload == "bench-gbm8" ? Workloads.Gbm8 : Workloads.Liaocheng;

    [Benchmark]
    public SimulationResult Run() => MonteCarlo.Run(_scenario, new SimulationOptions(Paths: Paths, Seed: 1, Threads: Threads));
}
