using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Scenarios;

namespace Forecast.Tests.WhatIf;

public class LeverSweepTests
{
    private static readonly Scenario Enterprises =
        ScenarioPruning.Keep(ScenarioReader.Read(WhatIfScenarios.Baseline), ["hightech_enterprises", "new_hightech_enterprises"]);

    [Fact]
    public void Probability_IsNonDecreasingInHighTechNewMode_AtEveryGridPoint()
    {
        // Under common random numbers each path's level F⁻¹(u) rises with the PERT mode, its yearly negative binomial
        // counts rise with the level, and the stock rises with its entries; so the count of paths meeting the target can
        // only grow from one grid point to the next, not just on average.
        var axis = LeverAxis.Even(new Lever("hightech_new", "mode"), 45, 90, 15);
        var sweep = LeverSweep.Run(Enterprises, [axis], new SimulationOptions(Paths: 4096, Seed: 12));
        foreach (var id in new[] { "hightech_enterprises", "new_hightech_enterprises" })
        {
            int m = sweep.IndicatorIds.ToList().IndexOf(id);
            var hits = sweep.Points.Select(p => p.Targets[m].Successes).ToArray();
            for (int g = 1; g < hits.Length; g++) Assert.True(hits[g] >= hits[g - 1], $"{id}: {hits[g - 1]} paths at mode {axis.Values[g - 1]}, {hits[g]} at {axis.Values[g]}");
            Assert.True(hits[^1] > hits[0], $"{id}: the mode moved nothing");
        }
        var all = sweep.Points.Select(p => p.AllTargets.Successes).ToArray();
        for (int g = 1; g < all.Length; g++) Assert.True(all[g] >= all[g - 1]);
    }

    [Fact]
    public void HigherMode_NeverLosesAPath_ComparedOnTheSamePaths()
    {
        var lever = new Lever("hightech_new", "mode");
        var result = ScenarioComparison.Run([lever.Apply(Enterprises, 60) with { Name = "60" }, lever.Apply(Enterprises, 70) with { Name = "70" }],
            new SimulationOptions(Paths: 4096, Seed: 2));
        Assert.Equal(0, result["hightech_enterprises"].Differences[0].Lost);
        Assert.True(result["hightech_enterprises"].Differences[0].Gained > 0);
    }

    [Fact]
    public void TwoLevers_GiveEveryCombination_TheLastVaryingFastest()
    {
        var sweep = LeverSweep.Run(Enterprises,
            [LeverAxis.Even(new Lever("hightech_new", "mean"), 60, 100, 2), LeverAxis.Even(new Lever("hightech_exit_rate", "mode"), 0.03, 0.07, 1)],
            new SimulationOptions(Paths: 1024, Seed: 1));
        Assert.Equal([[60, 0.03], [60, 0.07], [80, 0.03], [80, 0.07], [100, 0.03], [100, 0.07]],
            sweep.Points.Select(p => p.LeverValues.ToArray()).ToArray());
        int m = sweep.IndicatorIds.ToList().IndexOf("hightech_enterprises");
        // More certifications help and more lapses hurt, path by path.
        Assert.True(sweep.Points[4].Targets[m].Successes >= sweep.Points[5].Targets[m].Successes);
        Assert.True(sweep.Points[4].Targets[m].Successes >= sweep.Points[0].Targets[m].Successes);
    }

    [Fact]
    public void SweepPoint_AtTheCurrentValue_EqualsAPlainRun()
    {
        var lever = new Lever("hightech_new", "mean");
        var options = new SimulationOptions(Paths: 3000, Seed: 6);
        var sweep = LeverSweep.Run(Enterprises, [new LeverAxis(lever, [lever.CurrentValue(Enterprises)])], options);
        var run = MonteCarlo.Run(Enterprises, options);
        for (int m = 0; m < sweep.IndicatorIds.Count; m++)
            Assert.Equal(run[sweep.IndicatorIds[m]].Probability, sweep.Points[0].Targets[m].Value);
        Assert.Equal(run.AllTargetsProbability, sweep.Points[0].AllTargets.Value);
    }
}
