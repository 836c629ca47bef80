using BenchmarkDotNet.Running;
using Forecast.Benchmarks;

// forecast benchmarks:
//   dotnet run -c Release --project Forecast.Benchmarks -- --filter '*'            all BenchmarkDotNet suites
//   dotnet run -c Release --project Forecast.Benchmarks -- --filter '*Generator*' --job short
//   dotnet run -c Release --project Forecast.Benchmarks -- peer [paths]           bench-gbm8 against the NumPy peer, with the ratio
//   dotnet run -c Release --project Forecast.Benchmarks -- throughput [paths] [workload]  paths per second and per CPU-second (both workloads, bench-gbm8, liaocheng-2025 or a scenario file), 1 and 2 threads
//   dotnet run -c Release --project Forecast.Benchmarks -- memory                  peak memory of 1M against 100M paths
//   dotnet run -c Release --project Forecast.Benchmarks -- precision              paths needed for a 0.005 half-width per sampling method
//   dotnet run -c Release --project Forecast.Benchmarks -- startup <forecast> [rounds]  whole processes: --help, 1,000 Liaocheng paths, 10^7 bench-gbm8 paths vs NumPy
//   dotnet run -c Release --project Forecast.Benchmarks -- workbench-latency [paths] [changes]   lever change to numbers shown, measured in chromium
//   dotnet run -c Release --project Forecast.Benchmarks -- workbench-cpu [paths] [changes]       the server's CPU time per lever change (no browser)
//   dotnet run -c Release --project Forecast.Benchmarks -- workbench-load [clients] [seconds]    concurrent clients moving levers against 127.0.0.1
//   dotnet run -c Release --project Forecast.Benchmarks -- workbench-screens                    docs/images/workbench.png and workbench-zh.png
return args.Length > 0 && args[0] == "startup"
    ? Startup.Run(args)
    : args.Length > 0 && args[0] is "workbench-latency" or "workbench-load" or "workbench-screens" or "workbench-cpu"
    ? await WorkbenchMeasurements.Run(args)
    : args.Length > 0 && args[0] is "peer" or "throughput" or "memory" or "memory-child" or "precision"
    ? Measurements.Run(args)
    : RunSuites(args);

static int RunSuites(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Measurements).Assembly).Run(args);
    return 0;
}
