using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.Targets;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Evaluation;

/// <summary>
/// Evaluation on synthetic truth: when the actuals are drawn from the very model the forecast simulates (independent paths,
/// another seed), the PIT values are uniform, the bands hold their nominal share and the CRPS averages what the forecast
/// expects of itself. The forecast is a 100,000-path run; its own Monte Carlo error (about 1/√100,000 = 0.3% in any
/// probability) is far below what 2,000 actuals can detect.
/// </summary>
public class SyntheticTruthTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Actuals = 2000;

    /// <summary>
    /// Four indicators in 2025 from a 2020 base: a normal with an uncertain mean, N(100, 10² + 15²); a compound growth with an
    /// uncertain rate (a mixture of lognormals); a stock of firms (a count in the hundreds); and a yearly Poisson(3) count,
    /// whose atoms are large.
    /// </summary>
    internal static Scenario Model() => TestScenarios.Of(
        [TestScenarios.Driver("v", new NormalDistribution(100, 10), YearlyVariation.Normal(15)),
         TestScenarios.Driver("g", new NormalDistribution(0.08, 0.03), YearlyVariation.Growth(0.06)),
         TestScenarios.Driver("entries", new FixedDistribution(40), YearlyVariation.Poisson),
         TestScenarios.Driver("exits", new FixedDistribution(0.05), YearlyVariation.None),
         TestScenarios.Driver("c", new FixedDistribution(3), YearlyVariation.Poisson)],
        [TestScenarios.Indicator("normal", 0, new FlowModel("v", Count: false), 100),
         TestScenarios.Indicator("growth", 50, new CompoundGrowthModel("g"), 75),
         TestScenarios.Indicator("stock", 300, new StockFlowModel("entries", "exits"), 400),
         TestScenarios.Indicator("poisson", 0, new FlowModel("c"), 3)]);

    /// <summary>Each indicator's 2025 value on <paramref name="paths"/> paths of seed <paramref name="seed"/>: independent draws from the model.</summary>
    internal static double[][] Draws(Scenario scenario, long paths, ulong seed)
    {
        var plan = SimulationPlan.Compile(scenario);
        var store = new DecisiveValues(plan, Enumerable.Range(0, plan.Indicators.Length).ToArray(), paths);
        var observer = new DecisiveValues.Observer(store);
        BlockRunner.Run([plan], new RunSpec(paths, seed, SamplingMethod.Random, 0, null), observer, () => observer, CancellationToken.None);
        return [.. scenario.Indicators.Select(i => store.Values(plan.PositionsOf([i.Id])[0]))];
    }

    private static (ForecastRun Forecast, ForecastEvaluation Evaluation, List<Actual> Actuals) Evaluate()
    {
        var scenario = Model();
        var forecast = ForecastRun.Run(scenario, new SimulationOptions(Paths: 100_000, Seed: 11));
        var draws = Draws(scenario, Actuals, seed: 12);
        var actuals = new List<Actual>();
        for (int k = 0; k < scenario.Indicators.Count; k++)
            foreach (double y in draws[k])
                actuals.Add(new Actual(null, scenario.Indicators[k].Id, 2025, y, ActualBound.Exact, null, null, null, "synthetic", 0));
        return (forecast, ForecastEvaluator.Evaluate(forecast.Distribution, forecast.Result.Indicators, actuals), actuals);
    }

    private static readonly Lazy<(ForecastRun Forecast, ForecastEvaluation Evaluation, List<Actual> Actuals)> Shared = new(Evaluate);

    [Theory]
    [InlineData("normal")]
    [InlineData("growth")]
    [InlineData("stock")]
    [InlineData("poisson")]
    public void RandomisedPit_IsUniform_KolmogorovSmirnovAtOnePercent(string id)
    {
        var scored = Shared.Value.Evaluation.Scored.Where(s => s.IndicatorId == id).ToList();
        Assert.Equal(Actuals, scored.Count);
        // The randomised PIT (a uniform draw inside each PIT interval) is exactly uniform for a calibrated forecast, atoms or not.
        var random = new Random(7);
        var pits = scored.Select(s => s.Pit.Randomised(random.NextDouble())).ToList();
        var (d, p) = KolmogorovSmirnov.Uniform(pits);
        output.WriteLine($"{id}: D = {d:F4}, p = {p:F3}; 50% band {scored.Count(s => s.In50 == BandPosition.Inside) / (double)scored.Count:P1}, 90% band {scored.Count(s => s.In90 == BandPosition.Inside) / (double)scored.Count:P1}, mean CRPS ratio {scored.Average(s => s.CrpsRatio):F3}");
        Assert.True(p > 0.01, $"{id}: D = {d:F4}, p = {p:F4} over {pits.Count} actuals");
    }

    [Fact]
    public void MidPit_IsNotUniform_ForALargeAtomCount_WhichIsWhyTheTestRandomises()
    {
        // Poisson(3): the mid-PIT takes only a dozen values, at the atoms' centres.
        var pits = Shared.Value.Evaluation.Scored.Where(s => s.IndicatorId == "poisson").Select(s => s.Pit.Mid).ToList();
        Assert.True(KolmogorovSmirnov.Uniform(pits).PValue < 1e-6);
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("growth")]
    public void BandCoverage_IsNominal_ForContinuousForecasts(string id)
    {
        var scored = Shared.Value.Evaluation.Scored.Where(s => s.IndicatorId == id).ToList();
        foreach (var (nominal, inside) in new[] { (0.5, scored.Count(s => s.In50 == BandPosition.Inside)), (0.9, scored.Count(s => s.In90 == BandPosition.Inside)) })
        {
            // Binomial(2000, nominal): 4 standard errors.
            double share = (double)inside / scored.Count, se = Math.Sqrt(nominal * (1 - nominal) / scored.Count);
            Assert.InRange(share, nominal - 4 * se, nominal + 4 * se);
        }
    }

    [Fact]
    public void BandCoverage_OverAllActuals_IsAtLeastNominal_CountsIncluded()
    {
        // A count's band includes its end atoms whole, so it holds a little more than nominal; never less.
        var e = Shared.Value.Evaluation;
        foreach (var c in new[] { e.Coverage50, e.Coverage90 })
        {
            double se = Math.Sqrt(c.Nominal * (1 - c.Nominal) / c.Count);
            Assert.Equal(4 * Actuals, c.Count);
            Assert.True(c.Share > c.Nominal - 4 * se, $"{c.Nominal}: {c.Share}");
        }
    }

    [Fact]
    public void MeanCrpsRatio_IsOne_ForACalibratedForecast()
    {
        // E[CRPS(F, Y)] = ½E|X − X'| when Y ~ F, so the ratio averages 1; tolerance: 4 standard errors of the mean ratio.
        foreach (var g in Shared.Value.Evaluation.Scored.GroupBy(s => s.IndicatorId))
        {
            var ratios = g.Select(s => s.CrpsRatio).ToList();
            double mean = ratios.Average(), se = Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / (ratios.Count - 1) / ratios.Count);
            Assert.True(Math.Abs(mean - 1) <= 4 * se, $"{g.Key}: mean CRPS ratio {mean:F4}, standard error {se:F4}");
        }
    }

    [Fact]
    public void PitHistogram_IsFlat_AndItsWeightsAddUpToTheActuals()
    {
        var histogram = Shared.Value.Evaluation.PitHistogram;
        Assert.Equal(4.0 * Actuals, histogram.Sum(), 1e-6);
        // Each bin holds about a tenth: 4 binomial standard errors of 8,000 spread actuals (spreading only narrows the spread).
        double expected = 4.0 * Actuals / ForecastEvaluator.PitBins, se = Math.Sqrt(4.0 * Actuals * 0.1 * 0.9);
        foreach (double bin in histogram) Assert.InRange(bin, expected - 4 * se, expected + 4 * se);
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(130.0)]
    [InlineData(55.0)]
    public void Crps_OfTheSimulatedNormal_MatchesTheClosedForm_WithinItsMonteCarloError(double y)
    {
        // "normal" is N(100, 10² + 15²) exactly. Twenty independent runs of 10,000 paths (sectioning): the closed form must
        // lie within 4 standard errors of their mean CRPS (the standard error from the runs' own spread).
        double sigma = Math.Sqrt(10 * 10 + 15 * 15);
        var scenario = Model();
        var crps = Enumerable.Range(1, 20).Select(seed =>
            ForecastRun.Run(scenario, new SimulationOptions(Paths: 10_000, Seed: (ulong)seed)).Distribution.Indicator("normal")!.Year(2025)!.Crps(y)).ToList();
        double mean = crps.Average(), se = Math.Sqrt(crps.Sum(c => (c - mean) * (c - mean)) / 19 / 20);
        double exact = ForecastDistributionTests.NormalCrps(100, sigma, y);
        output.WriteLine($"y = {y}: mean CRPS {mean:F4} ± {se:F4} (standard error), closed form {exact:F4}");
        Assert.True(Math.Abs(mean - exact) <= 4 * se + 2e-3 * sigma, $"mean {mean:F5}, closed form {exact:F5}, standard error {se:F5}");
    }

    [Fact]
    public void StoredQuantiles_OfTheSimulatedNormal_MatchItsQuantileFunction()
    {
        // The median and the 5% and 95% quantiles of N(100, 325) from 100,000 paths: the order statistics' standard error is
        // √(p(1 − p)/n)/φ(z_p)·σ (at most 0.0068σ here); 4 of them.
        var f = Shared.Value.Forecast.Distribution.Indicator("normal")!.Year(2025)!;
        double sigma = Math.Sqrt(325);
        foreach (double p in new[] { 0.05, 0.5, 0.95 })
        {
            double z = Normal.InvCDF(0, 1, p), se = Math.Sqrt(p * (1 - p) / 100_000) / Normal.PDF(0, 1, z) * sigma;
            Assert.Equal(100 + z * sigma, f.Quantile(p), 4 * se);
        }
    }
}
