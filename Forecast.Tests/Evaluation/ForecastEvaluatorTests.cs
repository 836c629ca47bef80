using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Results;
using Forecast.Engine.Statistics;

namespace Forecast.Tests.Evaluation;

/// <summary>The evaluator's rules on a forecast with known numbers: a uniform U(0, 100) in 2021-2025 for one indicator.</summary>
public class ForecastEvaluatorTests
{
    private static readonly ForecastDistribution Uniform100 = new(0, 100, 50, ForecastDistribution.GridProbabilities().Select(p => 100 * p).ToArray());

    private static (RunDistribution, IReadOnlyList<IndicatorOutcome>) Forecast(TargetPeriod period = TargetPeriod.TargetYear, double probability = 0.3)
    {
        var indicator = TestScenarios.Indicator("x", 40, new FlowModel("d", Count: false), 60, period: period);
        var years = Enumerable.Range(2021, 5).Select(y => new YearDistribution(y, Uniform100)).ToList();
        var distribution = new RunDistribution("test", 1000, 1, Engine.Simulation.SamplingMethod.Random, [new IndicatorDistribution("x", false, years)]);
        var stats = years.Select(y => new YearStatistics(y.Year, 50, 5, 25, 50, 75, 95, 0.4, 50)).ToList();
        return (distribution, [new IndicatorOutcome(indicator, probability, new Interval(probability - 0.01, probability + 0.01), 0, stats, GrowthAssessment.Of(indicator))]);
    }

    private static Actual A(string id, int year, double value, ActualBound bound = ActualBound.Exact, string? region = null) =>
        new(region, id, year, value, bound, null, null, null, "actuals.csv", 2);

    [Fact]
    public void ExactActual_GetsItsPitBandsAndScores()
    {
        var (d, o) = Forecast();
        var s = ForecastEvaluator.Evaluate(d, o, [A("x", 2023, 80)]).Scored.Single();
        Assert.Equal(0.8, s.Pit.Mid, 1e-12);
        Assert.True(s.Pit.IsPoint);
        Assert.Equal(BandPosition.Above, s.In50);
        Assert.Equal(BandPosition.Inside, s.In90);
        // U(0, 100): CRPS(y) = 100·((y/100)³ + (1 − y/100)³)/3 and the 90% interval score is the width 90.
        Assert.Equal(100 * (Math.Pow(0.8, 3) + Math.Pow(0.2, 3)) / 3, s.Crps, 1e-9);
        Assert.Equal(90, s.IntervalScore, 1e-9);
        Assert.Equal(s.Crps / (100.0 / 6), s.CrpsRatio, 1e-9);
    }

    [Fact]
    public void AtLeastBound_IsCensored_ItsPitAnInterval_ItsScoresLowerBounds()
    {
        var (d, o) = Forecast();
        var e = ForecastEvaluator.Evaluate(d, o, [A("x", 2023, 30, ActualBound.AtLeast), A("x", 2024, 97, ActualBound.AtLeast)]);
        var inside = e.Scored[0];
        Assert.Equal(new Pit(0.3, 1), inside.Pit);
        Assert.Equal(BandPosition.Undecided, inside.In50);
        Assert.Equal(BandPosition.Undecided, inside.In90);
        // The smallest CRPS any value ≥ 30 gets is the median's; the smallest interval score, the width.
        Assert.Equal(Uniform100.Crps(50), inside.Crps, 1e-9);
        Assert.Equal(90, inside.IntervalScore, 1e-9);
        var beyond = e.Scored[1];
        Assert.Equal(BandPosition.Above, beyond.In90);
        Assert.Equal(Uniform100.IntervalScore(97), beyond.IntervalScore, 1e-9);
        // Coverage counts exact actuals only; bounds are counted apart.
        Assert.Equal(0, e.Coverage90.Count);
        Assert.Equal(1, e.Coverage90.BoundsOutside);
        Assert.Equal(1, e.Coverage90.BoundsUndecided);
        Assert.True(double.IsNaN(e.MeanCrpsRatio));
        // Their PIT intervals are spread over the histogram: [0.3, 1] and [0.97, 1].
        Assert.Equal(2, e.PitHistogram.Sum(), 1e-9);
        Assert.Equal(0.1 / 0.7, e.PitHistogram[4], 1e-9);
        Assert.Equal(0.1 / 0.7 + 1, e.PitHistogram[9], 1e-9);
    }

