using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;
using Xunit.Abstractions;

namespace Forecast.Tests.Calibration;

/// <summary>
/// ScenarioCalibrator on simulated truth: histories drawn from known parameters with the engine's generator;
/// the calibrated driver level's 95% interval (the level distribution's 2.5% and 97.5% quantiles) must cover
/// the truth at the nominal rate (CoverageCheck: within 4 binomial standard errors of 95%).
/// </summary>
public class ScenarioCalibratorTests(ITestOutputHelper output)
{
    private const int Replications = 200;

    /// <summary>The test histories are Liaocheng's: its series are the scenario's own.</summary>
    // These tests pin the single-structure estimators: the drivers of the scenario's own model kind (no mixtures).
    private static readonly ScenarioCalibrationOptions Own = new() { Region = "Liaocheng", Mixtures = false };
    private static readonly int[] Years = Enumerable.Range(1996, 25).ToArray();

    internal static Scenario OneIndicator(Driver driver, Indicator indicator, params Driver[] more) =>
        new("test", LocalizedText.Both("test"), [driver, .. more], [], [indicator], new RunDefaults(1000, 7));

    private static Driver Growth(string id, double sd = 0.05) =>
        new(id, LocalizedText.Both(id), new NormalDistribution(0.1, 0.05), YearlyVariation.Growth(sd));

    internal static (int Year, double Value)[] RandomWalk(ref Xoshiro256StarStar rng, int[] years, double x0, double drift, double sigma)
    {
        var z = new double[years.Length];
        rng.FillStandardNormal(z);
        var points = new (int, double)[years.Length];
        double log = Math.Log(x0);
        for (int i = 0; i < years.Length; i++)
        {
            if (i > 0) log += drift + sigma * z[i];
            points[i] = (years[i], Math.Exp(log));
        }
        return points;
    }

    private static HistoricalPanel Panel(string indicator, IEnumerable<(int Year, double Value)> points, string region = "Liaocheng") =>
        HistoricalPanel.FromObservations(points.Select(p => new Observation(indicator, p.Year, p.Value, region)));

    private static (double Lower, double Upper) Interval95(Distribution d) => (d.Quantile(0.025), d.Quantile(0.975));

    [Fact]
    public void CompoundGrowthDriver_FromSimulatedRandomWalks_CoversTheTrueMeanGrowth_AtNominalRate()
    {
        // Truth: ln x changes by g + σz a year; the growth driver's level is the arithmetic mean growth exp(g + σ²/2) − 1.
        const double g = 0.07, sigma = 0.05;
        double truth = Math.Exp(g + sigma * sigma / 2) - 1;
        var rng = Xoshiro256StarStar.FromSeed(20240601);
        int covered = 0;
        for (int r = 0; r < Replications; r++)
        {
            var points = RandomWalk(ref rng, Years, 100, g, sigma);
            var indicator = new Indicator("gdp", LocalizedText.Both("GDP"), LocalizedText.Both("yuan"), 2020, points[^1].Value,
                new CompoundGrowthModel("growth"), new Target(2025, 1));
            var calibration = ScenarioCalibrator.Calibrate(OneIndicator(Growth("growth"), indicator), Panel("gdp", points), Own);
            var (lower, upper) = Interval95(calibration.Calibrated.Driver("growth").Level);
            covered += lower <= truth && truth <= upper ? 1 : 0;
        }
        CoverageCheck.AssertNominal(covered, Replications, "growth level", output);
    }

    [Fact]
    public void ShareStepDriver_FromSimulatedLogitWalks_CoversTheTrueStep_AtNominalRate()
    {
        const double step = 0.10, sigma = 0.05;
        var rng = Xoshiro256StarStar.FromSeed(77);
        int covered = 0;
        for (int r = 0; r < Replications; r++)
        {
            // Odds compound at e^step: the logit walks with step b.
            var points = RandomWalk(ref rng, Years, 0.2 / 0.8, step, sigma).Select(p => (p.Year, 100 * p.Value / (1 + p.Value))).ToArray();
            var indicator = new Indicator("share", LocalizedText.Both("share"), LocalizedText.Both("%"), 2020, points[^1].Item2,
                new BoundedShareModel("step"), new Target(2025, 50), Bounds: Bounds.Percent);
            var driver = new Driver("step", LocalizedText.Both("step"), new NormalDistribution(0.2, 0.1), YearlyVariation.Normal(0.05));
            var calibration = ScenarioCalibrator.Calibrate(OneIndicator(driver, indicator), Panel("share", points), Own);
            var (lower, upper) = Interval95(calibration.Calibrated.Driver("step").Level);
            covered += lower <= step && step <= upper ? 1 : 0;
        }
        CoverageCheck.AssertNominal(covered, Replications, "logit step level", output);
    }

