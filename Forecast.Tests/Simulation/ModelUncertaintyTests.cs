using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Simulation;
using Forecast.Scenarios;
using static Forecast.Tests.TestScenarios;

namespace Forecast.Tests.Simulation;

/// <summary>
/// Model uncertainty in the simulation: mixtures drawing one structure per path, levels that grow or decay over the
/// years, correlated levels, the linear kind, and the variance decomposition, each against a closed form with
/// tolerances from the Monte Carlo standard error.
/// </summary>
public class ModelUncertaintyTests
{
    private static readonly SamplingMethod[] Methods = [SamplingMethod.Random, SamplingMethod.Antithetic, SamplingMethod.LatinHypercube, SamplingMethod.Sobol];

    /// <summary>A mixture of two flows of fixed drivers (0 and 1) with weights 1 − w and w: the indicator is 1 on the paths that draw the second structure.</summary>
    private static Scenario Coin(double w, long paths) => Of(
        [Driver("zero", new FixedDistribution(0), YearlyVariation.None), Driver("one", new FixedDistribution(1), YearlyVariation.None)],
        [Indicator("x", 0, new MixtureModel([new MixtureComponent("first", 1 - w, new FlowModel("zero", Count: false)),
            new MixtureComponent("second", w, new FlowModel("one", Count: false))]), 0.5, 2020, 2021)], paths: paths);

    [Fact]
    public void MixtureWeights_AreRecovered_WithinMonteCarloError_ForEverySamplingMethod()
    {
        // The share of paths on the second structure is a binomial proportion: SE = √(w(1−w)/n); 4 SE allowed
        // (stratified methods are at least as precise).
        const double w = 0.3;
        const long n = 100_000;
        foreach (var method in Methods)
        {
            var result = MonteCarlo.Run(Coin(w, n), new SimulationOptions(Paths: n, Seed: 11, Sampling: method));
            double share = result["x"].TargetYear.Mean;
            Assert.True(Math.Abs(share - w) <= 4 * Math.Sqrt(w * (1 - w) / n), $"{method}: {share} against {w}");
            // The projection averages the structures by weight.
            Assert.Equal(w, result["x"].TargetYear.Deterministic, 12);
        }
    }