    [Fact]
    public void AtMostBound_HasPitFromZero()
    {
        var (d, o) = Forecast();
        var s = ForecastEvaluator.Evaluate(d, o, [A("x", 2022, 3, ActualBound.AtMost)]).Scored.Single();
        Assert.Equal(0, s.Pit.Lower);
        Assert.Equal(0.03, s.Pit.Upper, 1e-12);
        Assert.Equal(BandPosition.Below, s.In90);
        Assert.Equal(Uniform100.Crps(3), s.Crps, 1e-9);
    }

    [Theory]
    [InlineData(70, ActualBound.Exact, TargetOutcome.Met)]
    [InlineData(59.9, ActualBound.Exact, TargetOutcome.Missed)]
    [InlineData(60, ActualBound.AtLeast, TargetOutcome.Met)]
    [InlineData(50, ActualBound.AtLeast, TargetOutcome.Undecided)]
    [InlineData(50, ActualBound.AtMost, TargetOutcome.Missed)]
    [InlineData(70, ActualBound.AtMost, TargetOutcome.Undecided)]
    public void TargetOutcome_FollowsWhatTheActualCanShow(double value, ActualBound bound, TargetOutcome expected)
    {
        var (d, o) = Forecast();
        var e = ForecastEvaluator.Evaluate(d, o, [A("x", 2025, value, bound)]);
        var t = e.Targets.Single();
        Assert.Equal(expected, t.Outcome);
        if (expected == TargetOutcome.Undecided)
        {
            Assert.True(double.IsNaN(e.Brier));
            Assert.Equal(0, e.TargetsDecided);
        }
        else
        {
            // Brier: (p − o)² with p = 0.3.
            Assert.Equal(expected == TargetOutcome.Met ? 0.49 : 0.09, e.Brier, 1e-12);
        }
    }