    [Fact]
    public void CountDriver_FromSimulatedYearlyPoissonCounts_CoversTheTrueRate_AtNominalRate()
    {
        const double lambda = 22;
        var rng = Xoshiro256StarStar.FromSeed(5);
        int covered = 0;
        for (int r = 0; r < Replications; r++)
        {
            var counts = Enumerable.Range(2006, 15).Select(y => (y, (double)DiscreteQuantile.Poisson(rng.NextOpenDouble(), lambda))).ToArray();
            var indicator = new Indicator("new_platforms_total", LocalizedText.Both("new"), LocalizedText.Both("platforms"), 2020, 0,
                new CumulativeModel("new_platforms"), new Target(2025, 50));
            var driver = new Driver("new_platforms", LocalizedText.Both("new"), new PertDistribution(12, 20, 26), YearlyVariation.Poisson);
            var calibration = ScenarioCalibrator.Calibrate(OneIndicator(driver, indicator), Panel("new_platforms", counts), Own);
            var level = calibration.Calibrated.Driver("new_platforms").Level;
            Assert.IsType<LogNormalDistribution>(level);
            var (lower, upper) = Interval95(level);
            covered += lower <= lambda && lambda <= upper ? 1 : 0;
        }
        CoverageCheck.AssertNominal(covered, Replications, "count rate level", output);
    }

    [Fact]
    public void Backtest_OnALongSimulatedSeries_ReportsErrorsAndIntervalCoverage()
    {
        var rng = Xoshiro256StarStar.FromSeed(11);
        var points = RandomWalk(ref rng, Enumerable.Range(1991, 30).ToArray(), 100, 0.05, 0.04);
        var indicator = new Indicator("gdp", LocalizedText.Both("GDP"), LocalizedText.Both("yuan"), 2020, points[^1].Value,
            new CompoundGrowthModel("growth"), new Target(2025, 1));

        var result = ScenarioCalibrator.Calibrate(OneIndicator(Growth("growth"), indicator), Panel("gdp", points), Own).Indicators.Single();

        BacktestResult backtest = Assert.IsType<BacktestResult>(result.Backtest);
        output.WriteLine(FormattableString.Invariant($"{backtest.Model}: {backtest.Forecasts.Length} forecasts, MAPE {backtest.Mape:0.00}%, RMSE {backtest.Rmse:0.00}, coverage50 {backtest.Coverage50:0.00}, coverage90 {backtest.Coverage90:0.00}"));
        // 27 origins (3..29 points), horizons 1-3 inside the 30 years: 25·3 + 2 + 1 = 78 forecasts, all with intervals.
        Assert.Equal(78, backtest.Forecasts.Length);
        Assert.Equal(78, backtest.IntervalCount);
        Assert.InRange(backtest.Mape, 0.5, 15);
        Assert.InRange(backtest.Coverage50, 0.25, 0.8);
        Assert.InRange(backtest.Coverage90, 0.7, 1.0);
        Assert.NotNull(result.Ranking);
        Assert.Equal(CalibrationOutcome.Calibrated, result.Outcome);
        Assert.True(result.Identifiability!.Items.All(i => i.Identified));
    }

    [Fact]
    public void ImpliedEntries_CloseTheStockFlowBalance()
    {
        // 51 → 268 in five years with 5% exits: E = (268 − 51·0.95⁵)·0.05/(1 − 0.95⁵) = 50.50 a year.
        double e = StockFlowCalibrator.ImpliedEntries(51, 268, 5, 0.05);
        Assert.Equal((268 - 51 * Math.Pow(0.95, 5)) * 0.05 / (1 - Math.Pow(0.95, 5)), e, 12);
        double n = 51;
        for (int t = 0; t < 5; t++) n = n * 0.95 + e;
        Assert.Equal(268, n, 9);
        Assert.Equal(217.0 / 5, StockFlowCalibrator.ImpliedEntries(51, 268, 5, 0), 12);
    }

