using Forecast.Engine.Model;
using Forecast.Scenarios;

namespace Forecast.Benchmarks;

/// <summary>The two standard workloads, read from the shipped scenario files.</summary>
internal static class Workloads
{
    public static Scenario Gbm8 => Read("bench-gbm8.yaml");
    public static Scenario Liaocheng => Read("liaocheng-2025.yaml");

    private static Scenario Read(string name) => ScenarioReader.Read(Path.Combine(Root, "scenarios", name));

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Forecast.sln"))) return dir.FullName;
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Forecast.sln"))) return dir.FullName;
            throw new InvalidOperationException("run the benchmarks from inside the repository");
        }
    }
}
