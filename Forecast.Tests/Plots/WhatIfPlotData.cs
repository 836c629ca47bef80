using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Scenarios;

namespace Forecast.Tests.Plots;

/// <summary>What-if results for the plot tests, on few paths: the shipped scenario and a two-driver one for the sensitivity charts.</summary>
internal static class WhatIfPlotData
{
    public static readonly Lever HightechNew = new("hightech_new", "mean");
    public static readonly Lever RdGrowth = new("rd_spending_growth", "mean");

    private static readonly Lazy<ComparisonResult> ComparisonResult = new(() => ScenarioComparison.Run(
        [PlotData.Liaocheng, ScenarioReader.Read(RepositoryFiles.Path("scenarios", "templates", "whatif-high-investment.yaml"))], new SimulationOptions(Paths: 1000)));

    private static readonly Lazy<SweepResult> TwoLevers = new(() => LeverSweep.Run(PlotData.Liaocheng,
        [LeverAxis.Even(HightechNew, 50, 110, 3), LeverAxis.Even(RdGrowth, 0.2, 0.1, 2)], new SimulationOptions(Paths: 500)));

    private static readonly Lazy<SweepResult> OneLever = new(() => LeverSweep.Run(PlotData.Liaocheng,
        [LeverAxis.Even(HightechNew, 50, 110, 4)], new SimulationOptions(Paths: 500)));

    private static readonly Lazy<GoalSeekResult> GoalResult = new(() => GoalSeek.Seek(PlotData.Liaocheng, "hightech_enterprises", 0.8, HightechNew, 31.25, 125,
        new SimulationOptions(Paths: 1000)));

    private static readonly Lazy<GoalSeekResult> RateGoalResult = new(() => GoalSeek.Seek(PlotData.Liaocheng, "rd_intensity", 0.6, RdGrowth, 0.05, 0.4,
        new SimulationOptions(Paths: 500)));

    private static readonly Lazy<Scenario> TwoDrivers = new(() => ScenarioReader.Read(Forecast.Tests.WhatIf.WhatIfScenarios.Write("small.yaml", Forecast.Tests.WhatIf.WhatIfScenarios.SmallYaml)));

    private static readonly Lazy<TornadoResult> TornadoResult = new(() => Tornado.Run(TwoDrivers.Value, new SimulationOptions(Paths: 1000)));

    private static readonly Lazy<GlobalSensitivityResult> GlobalResult = new(() =>
        GlobalSensitivity.Run(TwoDrivers.Value, new GlobalSensitivityOptions(BaseSamples: 128, BootstrapReplicates: 20, SpearmanPaths: 500)));

    /// <summary>liaocheng-2025 against whatif-high-investment, 1,000 paths.</summary>
    public static ComparisonResult Comparison => ComparisonResult.Value;

    /// <summary>hightech_new.mean 50, 70, 90, 110 by rd_spending_growth.mean 0.2, 0.15, 0.1 (descending), 500 paths a point.</summary>
    public static SweepResult Sweep2 => TwoLevers.Value;

    /// <summary>hightech_new.mean 50 to 110 in 5 values, 500 paths a point.</summary>
    public static SweepResult Sweep1 => OneLever.Value;

    /// <summary>hightech_enterprises with probability 0.8 by hightech_new.mean in [31.25, 125], 1,000 paths an evaluation.</summary>
    public static GoalSeekResult Goal => GoalResult.Value;

    /// <summary>rd_intensity with probability 0.6 by rd_spending_growth.mean (a growth rate) in [0.05, 0.4], 500 paths an evaluation.</summary>
    public static GoalSeekResult RateGoal => RateGoalResult.Value;

    /// <summary>One ratio indicator x of two uncertain growth drivers a and c.</summary>
    public static Scenario Small => TwoDrivers.Value;

    public static TornadoResult SmallTornado => TornadoResult.Value;

    public static GlobalSensitivityResult SmallSobol => GlobalResult.Value;
}
