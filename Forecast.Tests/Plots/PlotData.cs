using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;
using Forecast.Runner.Plots;
using Forecast.Scenarios;

namespace Forecast.Tests.Plots;

/// <summary>Simulation results for plot tests: the shipped scenario at 5,000 paths, and a small scenario with one indicator of each shape.</summary>
internal static class PlotData
{
    private static readonly Lazy<Scenario> LiaochengScenario = new(() => ScenarioReader.Read(RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml")));
    private static readonly Lazy<Forecast.Engine.Evaluation.ForecastRun> LiaochengForecast = new(() =>
        Forecast.Engine.Evaluation.ForecastRun.Run(LiaochengScenario.Value, new SimulationOptions(Paths: 5000)));
    private static readonly Lazy<SimulationResult> SmallResult = new(() => MonteCarlo.Run(SmallScenario(), new SimulationOptions(Paths: 5000)));

    public static Scenario Liaocheng => LiaochengScenario.Value;

    /// <summary>scenarios/liaocheng-2025.yaml, 5,000 paths, its own seed.</summary>
    public static SimulationResult LiaochengRun => LiaochengForecast.Value.Result;

    /// <summary>The distributions of the same run (what distribution.json holds).</summary>
    public static Forecast.Engine.Evaluation.RunDistribution LiaochengDistribution => LiaochengForecast.Value.Distribution;

    /// <summary>
    /// Four indicators: "stock" compounds 8% a year from 100 (base 2020, history 2015 and a 2016-2020 total, headline, target 150 in 2025);
    /// "counted" accumulates Poisson(10) a year from 0 (target 45); "flow" is Poisson(50) each year (target ≥ 45 every year);
    /// "share" is an at-most target on a bounded share (≤ 30 in 2025 from 40).
    /// </summary>
    public static SimulationResult Small => SmallResult.Value;

    public static PlotLanguage English { get; } = PlotLanguage.English();

    public static Scenario SmallScenario()
    {
        var drivers = new[]
        {
            TestScenarios.Driver("g", new NormalDistribution(0.08, 0.02), YearlyVariation.Growth(0.05)),
            TestScenarios.Driver("n", new FixedDistribution(10), YearlyVariation.Poisson),
            TestScenarios.Driver("f", new FixedDistribution(50), YearlyVariation.Poisson),
            TestScenarios.Driver("s", new NormalDistribution(-0.1, 0.05), YearlyVariation.Normal(0.05)),
        };
        var stock = TestScenarios.Indicator("stock", 100, new CompoundGrowthModel("g"), 150) with
        {
            History = [new HistoryPoint(2015, 60), new HistoryPoint(2020, 400, Years: 5)],
        };
        var indicators = new[]
        {
            stock,
            TestScenarios.Indicator("counted", 0, new CumulativeModel("n"), 45, headline: false),
            TestScenarios.Indicator("flow", 0, new FlowModel("f"), 45, headline: false, period: TargetPeriod.EveryYear),
            TestScenarios.Indicator("share", 40, new BoundedShareModel("s"), 30, headline: true, bounds: Bounds.Percent, direction: Direction.AtMost),
        };
        return TestScenarios.Of(drivers, indicators, paths: 5000, seed: 7);
    }
}
