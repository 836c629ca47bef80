using Forecast.Runner.Workbench;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Forecast.Tests.Runner.Workbench;

/// <summary>
/// The workbench in memory (WebApplicationFactory with the test server), serving the shipped baseline and the
/// high-investment what-if on few paths.
/// </summary>
public sealed class WorkbenchFactory : WebApplicationFactory<WorkbenchSettings>
{
    /// <summary>Paths of every simulation in the tests: enough for paired intervals (ScenarioComparison needs 40).</summary>
    public const long Paths = 2048;

    public static readonly string Baseline = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
    public static readonly string HighInvestment = RepositoryFiles.Path("scenarios", "whatif-high-investment.yaml");

    private static readonly Lazy<WorkbenchScenarios> Shared = new(() => new WorkbenchScenarios([Baseline, HighInvestment], Paths));

    public WorkbenchFactory() : this(null, 2, TimeSpan.FromSeconds(30))
    {
    }

    internal WorkbenchFactory(string? token, int slots, TimeSpan wait)
    {
        Settings = new WorkbenchSettings(["http://127.0.0.1:0"], Paths, slots, wait, token);
    }

    internal WorkbenchSettings Settings { get; }

    internal static WorkbenchScenarios Scenarios => Shared.Value;

    protected override IHostBuilder CreateHostBuilder() => WorkbenchHost.CreateBuilder(Settings, Scenarios);
}
