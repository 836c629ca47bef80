using BenchmarkDotNet.Running;
using Forecast.Benchmarks;

// forecast benchmarks:
//   dotnet run -c Release --project Forecast.Benchmarks -- --filter '*'            all BenchmarkDotNet suites
//   dotnet run -c Release --project Forecast.Benchmarks -- --filter '*Generator*' --job short
//   dotnet run -c Release --project Forecast.Benchmarks -- peer [paths]           bench-gbm8 against the NumPy peer, with the ratio
//   dotnet run -c Release --project Forecast.Benchmarks -- throughput [paths] [workload]  paths per second and per CPU-second (both workloads, bench-gbm8, liaocheng-2025 or a scenario file), 1 and 2 threads
//   dotnet run -c Release --project Forecast.Benchmarks -- memory                  peak memory of 1M against 100M paths
//   dotnet run -c Release --project Forecast.Benchmarks -- precision              paths needed for a 0.005 half-width per sampling method
return args.Length > 0 && args[0] is "peer" or "throughput" or "memory" or "memory-child" or "precision"
    ? Measurements.Run(args)
    : RunSuites(args);

static int RunSuites(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Measurements).Assembly).Run(args);
    return 0;
}
