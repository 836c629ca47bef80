using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;
using Forecast.Scenarios;
using Xunit.Abstractions;

namespace Forecast.Tests.Simulation;

/// <summary>
/// The engine's fast path against the scalar reference path (<see cref="ReferenceSimulator"/>), run with
/// independent random numbers: the two must agree in distribution. Tolerances come from the standard errors
/// of both samples: target probabilities by a two-sample difference test, target-year means by a two-sample
/// z, and the engine's quartiles by their rank in the reference sample.
/// </summary>
public class ReferenceOracleTests(ITestOutputHelper output)
{
    private const long EnginePaths = 40_000;
    private const int ReferencePaths = 40_000;
    private const ulong EngineSeed = 20_240_917;
    private const int ReferenceSeed = 77_003;
    /// <summary>Allowed distance in standard errors for one comparison.</summary>
    private const double Z = 4;
    /// <summary>Rank error the engine's histogram quantiles may add on top of sampling (see PercentileTests).</summary>
    private const double HistogramRankError = 0.001;

    private static Driver D(string id, Distribution level, YearlyVariation yearly) => TestScenarios.Driver(id, level, yearly);

    [Theory]
    [InlineData(0.08, 0.03, 0.06, 150)]
    [InlineData(-0.01, 0.01, 0.12, 90)]
    public void CompoundGrowth_AgreesWithReference(double mean, double sd, double sigma, double target)
    {
        var scenario = TestScenarios.Of([D("g", new NormalDistribution(mean, sd), YearlyVariation.Growth(sigma))],
            [TestScenarios.Indicator("x", 100, new CompoundGrowthModel("g"), target)]);
        AssertAgreement(scenario, "x");
    }

    [Fact]
    public void CompoundGrowth_WithALevelChange_AgreesWithReference()
    {
        // From 2023 on the level is drawn from another distribution with the same uniform (the path keeps its rank).
        var g = new Driver("g", LocalizedText.Both("g"), new PertDistribution(0.02, 0.05, 0.09), YearlyVariation.Growth(0.04),
            [new LevelChange(2023, new TriangularDistribution(0.06, 0.10, 0.12))]);
        var scenario = TestScenarios.Of([g], [TestScenarios.Indicator("x", 100, new CompoundGrowthModel("g"), 140)]);
        AssertAgreement(scenario, "x");
    }

    [Fact]
    public void RatioOfGrowthDrivers_AgreesWithReference()
    {
        var scenario = TestScenarios.Of(
            [D("rd", new NormalDistribution(0.12, 0.03), YearlyVariation.Growth(0.05)),
             D("gdp", new TriangularDistribution(0.03, 0.06, 0.08), YearlyVariation.Growth(0.025))],
            [TestScenarios.Indicator("intensity", 1.87, new RatioModel(Quantity.Growing("rd"), Quantity.Growing("gdp")), 3, baseYear: 2019)]);
        AssertAgreement(scenario, "intensity");
    }

    [Fact]
    public void RatioWithAnIndicatorNumerator_AgreesWithReference()
    {
        // Patents per 10,000 residents: a patent stock (stock-flow) over a compounding population.
        var scenario = TestScenarios.Of(
            [D("grants", new UniformDistribution(380, 600), YearlyVariation.NegativeBinomial(50)),
             D("lapse", new BetaDistribution(6, 94), YearlyVariation.None),
             D("pop", new NormalDistribution(-0.002, 0.002), YearlyVariation.Growth(0.001))],
            [TestScenarios.Indicator("patents", 2374, new StockFlowModel("grants", "lapse"), 3643, headline: false),
             TestScenarios.Indicator("density", 3.91, new RatioModel(Quantity.Of("patents"), Quantity.Growing("pop")), 6)]);
        AssertAgreement(scenario, "density", "patents");
    }