    [Fact]
    public void TwoSources_AreBothScoredAndFlagged_AndATargetTheyDisagreeOnIsUndecided()
    {
        var (d, o) = Forecast();
        var e = ForecastEvaluator.Evaluate(d, o, [A("x", 2025, 61), A("x", 2025, 59), A("x", 2024, 10)]);
        Assert.Equal(3, e.Scored.Count);
        Assert.True(e.Scored[0].Duplicate && e.Scored[1].Duplicate);
        Assert.False(e.Scored[2].Duplicate);
        Assert.Equal(TargetOutcome.Undecided, e.Targets.Single().Outcome);
        Assert.Contains("disagree", e.Targets.Single().Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryYearTarget_IsMissedByOneYear_AndMetOnlyWhenEveryYearIsKnown()
    {
        var (d, o) = Forecast(TargetPeriod.EveryYear);
        Assert.Equal(TargetOutcome.Missed, ForecastEvaluator.Evaluate(d, o, [A("x", 2022, 70), A("x", 2023, 20)]).Targets.Single().Outcome);
        var partly = ForecastEvaluator.Evaluate(d, o, [A("x", 2022, 70), A("x", 2023, 80)]).Targets.Single();
        Assert.Equal(TargetOutcome.Undecided, partly.Outcome);
        Assert.Contains("2021, 2024, 2025", partly.Explanation, StringComparison.Ordinal);
        var all = Enumerable.Range(2021, 5).Select(y => A("x", y, 65)).ToList();
        Assert.Equal(TargetOutcome.Met, ForecastEvaluator.Evaluate(d, o, all).Targets.Single().Outcome);
    }

    [Fact]
    public void ActualsTheForecastSaysNothingAbout_AreListedWithTheReason()
    {
        var (d, o) = Forecast();
        var e = ForecastEvaluator.Evaluate(d, o,
            [A("x", 2023, 50, region: "Dezhou"), A("x_2021_2025", 2025, 5), A("gdp", 2025, 3300), A("x", 2020, 41), A("x", 2026, 70), A("x", 2023, 50, region: "liaocheng")],
            new EvaluationOptions(Region: "Liaocheng"));
        Assert.Single(e.Scored);   // the region matches whatever its case
        Assert.Equal([NotScoredReason.OtherRegion, NotScoredReason.NotInForecast, NotScoredReason.NotInForecast, NotScoredReason.BaseYearOrEarlier, NotScoredReason.AfterForecast],
            e.NotScored.Select(n => n.Reason));
        Assert.Contains("--map x_2021_2025=x", e.NotScored[1].Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("--map", e.NotScored[2].Explanation, StringComparison.Ordinal);
        Assert.Contains("starts from 40 in 2020", e.NotScored[3].Explanation, StringComparison.Ordinal);
    }

    /// <summary>
    /// The explanations are the engine's Messages read in the UI culture (the runner sets it from --lang): in Chinese, the
    /// same reasons with the same ids, years and values; the English of the tests above is the neutral culture's.
    /// </summary>
    [Fact]
    public void Explanations_InTheChineseUiCulture_AreChinese_WithTheSameIdsYearsAndValues()
    {
        var (d, o) = Forecast();
        var actuals = new[] { A("x", 2023, 50, region: "Dezhou"), A("x_2021_2025", 2025, 5), A("x", 2020, 41), A("x", 2019, 41), A("x", 2026, 70), A("x", 2025, 61), A("x", 2025, 59) };
        var options = new EvaluationOptions(Region: "Liaocheng");
        var english = ForecastEvaluator.Evaluate(d, o, actuals, options);
        var every = ForecastEvaluator.Evaluate(Forecast(TargetPeriod.EveryYear).Item1, Forecast(TargetPeriod.EveryYear).Item2, [A("x", 2022, 70), A("x", 2023, 80)]);
        var ui = System.Globalization.CultureInfo.CurrentUICulture;
        ForecastEvaluation chinese, everyChinese;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
            chinese = ForecastEvaluator.Evaluate(d, o, actuals, options);
            everyChinese = ForecastEvaluator.Evaluate(Forecast(TargetPeriod.EveryYear).Item1, Forecast(TargetPeriod.EveryYear).Item2, [A("x", 2022, 70), A("x", 2023, 80)]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = ui;
        }

        Assert.Equal(
            ["属于Dezhou，不是Liaocheng", "本次预测无此指标（相近代码：x；如含义相同，可用 --map x_2021_2025=x 计分）", "基期：预测从2020年的40起步", "早于基期2020年", "晚于最后模拟年份2025年"],
            chinese.NotScored.Select(n => n.Explanation));
        Assert.Equal(["about Dezhou, not Liaocheng", "not in this forecast (a similar id: x; map it with --map x_2021_2025=x if it means the same)",
            "the base year: the forecast starts from 40 in 2020", "before the base year 2020", "after the last simulated year 2025"], english.NotScored.Select(n => n.Explanation));
        Assert.Equal("2025年：各来源不一致（61、59）", chinese.Targets.Single().Explanation);
        Assert.Equal("2025: the sources disagree (61, 59)", english.Targets.Single().Explanation);
        Assert.Equal("2021、2024、2025年缺少可判定的实际值", everyChinese.Targets.Single().Explanation);
        Assert.Equal("no deciding actual for 2021, 2024, 2025", every.Targets.Single().Explanation);
    }

    [Fact]
    public void Mapping_ScoresAnActualUnderAnotherId_AndSaysSo()
    {
        var (d, o) = Forecast();
        var e = ForecastEvaluator.Evaluate(d, o, [A("x_2021_2025", 2025, 65)],
            new EvaluationOptions(Mappings: new Dictionary<string, string> { ["x_2021_2025"] = "x" }));
        var s = e.Scored.Single();
        Assert.True(s.Mapped);
        Assert.Equal("x", s.IndicatorId);
        Assert.Equal(TargetOutcome.Met, e.Targets.Single().Outcome);
    }
}
