using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Scenarios;
using MathNet.Numerics.Distributions;
using static Forecast.Tests.TestScenarios;

namespace Forecast.Tests.Simulation;

/// <summary>
/// Nowcasting: an observed value is taken by every path in its year and the years after continue from it, and the
/// paths' parameters are weighted by the observation's likelihood. Checked against exact conditional distributions,
/// tolerances 4 binomial standard errors of the estimated probability (or 4 SE of a mean from the effective sample size).
/// </summary>
public class NowcastTests
{
    private const long Paths = 100_000;

    private static void WithinFourSe(double expected, double estimate, long n, string what) =>
        Assert.True(Math.Abs(estimate - expected) <= 4 * Math.Sqrt(Math.Max(expected * (1 - expected), 1.0 / n) / n), $"{what}: {estimate} against {expected}");

    [Fact]
    public void CompoundGrowth_ObservedInYearK_GivesTheLognormalTailOfTheRemainingYears()
    {
        // x_{t+1} = x_t(1 + g)e^(σz − σ²/2): from x_2022 = 130, ln x_2025 ~ N(ln 130 + 3 ln(1 + g) − 3σ²/2, 3σ²).
        const double g = 0.08, sigma = 0.1, target = 170;
        var scenario = Of([Driver("g", new FixedDistribution(g), YearlyVariation.Growth(sigma))],
            [Indicator("x", 100, new CompoundGrowthModel("g"), target, 2020, 2025)], paths: Paths) with
            { Observed = [new ObservedValue("x", 2022, 130)] };
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 3));
        double mu = Math.Log(130) + 3 * Math.Log(1 + g) - 1.5 * sigma * sigma;
        double exact = 1 - Normal.CDF(mu, sigma * Math.Sqrt(3), Math.Log(target));
        WithinFourSe(exact, result["x"].Probability, Paths, "P(x_2025 ≥ 170 | x_2022 = 130)");
        Assert.Equal(130, result["x"].Years.Single(y => y.Year == 2022).P50);
        Assert.NotNull(result.Conditioning);
    }

    [Fact]
    public void CumulativePoissonCount_ObservedMidway_GivesTheExactTailOfTheRemainingSum()
    {
        // C_2025 = 25 + Poisson(3λ) after C_2022 = 25 is observed.
        const double lambda = 12;
        var scenario = Of([Driver("n", new FixedDistribution(lambda), YearlyVariation.Poisson)],
            [Indicator("c", 0, new CumulativeModel("n"), 65, 2020, 2025)], paths: Paths) with
            { Observed = [new ObservedValue("c", 2022, 25)] };
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 4));
        double exact = 1 - Poisson.CDF(3 * lambda, 65 - 25 - 1);
        WithinFourSe(exact, result["c"].Probability, Paths, "P(C_2025 ≥ 65 | C_2022 = 25)");
    }

    [Fact]
    public void StockFlowWithBinomialExits_ObservedMidway_GivesTheDistributionByConvolution()
    {
        // N_{t+1} = N_t − Binomial(N_t, q) + e from N_2022 = 300: the exact law of N_2025 by three convolutions.
        const double q = 0.06;
        const int entries = 20, observed = 300, target = 305;
        var scenario = Of([Driver("e", new FixedDistribution(entries), YearlyVariation.None), Driver("q", new FixedDistribution(q), YearlyVariation.None)],
            [Indicator("n", 250, new StockFlowModel("e", "q"), target, 2020, 2025)], paths: Paths) with
            { Observed = [new ObservedValue("n", 2022, observed)] };
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 5));
        var law = new Dictionary<int, double> { [observed] = 1 };
        for (int year = 0; year < 3; year++)
        {
            var next = new Dictionary<int, double>();
            foreach (var (n, p) in law)
                for (int x = 0; x <= n; x++)
                {
                    double px = Binomial.PMF(q, n, x);
                    if (px < 1e-16) continue;
                    int m = n - x + entries;
                    next[m] = next.GetValueOrDefault(m) + p * px;
                }
            law = next;
        }
        double exact = law.Where(kv => kv.Key >= target).Sum(kv => kv.Value);
        WithinFourSe(exact, result["n"].Probability, Paths, "P(N_2025 ≥ 305 | N_2022 = 300)");
    }

    [Fact]
    public void AnUncertainLevel_IsConditionedOnTheObservation_AsTheConjugateNormalPosterior()
    {
        // x_t = L + σz_t, L ~ N(m, s²); y_2021 = x_2021 + ε, ε ~ N(0, τ²) stated. Then L | y ~ N(m', s'²) with
        // 1/s'² = 1/s² + 1/(σ² + τ²), m' = s'²(m/s² + y/(σ² + τ²)), and x_2022 | y ~ N(m', s'² + σ²).
        const double m = 10, s = 2, sigma = 1, tau = 0.5, y = 14;
        var scenario = Of([Driver("l", new NormalDistribution(m, s), YearlyVariation.Normal(sigma))],
            [Indicator("x", 0, new FlowModel("l", Count: false), 12, 2020, 2022)], paths: Paths) with
            { Observed = [new ObservedValue("x", 2021, y, tau)] };
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 6));
        double precision = 1 / (s * s) + 1 / (sigma * sigma + tau * tau);
        double posteriorMean = (m / (s * s) + y / (sigma * sigma + tau * tau)) / precision;
        double predictiveVariance = 1 / precision + sigma * sigma;
        var last = result["x"].Years.Single(yr => yr.Year == 2022);
        double ess = result.Conditioning!.EffectiveSampleSize;
        // The second pass resamples the first: its mean's error is that of the weighted first pass (√(v/ESS)) plus its own (√(v/n)).
        double se = Math.Sqrt(predictiveVariance / ess) + Math.Sqrt(predictiveVariance / Paths);
        Assert.True(Math.Abs(last.Mean - posteriorMean) <= 4 * se, $"mean {last.Mean} against {posteriorMean} (SE {se}, ESS {ess:F0})");
        Assert.True(Math.Abs(last.Variance!.Total - predictiveVariance) <= 4 * predictiveVariance * Math.Sqrt(2 / ess), $"variance {last.Variance.Total} against {predictiveVariance}");
        Assert.Equal(tau, result.Conditioning.Bandwidths[0]);
        Assert.True(ess > 1000 && result.Conditioning.Warning is null);
    }

    [Fact]
    public void ProbabilityIntervals_RestOnTheDraws_NotOnTheirCopies_AndCoverAtTheirNominalRate()
    {
        // The conjugate normal case with an observation far in the prior's tail: of 2,000 draws only about 30 carry the
        // weight, and the 2,000 paths are copies of them. P(x_2022 ≥ 14 | y) is exact (as above). Over R runs the reported 95%
        // interval must cover it at 95% (within 4 binomial SE of R); Wilson's interval on the paths, as if they were
        // independent, covers it far less often (it is about √(2000/30) ≈ 8 times too narrow).
        const double m = 10, s = 2, sigma = 1, tau = 0.3, y = 15, c = 14;
        const int runs = 300;
        double precision = 1 / (s * s) + 1 / (sigma * sigma + tau * tau);
        double posteriorMean = (m / (s * s) + y / (sigma * sigma + tau * tau)) / precision;
        double exact = 1 - Normal.CDF(posteriorMean, Math.Sqrt(1 / precision + sigma * sigma), c);
        var scenario = Of([Driver("l", new NormalDistribution(m, s), YearlyVariation.Normal(sigma))],
            [Indicator("x", 0, new FlowModel("l", Count: false), c, 2020, 2022)], paths: 2_000) with
            { Observed = [new ObservedValue("x", 2021, y, tau)] };
        int covered = 0, coveredAsIndependent = 0;
        double essSum = 0;
        for (int r = 0; r < runs; r++)
        {
            var result = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 1000UL + (ulong)r));
            var x = result["x"];
            if (x.ProbabilityCi95.Lower <= exact && exact <= x.ProbabilityCi95.Upper) covered++;
            var naive = Forecast.Engine.Statistics.WilsonInterval.Of((long)Math.Round(x.Probability * result.Paths), result.Paths);
            if (naive.Lower <= exact && exact <= naive.Upper) coveredAsIndependent++;
            essSum += result.Conditioning!.EffectiveSampleSize;
            Assert.Equal("groups of parameter draws", result.Intervals!.Name);
        }
        double ess = essSum / runs, se = Math.Sqrt(0.95 * 0.05 / runs);
        Assert.True(ess is > 10 and < 100, $"mean ESS {ess:F1}: the case is meant to have few effective draws");
        Assert.True(Math.Abs((double)covered / runs - 0.95) <= 4 * se, $"95% intervals covered P = {exact:F4} in {covered} of {runs} runs (mean ESS {ess:F1})");
        Assert.True(coveredAsIndependent < runs / 2, $"Wilson's interval on the paths covered in {coveredAsIndependent} of {runs} runs: the check cannot tell the methods apart");
    }

    [Fact]
    public void AProbabilityEveryPathAgreesOn_IsAsSureAsTheEffectiveDraws()
    {
        // Far in the tail (see above) with a target every conditioned path meets: Wilson's interval on the ESS, not on the paths.
        var scenario = Of([Driver("l", new NormalDistribution(10, 0.5), YearlyVariation.Normal(0.1))],
            [Indicator("x", 0, new FlowModel("l", Count: false), 5, 2020, 2022)], paths: 20_000) with
            { Observed = [new ObservedValue("x", 2021, 20, 0.05)] };
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 7));
        double ess = result.Conditioning!.EffectiveSampleSize;
        Assert.Equal(1.0, result["x"].Probability);
        var expected = Forecast.Engine.Statistics.WilsonInterval.Of(1.0, ess, Forecast.Engine.Statistics.WilsonInterval.Z95);
        Assert.Equal(expected.Lower, result["x"].ProbabilityCi95.Lower, 12);
        Assert.True(result["x"].ProbabilityCi95.Lower < 1 - 1.0 / (ess + 4), $"lower end {result["x"].ProbabilityCi95.Lower} from ESS {ess}");
    }

    [Fact]
    public void ObservationsFarFromTheModel_CollapseTheWeights_AndSaySo()
    {
        var scenario = Of([Driver("l", new NormalDistribution(10, 0.5), YearlyVariation.Normal(0.1))],
            [Indicator("x", 0, new FlowModel("l", Count: false), 12, 2020, 2022)], paths: 20_000) with
            { Observed = [new ObservedValue("x", 2021, 20, 0.05)] };
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 7));
        Assert.NotNull(result.Conditioning!.Warning);
        Assert.Contains("far from what the model expects", result.Conditioning.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void CollapsedWeightsWarning_InTheChineseUiCulture_IsChinese_WithTheSameNumbers()
    {
        var scenario = Of([Driver("l", new NormalDistribution(10, 0.5), YearlyVariation.Normal(0.1))],
            [Indicator("x", 0, new FlowModel("l", Count: false), 12, 2020, 2022)], paths: 2_000) with
            { Observed = [new ObservedValue("x", 2021, 20, 0.05)] };
        string english = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 7)).Conditioning!.Warning!;
        var ui = System.Globalization.CultureInfo.CurrentUICulture;
        string chinese;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
            chinese = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 7)).Conditioning!.Warning!;
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = ui;
        }
        Assert.StartsWith("the observations lie far from what the model expects: the 2,000 parameter draws carry the weight of only ", english, StringComparison.Ordinal);
        Assert.StartsWith("观测值与模型的预期相去甚远：2,000个参数抽样的权重仅相当于", chinese, StringComparison.Ordinal);
        static string[] Numbers(string s) => System.Text.RegularExpressions.Regex.Matches(s, @"[0-9][0-9,.]*").Select(m => m.Value).ToArray();
        Assert.Equal(Numbers(english), Numbers(chinese));
        Assert.DoesNotMatch("[A-Za-z]", chinese);
    }

    [Fact]
    public void Nowcasts_AreThreadInvariant()
    {
        var scenario = ModelUncertaintyTests.Uncertain(30_000) with { Observed = [new ObservedValue("firms", 2022, 330), new ObservedValue("x", 2023, 70, 2)] };
        var one = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 1));
        var two = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 2));
        ReproducibilityTests.AssertIdentical(one, two);
        Assert.Equal(one.Conditioning!.EffectiveSampleSize, two.Conditioning!.EffectiveSampleSize);
        Assert.Equal(one.Conditioning!.Bandwidths, two.Conditioning!.Bandwidths);
    }

    [Theory]
    [InlineData("{indicator: x, year: 2020, value: 5}", "observed[0].year", "must come after its base year 2020")]
    [InlineData("{indicator: x, year: 2030, value: 5}", "observed[0].year", "beyond the scenario's horizon (2025)")]
    [InlineData("{indicator: c, year: 2022, value: 5.5}", "observed[0].value", "is a count")]
    [InlineData("{indicator: s, year: 2022, value: 120}", "observed[0].value", "lies outside the range")]
    [InlineData("{indicator: y, year: 2022, value: 5}", "observed[0].indicator", "indicator 'y' is not in the scenario")]
    public void BadObservations_AreLocatedInputErrors(string observation, string field, string message)
    {
        string yaml = $$$"""
            name: obs
            drivers:
              - {id: g, level: {dist: fixed, value: 0.1}}
            indicators:
              - {id: x, base: {year: 2020, value: 1}, model: {kind: compound, growth: g}, target: {year: 2025, value: 2}}
              - {id: c, base: {year: 2020, value: 0}, model: {kind: cumulative, driver: g}, target: {year: 2025, value: 2}}
              - {id: s, base: {year: 2020, value: 40}, model: {kind: share, step: g}, target: {year: 2025, value: 50}}
            observed:
              - {{{observation}}}
            """;
        var error = Assert.Throws<InputException>(() => ScenarioReader.Parse("obs.yaml", yaml));
        Assert.Contains(error.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal) && e.Line == 9);
    }
}