    [Theory]
    [InlineData(0, 100, 42.03, 50, Direction.AtLeast)]
    [InlineData(5, 30, 10.1, 14, Direction.AtMost)]
    public void BoundedShare_AgreesWithReference(double lower, double upper, double start, double target, Direction direction)
    {
        var scenario = TestScenarios.Of([D("step", new PertDistribution(0.02, 0.1, 0.2), YearlyVariation.Normal(0.05))],
            [TestScenarios.Indicator("share", start, new BoundedShareModel("step"), target, bounds: new Bounds(lower, upper), direction: direction)]);
        AssertAgreement(scenario, "share");
    }

    [Fact]
    public void StockFlowWithExits_AgreesWithReference()
    {
        var scenario = TestScenarios.Of(
            [D("new", new PertDistribution(45, 60, 90), YearlyVariation.NegativeBinomial(30)),
             D("exit", new PertDistribution(0.02, 0.05, 0.10), YearlyVariation.None)],
            [TestScenarios.Indicator("firms", 268, new StockFlowModel("new", "exit"), 500)]);
        AssertAgreement(scenario, "firms");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StockFlowWithCapacity_AgreesWithReference(bool exits)
    {
        // Conversions from a pool of 40 at a yearly rate whose normal shocks the clamp to [0, 1] cuts off.
        var scenario = TestScenarios.Of(
            [D("conv", new PertDistribution(0.05, 0.12, 0.25), YearlyVariation.Normal(0.08)),
             D("exit", new UniformDistribution(0.02, 0.12), YearlyVariation.None)],
            [TestScenarios.Indicator("counties", 6, new StockFlowModel("conv", exits ? "exit" : null, 40), 20)]);
        AssertAgreement(scenario, "counties");
    }

    [Fact]
    public void CumulativeWithPoissonCounts_AgreesWithReference()
    {
        var scenario = TestScenarios.Of([D("new", new PertDistribution(12, 20, 30), YearlyVariation.Poisson)],
            [TestScenarios.Indicator("total", 0, new CumulativeModel("new"), 100)]);
        AssertAgreement(scenario, "total");
    }

    [Fact]
    public void CumulativeWithNegativeBinomialCounts_AgreesWithReference()
    {
        var scenario = TestScenarios.Of([D("new", new UniformDistribution(40, 80), YearlyVariation.NegativeBinomial(8))],
            [TestScenarios.Indicator("total", 0, new CumulativeModel("new"), 300)]);
        AssertAgreement(scenario, "total");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FlowEveryYear_AgreesWithReference(bool count)
    {
        // "About 50 a year": every year from 2021 to 2025 must reach the threshold.
        var driver = count
            ? D("flow", new PertDistribution(40, 55, 70), YearlyVariation.Poisson)
            : D("flow", new PertDistribution(700, 850, 1000), YearlyVariation.Normal(60));
        double target = count ? 45 : 780;
        var scenario = TestScenarios.Of([driver],
            [TestScenarios.Indicator("flow", 0, new FlowModel("flow", count), target, period: TargetPeriod.EveryYear)]);
        AssertAgreement(scenario, "flow");
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-0.5)]
    public void CorrelatedGrowthDrivers_AgreeWithReference_IncludingTheJointProbability(double rho)
    {
        // The ratio's spread and the chance of meeting both growth targets together hinge on ρ.
        var scenario = TestScenarios.Of(
            [D("a", new NormalDistribution(0.10, 0.01), YearlyVariation.Growth(0.08)),
             D("b", new NormalDistribution(0.06, 0.01), YearlyVariation.Growth(0.06))],
            [TestScenarios.Indicator("ratio", 1, new RatioModel(Quantity.Growing("a"), Quantity.Growing("b")), 1.2, headline: false),
             TestScenarios.Indicator("xa", 100, new CompoundGrowthModel("a"), 160),
             TestScenarios.Indicator("xb", 100, new CompoundGrowthModel("b"), 135)],
            [new Correlation("a", "b", rho)]);
        var (engine, reference) = AssertAgreement(scenario, "ratio", "xa", "xb");
        AssertProbabilitiesAgree("P(xa and xb)", engine.AllHeadlineProbability, reference.JointProbability(["xa", "xb"]), engine.Paths, reference.Paths, Z);
    }

    [Fact]
    public void CorrelatedCountDrivers_AgreeWithReference_IncludingJointProbabilities()
    {
        // Count drivers in the copula are drawn as F⁻¹(Φ(z)); joint target probabilities show the dependence.
        var scenario = TestScenarios.Of(
            [D("g", new FixedDistribution(0.06), YearlyVariation.Growth(0.1)),
             D("n", new FixedDistribution(50), YearlyVariation.NegativeBinomial(10)),
             D("m", new UniformDistribution(15, 25), YearlyVariation.Poisson)],
            [TestScenarios.Indicator("output", 1, new CompoundGrowthModel("g"), 1.34),
             TestScenarios.Indicator("firms", 0, new CumulativeModel("n"), 250),
             TestScenarios.Indicator("projects", 0, new CumulativeModel("m"), 95, headline: false)],
            [new Correlation("g", "n", 0.6), new Correlation("n", "m", -0.4)]);
        var (engine, reference) = AssertAgreement(scenario, "output", "firms", "projects");
        AssertProbabilitiesAgree("P(output and firms)", engine.AllHeadlineProbability,
            reference.JointProbability(["output", "firms"]), engine.Paths, reference.Paths, Z);
        AssertProbabilitiesAgree("P(all three)", engine.AllTargetsProbability,
            reference.JointProbability(["output", "firms", "projects"]), engine.Paths, reference.Paths, Z);
    }

    /// <summary>The evidence-first baseline (mixtures, linear trends, level trends, the level copula) and its template (the plan's inputs).</summary>
    [Theory]
    [InlineData("liaocheng-2025.yaml")]
    [InlineData("templates/liaocheng-2025-assumptions.yaml")]
    public void ShippedLiaochengScenario_EveryTargetProbabilityAgreesWithReference(string file)
    {
        var scenario = ScenarioReader.Read(RepositoryFiles.Path(["scenarios", .. file.Split('/')]));
        const int paths = 20_000;
        var engine = MonteCarlo.Run(scenario, new SimulationOptions(Paths: EnginePaths, Seed: EngineSeed));
        var reference = ReferenceSimulator.Run(scenario, paths, ReferenceSeed);
        Assert.True(scenario.Indicators.Count >= 25, $"expected at least 25 targets, found {scenario.Indicators.Count}");
        // About 27 comparisons at once: 4.5 SE keeps the family-wise false-alarm rate near 27 × 7e-6 ≈ 2e-4.
        const double bonferroni = 4.5;
        double worst = 0;
        foreach (var indicator in scenario.Indicators)
            worst = Math.Max(worst, Math.Abs(AssertProbabilitiesAgree(indicator.Id, engine[indicator.Id].Probability,
                reference[indicator.Id].Probability, engine.Paths, reference.Paths, bonferroni)));
        // The joint behaviour: how many of the eight headline targets a path meets (all eight together is too rare to test).
        var headline = scenario.Indicators.Where(i => i.Headline).Select(i => reference[i.Id].Met).ToList();
        var metCounts = Enumerable.Range(0, reference.Paths).Select(path => (double)headline.Count(met => met[path])).ToArray();
        double engineMeanMet = engine.HeadlineMetDistribution.Select((p, k) => p * k).Sum();
        AssertMeansAgree("headline targets met per path", engineMeanMet, metCounts, engine.Paths, bonferroni);
        output.WriteLine($"largest |difference| over {scenario.Indicators.Count} targets: {worst:F2} SE");
    }

    /// <summary>Runs engine and reference and checks, for each indicator, probability, mean and quartiles of the target year.</summary>
    private (SimulationResult Engine, ReferenceResult Reference) AssertAgreement(Scenario scenario, params string[] ids)
    {
        var engine = MonteCarlo.Run(scenario, new SimulationOptions(Paths: EnginePaths, Seed: EngineSeed));
        var reference = ReferenceSimulator.Run(scenario, ReferencePaths, ReferenceSeed);
        foreach (var id in ids)
        {
            var e = engine[id];
            var r = reference[id];
            AssertProbabilitiesAgree($"{id} P(target)", e.Probability, r.Probability, engine.Paths, reference.Paths, Z);
            AssertMeansAgree($"{id} mean", e.TargetYear.Mean, r.TargetValues, engine.Paths, Z);
            var sorted = (double[])r.TargetValues.Clone();
            Array.Sort(sorted);
            foreach (var (p, q) in new[] { (0.25, e.TargetYear.P25), (0.50, e.TargetYear.P50), (0.75, e.TargetYear.P75) })
                AssertQuantileRank($"{id} P{p * 100:F0}", p, q, sorted, engine.Paths);
        }
        return (engine, reference);
    }

    /// <summary>|p1 − p2| ≤ z·√(p1(1−p1)/n1 + p2(1−p2)/n2); returns the difference in standard errors.</summary>
    private double AssertProbabilitiesAgree(string what, double p1, double p2, long n1, long n2, double z)
    {
        double se = Math.Sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        double d = se > 0 ? (p1 - p2) / se : p1 == p2 ? 0 : double.PositiveInfinity;
        output.WriteLine($"{what}: engine {p1:F4}, reference {p2:F4}, difference {d:+0.00;-0.00} SE");
        Assert.True(Math.Abs(d) <= z, $"{what}: engine {p1:F4} vs reference {p2:F4}, {d:F2} SE apart (bound {z})");
        return d;
    }

    /// <summary>Two-sample z on means, |m1 − m2| ≤ z·s·√(1/n1 + 1/n2), the variance s² estimated from the reference sample.</summary>
    private void AssertMeansAgree(string what, double engineMean, double[] reference, long enginePaths, double z)
    {
        double mean = reference.Average();
        double variance = reference.Sum(v => (v - mean) * (v - mean)) / (reference.Length - 1);
        double se = Math.Sqrt(variance / enginePaths + variance / reference.Length);
        if (se == 0)
        {
            Assert.Equal(mean, engineMean, 9);
            return;
        }
        double d = (engineMean - mean) / se;
        output.WriteLine($"{what}: engine {engineMean:G6}, reference {mean:G6}, difference {d:+0.00;-0.00} SE");
        Assert.True(Math.Abs(d) <= z, $"{what}: engine {engineMean} vs reference {mean}, {d:F2} SE apart (bound {z})");
    }

    /// <summary>
    /// The engine's p-quantile q must have a rank in the reference sample, the interval [#(x &lt; q), #(x ≤ q)]/n (wide
    /// for counts), within z·√(p(1−p)(1/n_ref + 1/n_engine)) + the histogram's rank error of p.
    /// </summary>
    private void AssertQuantileRank(string what, double p, double q, double[] sorted, long enginePaths)
    {
        double below = SortedRanks.Below(sorted, q) / (double)sorted.Length;
        double atOrBelow = SortedRanks.AtOrBelow(sorted, q) / (double)sorted.Length;
        double se = Math.Sqrt(p * (1 - p) * (1.0 / sorted.Length + 1.0 / enginePaths));
        double distance = p < below ? below - p : p > atOrBelow ? p - atOrBelow : 0;
        output.WriteLine($"{what}: engine {q:G6}, reference rank [{below:F4}, {atOrBelow:F4}], off by {distance / se:F2} SE");
        Assert.True(distance <= Z * se + HistogramRankError,
            $"{what}: engine {q} has rank [{below}, {atOrBelow}] in the reference sample, {distance / se:F2} SE from {p}");
    }
}
