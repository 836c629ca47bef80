using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Scenarios;

namespace Forecast.Tests.WhatIf;

/// <summary>
/// The cached reference of the workbench's lever changes: simulating only the changed targets and pairing them with the
/// reference's recorded paths gives exactly what comparing the two whole scenarios gives (ScenarioComparison.Run, the
/// command line's compare): probabilities, paired differences, medians and their intervals, and the joint rows.
/// </summary>
public class ComparisonReferenceTests
{
    private static readonly Lazy<Scenario> Liaocheng = new(() => ScenarioReader.Read(RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml")));

    /// <summary>The targets whose indicator reads one of the drivers, directly or through the indicators it reads (what the workbench simulates).</summary>
    private static List<string> Reading(Scenario scenario, params string[] drivers)
    {
        bool Reads(Indicator i) => i.Model.DriverIds.Any(drivers.Contains)
            || (i.Model is MixtureModel m && drivers.Contains(m.StructureDriverId(i.Id)))
            || i.Model.IndicatorIds.Any(id => Reads(scenario.Indicator(id)));
        return scenario.Indicators.Where(Reads).Select(i => i.Id).ToList();
    }

    private static void AssertSame(ComparisonResult full, ComparisonResult cached, List<string> changed, Scenario scenario)
    {
        Assert.Equal(changed.Count, cached.Targets.Count);
        foreach (var row in cached.Targets)
        {
            var expected = full[row.Id];
            Assert.Equal(expected.Outcomes.Select(o => (o.Probability, o.Median)), row.Outcomes.Select(o => (o.Probability, o.Median)));
            Assert.Equal(expected.Differences, row.Differences);
        }
        // A target left out moves on no path: the full comparison gains and loses none.
        foreach (var id in scenario.Indicators.Select(i => i.Id).Except(changed))
            Assert.True(full[id].Differences[0] is { Gained: 0, Lost: 0 }, id);
        Assert.Equal(full.AllHeadlineTargets.Outcomes.Select(o => o.Probability), cached.AllHeadlineTargets.Outcomes.Select(o => o.Probability));
        Assert.Equal(full.AllHeadlineTargets.Differences, cached.AllHeadlineTargets.Differences);
        Assert.Equal(full.AllTargets.Outcomes.Select(o => o.Probability), cached.AllTargets.Outcomes.Select(o => o.Probability));
        Assert.Equal(full.AllTargets.Differences, cached.AllTargets.Differences);
    }

    [Theory]
    [InlineData(SamplingMethod.Random, 5000)]
    [InlineData(SamplingMethod.Antithetic, 5000)]
    [InlineData(SamplingMethod.Random, 17_000)]
    public void LeverChange_EqualsTheWholeComparison_OnTheSamePaths(SamplingMethod sampling, long paths)
    {
        // 5,000 paths: five blocks, the last one short, on two threads; 17,000: two shards of the comparison, merged in order.
        var scenario = Liaocheng.Value;
        var options = new SimulationOptions(Paths: paths, Threads: 2, Sampling: sampling);
        var variant = new Lever("hightech_exit_rate", "mode").Apply(scenario, 0.03);
        var changed = Reading(scenario, "hightech_exit_rate");
        Assert.Contains("hightech_enterprises", changed);

        var cached = ComparisonReference.Simulate(scenario, options).Compare(variant, changed);
        var full = ScenarioComparison.Run([scenario, variant], options);
        AssertSame(full, cached, changed, scenario);
        Assert.True(cached["hightech_enterprises"].Differences[0].Gained > 0);
    }

    [Fact]
    public void JointRow_EqualsTheWholeComparison_WhenItMovesOnManyPaths()
    {
        // Every headline target halfway down to its base value: most paths now meet them all, so the joint row's count of
        // headline targets met per path (the reference's, less its changed targets, plus the variant's) is exercised.
        var scenario = Liaocheng.Value;
        var options = new SimulationOptions(Paths: 3000, Threads: 2);
        var variant = scenario with
        {
            Indicators = scenario.Indicators.Select(i => i.Headline ? i with { Target = i.Target with { Value = (i.Target.Value + i.BaseValue) / 2 } } : i).ToArray(),
        };
        var changed = scenario.Indicators.Where(i => i.Headline).Select(i => i.Id).ToList();
        var cached = ComparisonReference.Simulate(scenario, options).Compare(variant, changed);
        AssertSame(ScenarioComparison.Run([scenario, variant], options), cached, changed, scenario);
        Assert.True(cached.AllHeadlineTargets.Differences[0].Gained > 100, $"gained {cached.AllHeadlineTargets.Differences[0].Gained}");
    }

    [Fact]
    public void StructureWeights_EqualTheWholeComparison_ForEveryMixtureOfTheDraw()
    {
        // Steady entries only, for the high-tech stock and its count of new entries alike (they share one structure draw).
        var scenario = Liaocheng.Value;
        var options = new SimulationOptions(Paths: 3000, Threads: 2);
        var variant = scenario with
        {
            Indicators = scenario.Indicators.Select(i => i.Model is MixtureModel { Structure: "hightech_enterprises" } m
                ? i with { Model = m with { Components = m.Components.Select((c, j) => c with { Weight = j == 0 ? 0.9 : 0.1 }).ToArray() } }
                : i).ToArray(),
        };
        var changed = Reading(scenario, "structure:hightech_enterprises");
        Assert.Equal(["hightech_enterprises", "new_hightech_enterprises"], changed.Intersect(["hightech_enterprises", "new_hightech_enterprises"]));

        var cached = ComparisonReference.Simulate(scenario, options).Compare(variant, changed);
        AssertSame(ScenarioComparison.Run([scenario, variant], options), cached, changed, scenario);
        Assert.True(cached["new_hightech_enterprises"].Differences[0] is { } d && d.Gained + d.Lost > 0, "weights move paths between structures");
    }

    [Fact]
    public void NothingChanged_IsTheReferenceAgainstItself()
    {
        var scenario = Liaocheng.Value;
        var reference = ComparisonReference.Simulate(scenario, new SimulationOptions(Paths: 2048));
        var result = reference.Compare(scenario, []);
        Assert.Empty(result.Targets);
        var run = MonteCarlo.Run(scenario, new SimulationOptions(Paths: 2048));
        Assert.Equal(run.AllHeadlineProbability, result.AllHeadlineTargets.Outcomes[1].Probability.Value);
        Assert.True(result.AllHeadlineTargets.Differences[0] is { Gained: 0, Lost: 0 });
    }

    [Fact]
    public void AVariantWithOtherIndicators_IsRefused()
    {
        var scenario = Liaocheng.Value;
        var reference = ComparisonReference.Simulate(scenario, new SimulationOptions(Paths: 2048));
        var fewer = scenario with { Indicators = scenario.Indicators.Skip(1).ToArray() };
        Assert.Throws<ArgumentException>(() => reference.Compare(fewer, []));
        Assert.Throws<ArgumentException>(() => reference.Compare(scenario, ["no_such_indicator"]));
    }
}