    [Fact]
    public void VarianceDecomposition_OfATwoStructureGaussianMixture_MatchesTheClosedForm()
    {
        // X = L_c + σz with structure c ~ (w₁, w₂), L_c ~ N(μ_c, s_c²), z ~ N(0, 1):
        // model choice = w₁w₂(μ₁ − μ₂)², parameters = w₁s₁² + w₂s₂², year-to-year = σ², total their sum.
        const double w1 = 0.4, w2 = 0.6, mu1 = 2, mu2 = 5, s1 = 0.5, s2 = 1, sigma = 0.3;
        const long n = 400_000;
        var scenario = Of(
            [Driver("a", new NormalDistribution(mu1, s1), YearlyVariation.Normal(sigma)), Driver("b", new NormalDistribution(mu2, s2), YearlyVariation.Normal(sigma))],
            [Indicator("x", 0, new MixtureModel([new MixtureComponent("low", w1, new FlowModel("a", Count: false)),
                new MixtureComponent("high", w2, new FlowModel("b", Count: false))], "test"), 3, 2020, 2021)], paths: n);
        var v = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 5)).Indicators[0].TargetYear.Variance!;

        double model = w1 * w2 * (mu1 - mu2) * (mu1 - mu2), parameters = w1 * s1 * s1 + w2 * s2 * s2, noise = sigma * sigma;
        double total = model + parameters + noise;
        // SE of a sample variance: √((μ₄ − σ⁴)/n), μ₄ of the mixture from its components' central moments.
        double mean = w1 * mu1 + w2 * mu2;
        double Mu4(double mu, double var) => Math.Pow(mu - mean, 4) + 6 * Math.Pow(mu - mean, 2) * var + 3 * var * var;
        double mu4 = w1 * Mu4(mu1, s1 * s1 + noise) + w2 * Mu4(mu2, s2 * s2 + noise);
        double seTotal = Math.Sqrt((mu4 - total * total) / n);
        // Within a structure the parameter part is a normal variance: SE √(2s⁴/n_c); the model part's SE comes from the
        // weights (binomial) and the structure means: d/dw₁ [w₁(1−w₁)Δ²] = (1 − 2w₁)Δ², plus Δ·SE(Δ).
        double seParameters = Math.Sqrt(w1 * w1 * 2 * Math.Pow(s1, 4) / (w1 * n) + w2 * w2 * 2 * Math.Pow(s2, 4) / (w2 * n));
        double delta = mu2 - mu1;
        double seModel = Math.Abs(1 - 2 * w1) * delta * delta * Math.Sqrt(w1 * w2 / n) + 2 * w1 * w2 * delta * Math.Sqrt(s1 * s1 / (w1 * n) + s2 * s2 / (w2 * n));
        Assert.True(Math.Abs(v.Total - total) <= 4 * seTotal, $"total {v.Total} against {total} (SE {seTotal})");
        Assert.True(Math.Abs(v.ModelChoice - model) <= 4 * seModel, $"model {v.ModelChoice} against {model} (SE {seModel})");
        Assert.True(Math.Abs(v.Parameters - parameters) <= 4 * seParameters, $"parameters {v.Parameters} against {parameters} (SE {seParameters})");
        Assert.True(Math.Abs(v.YearToYear - noise) <= 4 * (seTotal + seModel + seParameters), $"year-to-year {v.YearToYear} against {noise}");
        Assert.Equal(v.Total, v.ModelChoice + v.Parameters + v.YearToYear, 12);
    }

    [Fact]
    public void VarianceDecomposition_OfCompoundGrowth_PutsLevelUncertaintyInParameters_AndShocksInYearToYear()
    {
        // x₁ = x₀(1 + g), g = (1 + L)·e^(σz − σ²/2) − 1, L ~ N(m, s²): E[x₁|L] = x₀(1 + L), so parameters = x₀²s²
        // and year-to-year = x₀²E[(1+L)²]·(e^(σ²) − 1), exactly; 4 SE of a variance (normal approximation, 2v²/n).
        const double x0 = 100, m = 0.1, s = 0.03, sigma = 0.05;
        const long n = 200_000;
        var scenario = Of([Driver("g", new NormalDistribution(m, s), YearlyVariation.Growth(sigma))],
            [Indicator("x", x0, new CompoundGrowthModel("g"), 110, 2020, 2021)], paths: n);
        var v = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 9)).Indicators[0].TargetYear.Variance!;
        double parameters = x0 * x0 * s * s;
        double noise = x0 * x0 * ((1 + m) * (1 + m) + s * s) * (Math.Exp(sigma * sigma) - 1);
        Assert.Equal(0, v.ModelChoice);
        Assert.True(Math.Abs(v.Parameters - parameters) <= 4 * parameters * Math.Sqrt(2.0 / n), $"{v.Parameters} against {parameters}");
        Assert.True(Math.Abs(v.YearToYear - noise) <= 4 * (parameters + noise) * Math.Sqrt(2.0 / n) * 2, $"{v.YearToYear} against {noise}");
    }

    [Fact]
    public void VarianceDecomposition_WithFixedParameters_IsAllYearToYear_AsTheLognormalClosedForm()
    {
        // Fixed level L: every path's E[x₁|L] is x₀(1 + L), so the run skips the expected-value pass and the parts are
        // exactly 0, 0 and the whole variance, x₀²(1 + L)²(e^(σ²) − 1); 4 SE of a variance (2v²/n).
        const double x0 = 100, level = 0.1, sigma = 0.05;
        const long n = 200_000;
        var scenario = Of([Driver("g", new FixedDistribution(level), YearlyVariation.Growth(sigma))],
            [Indicator("x", x0, new CompoundGrowthModel("g"), 110, 2020, 2021)], paths: n);
        Assert.True(SimulationPlan.Compile(scenario).ParametersFixed);
        var v = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 9)).Indicators[0].TargetYear.Variance!;
        double total = x0 * x0 * (1 + level) * (1 + level) * (Math.Exp(sigma * sigma) - 1);
        Assert.Equal(0, v.ModelChoice);
        Assert.Equal(0, v.Parameters);
        Assert.Equal(v.Total, v.YearToYear);
        Assert.True(Math.Abs(v.Total - total) <= 4 * total * Math.Sqrt(2.0 / n), $"{v.Total} against {total}");
        // An uncertain level makes the parameters vary: the pass runs again.
        var uncertain = Of([Driver("g", new NormalDistribution(level, 0.01), YearlyVariation.Growth(sigma))],
            [Indicator("x", x0, new CompoundGrowthModel("g"), 110, 2020, 2021)], paths: n);
        Assert.False(SimulationPlan.Compile(uncertain).ParametersFixed);
    }

    [Fact]
    public void GrowingAndDampedLevels_FollowTheirEquations_PathByPath_AndInTheProjection()
    {
        // L_t = 10·1.1^(t − 2021) and g_t = 0.1 + (0.3 − 0.1)·0.5^(t − 2021), fixed parameters, no yearly noise.
        var scenario = Of(
            [Driver("entries", new FixedDistribution(10), YearlyVariation.None) with { Trend = new GrowingLevel(new FixedDistribution(0.1), 2021) },
             Driver("rate", new FixedDistribution(0.3), YearlyVariation.None) with { Trend = new DampedLevel(new FixedDistribution(0.1), new FixedDistribution(0.5), 2021) }],
            [Indicator("e", 0, new FlowModel("entries", Count: false), 0, 2020, 2024), Indicator("r", 0, new FlowModel("rate", Count: false), 0, 2020, 2024)],
            paths: 2000);
        var result = MonteCarlo.Run(scenario);
        double[] entries = [10, 11, 12.1, 13.31], rates = [0.3, 0.2, 0.15, 0.125];
        for (int t = 0; t < 4; t++)
        {
            Assert.Equal(entries[t], result["e"].Years[t].P50, 10);
            Assert.Equal(entries[t], result["e"].Years[t].Deterministic, 10);
            Assert.Equal(rates[t], result["r"].Years[t].P50, 12);
            Assert.Equal(rates[t], result["r"].Years[t].Deterministic, 12);
        }
    }

    [Fact]
    public void UncertainGrowthOfALevel_GivesTheLognormalSpreadOfItsEquation()
    {
        // L_t = 50·(1 + r)^(t − t₀), r ~ N(0.2, 0.05²): the median of L in 2025 (4 years on) is 50·1.2⁴, because
        // (1 + r)⁴ is monotone in r; rank error allowed 0.01 around the median, i.e. the values at r's 0.49 and 0.51 quantiles.
        var scenario = Of([Driver("entries", new FixedDistribution(50), YearlyVariation.None) with { Trend = new GrowingLevel(new NormalDistribution(0.2, 0.05), 2021) }],
            [Indicator("e", 0, new FlowModel("entries", Count: false), 0, 2020, 2025)], paths: 100_000);
        double median = MonteCarlo.Run(scenario).Indicators[0].TargetYear.P50;
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.51);
        Assert.InRange(median, 50 * Math.Pow(1.2 - 0.05 * z, 4), 50 * Math.Pow(1.2 + 0.05 * z, 4));
    }

    [Fact]
    public void CorrelatedLevels_HaveTheStatedCorrelation_AndLeaveTheShocksIndependent()
    {
        // Two normal levels with a level correlation ρ (Gaussian copula on normal marginals: Pearson ρ exactly);
        // the yearly shocks stay independent. SE of a sample correlation ≈ (1 − ρ²)/√n; 4 SE.
        const double rho = 0.6;
        const int n = 20 * 1024;
        var scenario = Of(
            [Driver("a", new NormalDistribution(0, 1), YearlyVariation.Normal(1)), Driver("b", new NormalDistribution(0, 1), YearlyVariation.Normal(1))],
            [Indicator("x", 0, new FlowModel("a", Count: false), 0, 2020, 2021), Indicator("y", 0, new FlowModel("b", Count: false), 0, 2020, 2021)],
            [new Correlation("a", "b", rho, CorrelationScope.Levels)], paths: n);
        var plan = SimulationPlan.Compile(scenario);
        var ws = new BlockWorkspace(plan);
        var (la, lb, sa, sb) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (int block = 0; block * BlockWorkspace.BlockSize < n; block++)
        {
            BlockSimulator.Simulate(plan, 3, block, BlockWorkspace.BlockSize, ws);
            var levelA = BlockWorkspace.Row(ws.Levels, 0, BlockWorkspace.BlockSize).ToArray();
            var levelB = BlockWorkspace.Row(ws.Levels, 1, BlockWorkspace.BlockSize).ToArray();
            la.AddRange(levelA);
            lb.AddRange(levelB);
            sa.AddRange(BlockWorkspace.Row(ws.Values, 0, BlockWorkspace.BlockSize).ToArray().Select((v, i) => v - levelA[i]));
            sb.AddRange(BlockWorkspace.Row(ws.Values, 1, BlockWorkspace.BlockSize).ToArray().Select((v, i) => v - levelB[i]));
        }
        double levels = MathNet.Numerics.Statistics.Correlation.Pearson(la, lb);
        double shocks = MathNet.Numerics.Statistics.Correlation.Pearson(sa, sb);
        Assert.True(Math.Abs(levels - rho) <= 4 * (1 - rho * rho) / Math.Sqrt(n), $"levels {levels}");
        Assert.True(Math.Abs(shocks) <= 4 / Math.Sqrt(n), $"shocks {shocks}");
    }

    [Fact]
    public void LinearTrend_AddsItsIncrements_MeanAndVarianceAsTheClosedForm()
    {
        // x₅ = 10 + Σ (2 + z_t): mean 20, variance 5, all of it year-to-year.
        const long n = 200_000;
        var scenario = Of([Driver("inc", new FixedDistribution(2), YearlyVariation.Normal(1))],
            [Indicator("x", 10, new LinearTrendModel("inc"), 20, 2020, 2025)], paths: n);
        var y = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 4)).Indicators[0].TargetYear;
        Assert.True(Math.Abs(y.Mean - 20) <= 4 * Math.Sqrt(5.0 / n), $"mean {y.Mean}");
        Assert.True(Math.Abs(y.Variance!.Total - 5) <= 4 * 5 * Math.Sqrt(2.0 / n), $"variance {y.Variance.Total}");
        Assert.Equal(0, y.Variance.Parameters, 12);
        Assert.Equal(20, y.Deterministic, 12);
    }

    [Fact]
    public void LinearTrend_WithBounds_StaysWithinThem()
    {
        // From 95, increments of 3 ± 4 a year: without the bound most paths would pass 100. With bounds [0, 100] every value
        // stays in them; the clamped path never lies above the unbounded one (the same increments after each clamp), so
        // P(x₅ ≥ 99) ≤ P(95 + Σv ≥ 99) = Φ((110 − 99)/√80), and the top of the distribution sits on the bound.
        const long n = 50_000;
        var indicator = Indicator("share", 95, new LinearTrendModel("inc"), 99, 2020, 2025) with { Bounds = new Bounds(0, 100) };
        var scenario = Of([Driver("inc", new FixedDistribution(3), YearlyVariation.Normal(4))], [indicator], paths: n);
        var result = MonteCarlo.Run(scenario, new SimulationOptions(Seed: 5)).Indicators[0];
        foreach (var year in result.Years) Assert.InRange(year.P95, 0, 100);
        Assert.Equal(100, result.TargetYear.P95, 12);
        double unbounded = MathNet.Numerics.Distributions.Normal.CDF(0, 1, 11 / Math.Sqrt(80));
        Assert.True(result.Probability <= unbounded + 4 * Math.Sqrt(unbounded * (1 - unbounded) / n), $"P(x ≥ 99) {result.Probability}");
        Assert.Equal(100, result.TargetYear.Deterministic, 12);
    }

    /// <summary>Every piece of model uncertainty at once: two mixtures (one of stock-flows), a growing count level, correlated levels.</summary>
    [Fact]
    public void EachPathOfAMixture_IsThatPathOfItsOwnStructureAlone_BitForBit()
    {
        // Each structure steps only the paths that drew it, and the count draws of drivers one structure reads are made on
        // those paths alone. A path's value must still be the one its structure gives when it is the indicator's only model
        // (the drivers' streams are keyed by their ids, so the same block draws the same numbers in both plans): negative
        // binomial counts with a growing level, Poisson counts, a growth rate, each read by one structure only.
        Driver[] drivers =
        [
            Driver("a", new PertDistribution(40, 60, 90), YearlyVariation.NegativeBinomial(20)) with { Trend = new GrowingLevel(new NormalDistribution(0.1, 0.05)) },
            Driver("b", new LogNormalDistribution(3, 0.4), YearlyVariation.Poisson),
            Driver("g", new NormalDistribution(0.1, 0.02), YearlyVariation.Growth(0.05)),
        ];
        IndicatorModel[] structures = [new CumulativeModel("a"), new CumulativeModel("b"), new CompoundGrowthModel("g")];
        var mixture = new MixtureModel([new MixtureComponent("a", 0.3, structures[0]), new MixtureComponent("b", 0.3, structures[1]), new MixtureComponent("g", 0.4, structures[2])]);
        SimulationPlan PlanOf(IndicatorModel model) => SimulationPlan.Compile(Of(drivers, [Indicator("x", 10, model, 200)]));
        var plan = PlanOf(mixture);
        var alone = structures.Select(PlanOf).ToArray();
        const int n = BlockWorkspace.BlockSize;
        // The expected-value pass too: given its parameters, a path's expected value is its own structure's. The drivers one
        // structure reads are set on its paths alone, as in a run (DriversOnEveryPath false).
        var ws = new BlockWorkspace(plan) { TracksExpected = true, DriversOnEveryPath = false };
        var counts = new int[structures.Length];
        for (long block = 0; block < 3; block++)
        {
            BlockSimulator.Simulate(plan, 11, block, n, ws);
            var structure = BlockWorkspace.Row(ws.Own, plan.OwnRowStart[0], n).ToArray();
            var values = BlockWorkspace.Row(ws.TargetValues, 0, n).ToArray();
            var expected = BlockWorkspace.Row(ws.ExpectedState, 0, n).ToArray();
            var own = alone.Select(p =>
            {
                var w = new BlockWorkspace(p) { TracksExpected = true };
                BlockSimulator.Simulate(p, 11, block, n, w);
                return (Values: BlockWorkspace.Row(w.TargetValues, 0, n).ToArray(), Expected: BlockWorkspace.Row(w.ExpectedState, 0, n).ToArray());
            }).ToArray();
            for (int i = 0; i < n; i++)
            {
                int c = (int)structure[i];
                counts[c]++;
                Assert.True(BitConverter.DoubleToInt64Bits(values[i]) == BitConverter.DoubleToInt64Bits(own[c].Values[i]),
                    $"block {block}, path {i}, structure {c}: {values[i]:R} in the mixture, {own[c].Values[i]:R} alone");
                Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(own[c].Expected[i]),
                    $"block {block}, path {i}, structure {c}: expected {expected[i]:R} in the mixture, {own[c].Expected[i]:R} alone");
            }
        }
        Assert.All(counts, c => Assert.InRange(c, 700, 1400));
    }

    /// <summary>
    /// A run whose observers record no driver (every run but a path sample) sets the levels and count probabilities of a
    /// driver that one structure reads on that structure's paths alone (<see cref="BlockWorkspace.DriversOnEveryPath"/>).
    /// The block must be the same to the bit as when they are set on every path: each path's state, expected value, target
    /// outcome and shortfall, and the levels and values on the paths that read each driver, under every sampling method.
    /// </summary>
    [Fact]
    public void DriversOfOneStructure_SetOnItsPathsAlone_LeaveTheBlockUnchanged_BitForBit()
    {
        Driver[] drivers =
        [
            Driver("a", new PertDistribution(40, 60, 90), YearlyVariation.NegativeBinomial(20)) with { Trend = new GrowingLevel(new NormalDistribution(0.1, 0.05)) },
            Driver("b", new LogNormalDistribution(3, 0.4), YearlyVariation.Poisson),
            Driver("g", new NormalDistribution(0.1, 0.02), YearlyVariation.Growth(0.05)),
            Driver("c", new LogNormalDistribution(2, 0.3), YearlyVariation.Poisson),
            Driver("exit", new BetaDistribution(2, 38), YearlyVariation.None),
        ];
        var three = Of(drivers,
            [Indicator("x", 10, new MixtureModel([new MixtureComponent("a", 0.3, new CumulativeModel("a")), new MixtureComponent("b", 0.3, new CumulativeModel("b")),
                new MixtureComponent("g", 0.4, new CompoundGrowthModel("g"))]), 200),
             Indicator("firms", 268, new MixtureModel([new MixtureComponent("entries", 0.5, new StockFlowModel("c", "exit")),
                 new MixtureComponent("none", 0.5, new StockFlowModel("exit"))]), 600)]);
        foreach (var scenario in new[] { three, Uncertain() })
        {
            var plan = SimulationPlan.Compile(scenario);
            Assert.Contains(plan.DriverLanes, row => row >= 0);
            int rows = plan.Indicators.Length;
            const int n = 1000; // a partial block: the vector passes' tails too
            foreach (var method in Methods)
            {
                BlockWorkspace Workspace(bool every) => new(plan)
                {
                    DriversOnEveryPath = every, TracksExpected = true,
                    Sobol = method == SamplingMethod.Sobol ? SobolSampling.Create(plan, 7) : null,
                };
                var all = Workspace(true);
                var own = Workspace(false);
                for (long block = 0; block < 2; block++)
                {
                    BlockSimulator.Simulate(plan, 7, block, n, all, method);
                    BlockSimulator.Simulate(plan, 7, block, n, own, method);
                    AssertSameBits(all.State.AsSpan(0, rows * BlockWorkspace.BlockSize), own.State.AsSpan(0, rows * BlockWorkspace.BlockSize), $"{method} state");
                    AssertSameBits(all.ExpectedState.AsSpan(0, rows * BlockWorkspace.BlockSize), own.ExpectedState.AsSpan(0, rows * BlockWorkspace.BlockSize), $"{method} expected");
                    AssertSameBits(all.Shortfall, own.Shortfall, $"{method} shortfall");
                    AssertSameBits(all.TargetValues, own.TargetValues, $"{method} target values");
                    Assert.Equal(all.Met, own.Met);
                    Assert.Equal(all.MetCount, own.MetCount);
                    for (int d = 0; d < plan.DriverCount; d++)
                    {
                        int row = plan.DriverLanes[d];
                        var lanes = row >= 0 ? own.LanesOf(row).ToArray() : Enumerable.Range(0, n).ToArray();
                        Assert.Equal(row >= 0 ? all.LanesOf(row).ToArray() : lanes, lanes);
                        foreach (var (array, name) in new[] { (all.Levels, "level"), (all.Values, "value") })
                        {
                            var mine = name == "level" ? own.Levels : own.Values;
                            AssertSameBits(lanes.Select(i => array[d * BlockWorkspace.BlockSize + i]).ToArray(),
                                lanes.Select(i => mine[d * BlockWorkspace.BlockSize + i]).ToArray(), $"{method} driver {d} {name}");
                        }
                    }
                }
            }
        }
    }

    private static void AssertSameBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]), $"{what} [{i}]: {expected[i]:R} and {actual[i]:R}");
    }

    internal static Scenario Uncertain(long paths = 40_000) => Of(
            [Driver("g", new NormalDistribution(0.1, 0.02), YearlyVariation.Growth(0.05)), Driver("inc", new NormalDistribution(5, 1), YearlyVariation.Normal(2)),
             Driver("new", new PertDistribution(40, 60, 90), YearlyVariation.NegativeBinomial(20)) with { Trend = new GrowingLevel(new NormalDistribution(0.1, 0.05)) },
             Driver("exit", new BetaDistribution(2, 38), YearlyVariation.None)],
            [Indicator("x", 50, new MixtureModel([new MixtureComponent("compound", 0.5, new CompoundGrowthModel("g")), new MixtureComponent("linear", 0.5, new LinearTrendModel("inc"))]), 80),
             Indicator("firms", 268, new MixtureModel([new MixtureComponent("constant", 0.4, new StockFlowModel("new", "exit")),
                 new MixtureComponent("none", 0.6, new StockFlowModel("exit"))]), 600)],
            [new Correlation("g", "inc", 0.5, CorrelationScope.Levels)], paths: paths);

    [Fact]
    public void MixtureRuns_AreThreadInvariant_ForEverySamplingMethod()
    {
        var scenario = Uncertain();
        foreach (var method in Methods)
        {
            var one = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 1, Sampling: method));
            var two = MonteCarlo.Run(scenario, new SimulationOptions(Threads: 2, Sampling: method));
            ReproducibilityTests.AssertIdentical(one, two);
        }
    }

    [Fact]
    public void BadMixturesAndTrends_AreRefused_WithTheirField()
    {
        var drivers = new[] { Driver("a", new FixedDistribution(1), YearlyVariation.None), Driver("b", new FixedDistribution(2), YearlyVariation.None) };
        Scenario With(IndicatorModel model, Driver? extra = null) => Of([.. drivers, .. extra is null ? Array.Empty<Driver>() : [extra]], [Indicator("x", 1, model, 2)]);
        var problems = ScenarioValidator.Problems(With(new MixtureModel([new MixtureComponent("one", 0.5, new FlowModel("a")), new MixtureComponent("two", 0.6, new FlowModel("b"))])));
        Assert.Contains(problems, p => p.Path == "indicators[0].model.mixture" && p.Message.Contains("sum to 1", StringComparison.Ordinal));
        problems = ScenarioValidator.Problems(With(new MixtureModel([new MixtureComponent("one", 1, new FlowModel("a"))])));
        Assert.Contains(problems, p => p.Message.Contains("at least two structures", StringComparison.Ordinal));
        problems = ScenarioValidator.Problems(With(new MixtureModel([new MixtureComponent("one", 0.5, new FlowModel("a")), new MixtureComponent("two", 0.5, new FlowModel("c"))])));
        Assert.Contains(problems, p => p.Path == "indicators[0].model.mixture[1].model.driver" && p.Message.Contains("driver 'c' is not defined", StringComparison.Ordinal));
        problems = ScenarioValidator.Problems(With(new FlowModel("a"),
            Driver("d", new FixedDistribution(1), YearlyVariation.None) with { Trend = new DampedLevel(new FixedDistribution(0), new UniformDistribution(0.5, 1.5)) }));
        Assert.Contains(problems, p => p.Path == "drivers[2].trend.factor");
    }

    [Fact]
    public void MixtureTrendAndLevelCorrelation_RoundTripThroughTheScenarioFormat()
    {
        const string yaml = """
            name: uncertain
            drivers:
              - {id: g, level: {dist: normal, mean: 0.1, sd: 0.02}, yearly: {kind: growth, sd: 0.05}}
              - id: inc
                level: {dist: normal, mean: 5, sd: 1}
                trend: {kind: damped, long-run: {dist: fixed, value: 2}, factor: {dist: beta, alpha: 8, beta: 2}, from: 2021}
              - id: new
                level: {dist: pert, min: 40, mode: 60, max: 90}
                yearly: poisson
                trend: {kind: growth, rate: {dist: normal, mean: 0.1, sd: 0.05}}
            correlations:
              - {drivers: [g, inc], rho: 0.4, of: levels}
              - {drivers: [g, new], rho: 0.2}
            indicators:
              - id: x
                base: {year: 2020, value: 50}
                model:
                  kind: mixture
                  basis: equal prior weights
                  of:
                    - {name: constant growth, weight: 0.5, model: {kind: compound, growth: g}}
                    - {name: linear trend, weight: 0.5, model: {kind: linear, increment: inc}}
                target: {year: 2025, value: 80}
              - {id: firms, base: {year: 2020, value: 268}, model: {kind: stock-flow, entries: new}, target: {year: 2025, value: 600}}
            """;
        var read = ScenarioReader.Parse("uncertain.yaml", yaml);
        var mixture = Assert.IsType<MixtureModel>(read.Indicator("x").Model);
        Assert.Equal(["constant growth", "linear trend"], mixture.Components.Select(c => c.Name));
        Assert.IsType<DampedLevel>(read.Driver("inc").Trend);
        Assert.Equal(CorrelationScope.Levels, read.Correlations[0].Scope);
        Assert.Equal(CorrelationScope.Shocks, read.Correlations[1].Scope);
        string written = ScenarioWriter.Write(read);
        Assert.Equal(written, ScenarioWriter.Write(ScenarioReader.Parse("written.yaml", written)));
        var a = MonteCarlo.Run(read, new SimulationOptions(Paths: 4096, Seed: 1));
        var b = MonteCarlo.Run(ScenarioReader.Parse("written.yaml", written), new SimulationOptions(Paths: 4096, Seed: 1));
        ReproducibilityTests.AssertIdentical(a, b);
    }

    [Fact]
    public void ScenariosWithoutModelUncertainty_DrawExactlyWhatTheyDrewBefore()
    {
        // Adding a trend or a mixture to one driver or indicator leaves every other stream untouched: a scenario's
        // unrelated indicator has the same distribution bit for bit with and without them.
        var plain = ReproducibilityTests.Mixed(8192);
        var richer = plain with
        {
            Drivers = [.. plain.Drivers, Driver("extra", new NormalDistribution(1, 0.1), YearlyVariation.Normal(0.1)) with { Trend = new GrowingLevel(new NormalDistribution(0.05, 0.01)) }],
            Indicators = [.. plain.Indicators, Indicator("extra_x", 1, new MixtureModel([new MixtureComponent("a", 0.5, new LinearTrendModel("extra")),
                new MixtureComponent("b", 0.5, new FlowModel("extra", Count: false))]), 2, headline: false)],
        };
        var a = MonteCarlo.Run(plain, new SimulationOptions(Seed: 2));
        var b = MonteCarlo.Run(richer, new SimulationOptions(Seed: 2));
        foreach (var o in a.Indicators) Assert.Equal(o.Years, b[o.Indicator.Id].Years);
        Assert.Equal(DeterministicProjection.Project(plain)["firms"], DeterministicProjection.Project(richer)["firms"]);
    }
}

