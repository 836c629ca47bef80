// The library examples of docs/library.md. This file is compiled into Forecast.Tests and run by LibraryExampleTests,
// and the page shows the code between the "example" markers verbatim (a test checks that too).
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Scenarios;

namespace Forecast.Examples;

public static class LibraryExample
{
    /// <summary>One run: the probability of 600 high-tech enterprises by 2025, with its interval and median.</summary>
    public static string Run(string scenarioPath, long paths)
    {
        // example: run
        var scenario = ScenarioReader.Read(scenarioPath);      // or build a Scenario in code
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Paths: paths, Seed: 7));
        var firms = result["hightech_enterprises"];
        string line = $"P(600 high-tech enterprises by 2025) = {firms.Probability:P1} " +
                      $"[{firms.ProbabilityCi95.Lower:P1}, {firms.ProbabilityCi95.Upper:P1}], " +
                      $"median {firms.TargetYear.P50}";
        // end example
        return line;
    }

    /// <summary>The what-if analyses from code: compare, sweep, goal seek, tornado and Sobol indices.</summary>
    public static (ComparisonResult Comparison, SweepResult Sweep, GoalSeekResult Goal, TornadoResult Tornado, GlobalSensitivityResult Global)
        WhatIfs(string baselinePath, string whatIfPath, long paths, int samples)
    {
        // example: what-if
        var baseline = ScenarioReader.Read(baselinePath);
        var whatIf = ScenarioReader.Read(whatIfPath);
        var comparison = ScenarioComparison.Run([baseline, whatIf], new SimulationOptions(Paths: paths));
        var lever = new Lever("hightech_new", "mean");
        var sweep = LeverSweep.Run(baseline, [LeverAxis.Even(lever, 50, 110, 6)], new SimulationOptions(Paths: paths));
        var goal = GoalSeek.Seek(baseline, "hightech_enterprises", 0.8, lever, 40, 140, new SimulationOptions(Paths: paths));
        var tornado = Tornado.Run(baseline, new SimulationOptions(Paths: paths));
        var global = GlobalSensitivity.Run(baseline, new GlobalSensitivityOptions(BaseSamples: samples));
        // end example
        return (comparison, sweep, goal, tornado, global);
    }
}