    [Fact]
    public void RatioHistory_CalibratesTheNumeratorGivenTheDenominatorsMean_AndKeepsTheDenominator()
    {
        // Ratio 1.0 (2015) → 1.5 (2020): drift ln(1.5)/5; numerator level (1 + 0.05)·exp(drift + (0.05² − 0.04²)/2) − 1.
        var numerator = Growth("spend", 0.05);
        var denominator = new Driver("gdp", LocalizedText.Both("gdp"), new NormalDistribution(0.05, 0.02), YearlyVariation.Growth(0.04));
        var indicator = new Indicator("intensity", LocalizedText.Both("intensity"), LocalizedText.Both("%"), 2020, 1.5,
            new RatioModel(Quantity.Growing("spend"), Quantity.Growing("gdp")), new Target(2025, 3));
        var calibration = ScenarioCalibrator.Calibrate(OneIndicator(numerator, indicator, denominator), Panel("intensity", [(2015, 1.0), (2020, 1.5)]), Own);

        double expected = 1.05 * Math.Exp(Math.Log(1.5) / 5 + (0.05 * 0.05 - 0.04 * 0.04) / 2) - 1;
        var level = Assert.IsType<NormalDistribution>(calibration.Calibrated.Driver("spend").Level);
        Assert.Equal(expected, level.MeanValue, 1e-6);
        Assert.Equal(denominator, calibration.Calibrated.Driver("gdp") with { Changes = denominator.Changes });
        Assert.Contains(calibration.Indicators.Single().Warnings, w => w.Contains("only the ratio's growth is identified", StringComparison.Ordinal));
    }

    [Fact]
    public void OnePointAndNoPanel_LeavesTheDriverUnchanged_AndSaysWhy()
    {
        var driver = Growth("growth");
        var indicator = new Indicator("gdp", LocalizedText.Both("GDP"), LocalizedText.Both("yuan"), 2020, 100, new CompoundGrowthModel("growth"), new Target(2025, 1));

        var calibration = ScenarioCalibrator.Calibrate(OneIndicator(driver, indicator), Panel("gdp", [(2020, 100.0)]), Own);

        var result = calibration.Indicators.Single();
        Assert.Equal(CalibrationOutcome.Unchanged, result.Outcome);
        Assert.Equal(driver.Level, calibration.Calibrated.Driver("growth").Level);
        Assert.Contains(result.Warnings, w => w.Contains("one point (2020): the level is known but the drift is not identifiable", StringComparison.Ordinal));
    }

    [Fact]
    public void ADriverFedByTwoIndicators_IsCalibratedByTheFirstOnly()
    {
        var driver = Growth("growth");
        var a = new Indicator("a", LocalizedText.Both("a"), LocalizedText.Both("x"), 2020, 200, new CompoundGrowthModel("growth"), new Target(2025, 1));
        var b = a with { Id = "b", BaseValue = 300 };
        var scenario = new Scenario("test", LocalizedText.Both("test"), [driver], [], [a, b], new RunDefaults(1000, 7));
        var panel = HistoricalPanel.FromObservations([
            new Observation("a", 2015, 100, "Liaocheng"), new Observation("a", 2020, 200, "Liaocheng"),
            new Observation("b", 2015, 100, "Liaocheng"), new Observation("b", 2020, 300, "Liaocheng")]);

        var calibration = ScenarioCalibrator.Calibrate(scenario, panel, Own);

        Assert.Equal(CalibrationOutcome.Calibrated, calibration.Indicators[0].Outcome);
        Assert.Equal(CalibrationOutcome.Unchanged, calibration.Indicators[1].Outcome);
        Assert.Contains(calibration.Indicators[1].Warnings, w => w.Contains("was already calibrated from 'a'", StringComparison.Ordinal));
        var level = Assert.IsType<NormalDistribution>(calibration.Calibrated.Driver("growth").Level);
        Assert.Equal(Math.Exp(Math.Log(2) / 5 + 0.05 * 0.05 / 2) - 1, level.MeanValue, 1e-6);
    }
}
