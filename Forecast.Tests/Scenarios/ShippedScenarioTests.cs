using Forecast.Engine.Consistency;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Scenarios;

namespace Forecast.Tests.Scenarios;

/// <summary>The shipped Liaocheng scenario covers the plan (shared/plan/TARGETS.md) and says where every number comes from.</summary>
public class ShippedScenarioTests
{
    private static readonly Scenario Liaocheng = ScenarioReader.Read(RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml"));

    [Fact]
    public void HeadlineIndicators_AreThePlansEight_WithTheirBasesAndTargets()
    {
        // Plan table L179-L191: (id, base year, base, target).
        var expected = new (string Id, int Year, double Base, double Target)[]
        {
            ("rd_intensity", 2019, 1.87, 3), ("industrial_rd_ratio", 2019, 1.20, 2), ("rd_personnel_density", 2020, 39.6, 50),
            ("patent_density", 2020, 3.91, 6), ("hightech_output_share", 2020, 42.03, 50), ("hightech_enterprises", 2020, 268, 600),
            ("tech_smes", 2020, 303, 800), ("science_literacy", 2020, 10.1, 15),
        };
        var headline = Liaocheng.Indicators.Where(i => i.Headline).ToList();
        Assert.Equal(expected.Select(e => e.Id), headline.Select(i => i.Id));
        foreach (var (id, year, baseValue, target) in expected)
        {
            var i = Liaocheng.Indicator(id);
            Assert.Equal(year, i.BaseYear);
            Assert.Equal(baseValue, i.BaseValue);
            Assert.Equal(target, i.Target.Value);
            Assert.Equal(2025, i.Target.Year);
            Assert.Equal(Direction.AtLeast, i.Target.Direction);
        }
    }

    [Fact]
    public void EveryOtherQuantifiedTargetOfThePlan_HasAnIndicator()
    {
        // TARGETS.md, "Other quantified targets in the text": seventeen targets.
        string[] others =
        [
            "new_hightech_enterprises", "new_tech_smes", "hightech_cultivation_pool", "major_projects_per_year", "project_pool",
            "core_tech_breakthroughs", "new_innovation_platforms", "results_transferred", "innovative_counties", "new_rd_institutions",
            "innovation_centres", "leading_talents", "postdoc_workstations", "phds", "technicians_per_year", "skilled_workers_per_year",
            "hightech_listed",
        ];
        Assert.Equal(17, others.Length);
        foreach (var id in others) Assert.Contains(Liaocheng.Indicators, i => i.Id == id && !i.Headline);
        Assert.Equal(300, Liaocheng.Indicator("new_hightech_enterprises").Target.Value);
        Assert.Equal(500, Liaocheng.Indicator("new_tech_smes").Target.Value);
        Assert.Equal(TargetPeriod.EveryYear, Liaocheng.Indicator("technicians_per_year").Target.Period);
    }

    [Fact]
    public void EveryNumber_SaysWhereItComesFrom()
    {
        foreach (var d in Liaocheng.Drivers) Assert.False(string.IsNullOrWhiteSpace(d.Note), $"driver {d.Id} has no note");
        foreach (var i in Liaocheng.Indicators)
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Target.Source), $"indicator {i.Id} target has no source");
            Assert.All(i.HistoryPoints, h => Assert.False(string.IsNullOrWhiteSpace(h.Source)));
        }
    }

    [Fact]
    public void PlansOwnTension_IsReported_268Plus300IsShortOf600()
    {
        var findings = TargetConsistency.Check(Liaocheng);
        var hightech = Assert.Single(findings, f => f.IndicatorIds.Contains("hightech_enterprises"));
        Assert.Equal(FindingSeverity.Inconsistent, hightech.Severity);
        Assert.Contains("568", hightech.Message, StringComparison.Ordinal);
        var smes = Assert.Single(findings, f => f.IndicatorIds.Contains("tech_smes"));
        Assert.Equal(FindingSeverity.Tight, smes.Severity);
    }

    [Fact]
    public void Baseline_RunsAndGivesEveryTargetAProbabilityWithItsInterval()
    {
        var result = MonteCarlo.Run(Liaocheng, new SimulationOptions(Paths: 20_000));
        Assert.Equal(Liaocheng.Indicators.Count, result.Indicators.Count);
        foreach (var o in result.Indicators)
        {
            Assert.InRange(o.Probability, 0, 1);
            Assert.True(o.ProbabilityCi95.Contains(o.Probability));
            Assert.Equal(2025, o.Years[^1].Year);
        }
        Assert.Equal(1.0, result.HeadlineMetDistribution.Sum(), 9);
    }

    /// <summary>
    /// The 15th-plan scenario: a 2026-2030 horizon from bases of 2019-2025, every target set by <c>forecast targets</c> at 80%,
    /// so on other paths (another seed) each headline target is met with probability 0.8 within its Monte Carlo error
    /// (the targets' own 95% interval at 100,000 paths and this run's sampling error: 4.5 SE for eleven at once).
    /// </summary>
    [Fact]
    public void Scenario2030_EveryProposedTargetIsReachedWithAbout80Percent()
    {
        var scenario = ScenarioReader.Read(RepositoryFiles.Path("scenarios", "liaocheng-2030.yaml"));
        Assert.Equal(2030, scenario.LastYear);
        Assert.All(scenario.Indicators, i => Assert.StartsWith("forecast targets", i.Target.Source, StringComparison.Ordinal));
        const int paths = 20_000;
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Paths: paths, Seed: 99));
        double se = Math.Sqrt(0.8 * 0.2 / paths) + Math.Sqrt(0.8 * 0.2 / 100_000);
        foreach (var o in result.Indicators)
        {
            Assert.Equal(2030, o.Years[^1].Year);
            Assert.True(Math.Abs(o.Probability - 0.8) <= 4.5 * se, $"{o.Indicator.Id}: {o.Probability}");
            Assert.All(o.Years, y => Assert.True(double.IsFinite(y.P50)));
        }
    }
}