public class SignalCheckTests
{
    [Fact]
    public void HistoryOnTrackButProbabilityLow_SaysTheDriversAssumeLessThanHistory()
    {
        // 51 → 268 in five years (39.4% a year) against 600 by 2025 (17.5% needed), but the drivers add 10 a year:
        // the expected path 268 → 318 is 3.5% a year, so the sentence names that pace against the two others.
        var scenario = TestScenarios.Of([TestScenarios.Driver("new", new Engine.Model.FixedDistribution(10), Engine.Model.YearlyVariation.Poisson)],
            [TestScenarios.Indicator("firms", 268, new Engine.Model.StockFlowModel("new"), 600) with { History = [new Engine.Model.HistoryPoint(2015, 51, null, 1)] }],
            paths: 4096);
        var outcome = MonteCarlo.Run(scenario).Indicators[0];
        string? why = Engine.Projection.SignalCheck.Why(outcome);
        Assert.NotNull(why);
        double implied = Math.Pow(318.0 / 268, 1 / 5.0) - 1;
        Assert.StartsWith($"the drivers assume {(100 * implied).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}% a year", why, StringComparison.Ordinal);
        Assert.Contains("39.4% a year in history", why, StringComparison.Ordinal);
        Assert.Contains("17.5% a year the target needs", why, StringComparison.Ordinal);
    }

    [Fact]
    public void AgreeingSignals_SayNothing()
    {
        var scenario = TestScenarios.Of([TestScenarios.Driver("new", new Engine.Model.FixedDistribution(90), Engine.Model.YearlyVariation.Poisson)],
            [TestScenarios.Indicator("firms", 268, new Engine.Model.StockFlowModel("new"), 600) with { History = [new Engine.Model.HistoryPoint(2015, 51, null, 1)] }],
            paths: 4096);
        Assert.Null(Engine.Projection.SignalCheck.Why(MonteCarlo.Run(scenario).Indicators[0]));
    }
}
