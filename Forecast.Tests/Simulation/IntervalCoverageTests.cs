using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;
using MathNet.Numerics.Distributions;

namespace Forecast.Tests.Simulation;

/// <summary>
/// Coverage of the reported 95% intervals under every sampling method, over repeated runs with independent seeds, against
/// closed-form probabilities: a monotone target, the band of issue 14 (two headline targets that hold together when
/// |z| ≤ 0.5, where antithetic pairs agree) and a joint target (every target, two independent drivers).
/// </summary>
/// <remarks>
/// <para>
/// A correct interval covers in a number of runs that is Binomial(R, 0.95). The check accepts
/// 0.95R ± 3.5·√(0.95·0.05·R) (for the suite's R = 200: 179 to 201 runs; a correct interval falls outside with probability
/// 5·10⁻⁴ per check, 6·10⁻³ over the twelve checks). The antithetic band's old interval, which assumed independent paths,
/// covered about 83% (166 of 200), far outside, as does any interval whose variance is underestimated by a factor of 2.
/// </para>
/// <para>
/// Each run has 64 blocks of 1,024 paths (16 Sobol replicates of four blocks). A target that hangs on a single draw ("lo",
/// and the band, which is one draw between two thresholds) is stratified so well by Latin hypercube and Sobol sampling that
/// each unit meets it in k or k + 1 paths (two or three values: a count of rare events), and the interval's two pseudo-units
/// (<see cref="ClusteredInterval.PseudoSpread"/>) make it conservative there by design: in the model where each of C units
/// adds a Bernoulli(q) to a constant, Student's t with the pseudo-units covers 99.0% at C = 16 and 96.7% at C = 64 on
/// average over q (never below 94.5%), and without them 84% and 91% (down to 4% and 15% for some q). Measured over 2,000
/// runs of 64 blocks: 97.8% (Latin hypercube) and 98.3% (Sobol) for those two targets. So for these two methods and
/// these two targets the check is one-sided: no fewer runs covered than 0.95R − 3.5 sd (an interval that claims more
/// certainty than it has fails it); every other method and target, the joint target of two draws included, is checked
/// both ways. FORECAST_COVERAGE_RUNS and FORECAST_COVERAGE_BLOCKS set a longer run (docs/testing.md gives the figures).
/// </para>
/// </remarks>
public class IntervalCoverageTests
{
    /// <summary>Repeated runs per coverage check: 200, or FORECAST_COVERAGE_RUNS.</summary>
    internal static readonly int Runs = int.TryParse(Environment.GetEnvironmentVariable("FORECAST_COVERAGE_RUNS"), out int r) ? r : 200;
    private static readonly int Blocks = int.TryParse(Environment.GetEnvironmentVariable("FORECAST_COVERAGE_BLOCKS"), out int b) ? b : 64;

    /// <summary>
    /// Two growth drivers with yearly z: x = 100·e^(0.1z − 0.005), y = 100·e^(0.2w − 0.02). "lo" holds when z ≥ −0.5 (monotone),
    /// "hi" when z ≤ 0.5; both headline, so every headline target holds when |z| ≤ 0.5 (the band); "w" (not headline) when
    /// w ≥ 0.3, so every target holds when |z| ≤ 0.5 and w ≥ 0.3 (the joint target).
    /// </summary>
    internal static Scenario Band(long paths) => TestScenarios.Of(
        [TestScenarios.Driver("g", new FixedDistribution(0), YearlyVariation.Growth(0.1)),
         TestScenarios.Driver("h", new FixedDistribution(0), YearlyVariation.Growth(0.2))],
        [TestScenarios.Indicator("lo", 100, new CompoundGrowthModel("g"), 100 * Math.Exp(0.1 * -0.5 - 0.005), 2024, 2025),
         TestScenarios.Indicator("hi", 100, new CompoundGrowthModel("g"), 100 * Math.Exp(0.1 * 0.5 - 0.005), 2024, 2025, direction: Direction.AtMost),
         TestScenarios.Indicator("w", 100, new CompoundGrowthModel("h"), 100 * Math.Exp(0.2 * 0.3 - 0.02), 2024, 2025, headline: false)],
        paths: paths);

    public static TheoryData<SamplingMethod> Methods() =>
        [SamplingMethod.Random, SamplingMethod.Antithetic, SamplingMethod.LatinHypercube, SamplingMethod.Sobol];

    [Theory]
    [MemberData(nameof(Methods))]
    public void ReportedIntervals_CoverTheClosedForm_AsOftenAsTheySay(SamplingMethod method)
    {
        double monotone = Normal.CDF(0, 1, 0.5), band = Normal.CDF(0, 1, 0.5) - Normal.CDF(0, 1, -0.5);
        double joint = band * (1 - Normal.CDF(0, 1, 0.3));
        long paths = (long)Blocks * BlockWorkspace.BlockSize;
        var scenario = Band(paths);
        int coveredMonotone = 0, coveredBand = 0, coveredJoint = 0;
        double widthBand = 0;
        for (int run = 0; run < Runs; run++)
        {
            var result = MonteCarlo.Run(scenario, new SimulationOptions(Paths: paths, Seed: (ulong)(1000 + run), Sampling: method, Threads: 1));
            if (result["lo"].ProbabilityCi95.Contains(monotone)) coveredMonotone++;
            if (result.AllHeadlineCi95.Contains(band)) coveredBand++;
            if (result.AllTargetsCi95.Contains(joint)) coveredJoint++;
            widthBand += result.AllHeadlineCi95.HalfWidth / Runs;
        }
        var (low, high) = Accepted(Runs);
        string report = FormattableString.Invariant(
            $"{method}, {Runs} runs of {paths} paths: monotone {coveredMonotone}, band {coveredBand} (mean half-width {widthBand:E2}), joint {coveredJoint}; accepted {low:F0} to {high:F0}");
        Record(report);
        // Targets of a single draw under the stratifying methods: conservative by design (see the remarks), checked one way.
        bool stratified = method is SamplingMethod.LatinHypercube or SamplingMethod.Sobol;
        foreach (int covered in new[] { coveredMonotone, coveredBand })
            Assert.True(covered >= low && (stratified || covered <= high), report);
        Assert.True(coveredJoint >= low && coveredJoint <= high, report);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Precision_StopsAtTheFirstWaveWhoseReportedHalfWidthsReachIt(SamplingMethod method)
    {
        // --precision adds waves of paths until every target's interval, as the result reports it (the method's own
        // variance), is at most h wide on each side; the same paths run at a fixed count report the same intervals. At
        // h = 0.002 plain sampling needs about 200,000 paths (seven waves of 32,768), antithetic sampling fewer (the
        // targets are monotone in their draw), Latin hypercube and Sobol sampling one wave (every target is one draw).
        const double h = 0.002;
        const ulong seed = 3;
        var scenario = Band(1);
        static double Widest(Forecast.Engine.Results.SimulationResult r) => r.Indicators.Max(o => o.ProbabilityCi95.HalfWidth);
        var stopped = MonteCarlo.Run(scenario, new SimulationOptions(Seed: seed, Precision: h, Sampling: method, Threads: 1));
        Assert.True(Widest(stopped) <= h, $"{Widest(stopped)} after {stopped.Paths} paths");
        long wave = MonteCarlo.ShardsPerPrecisionWave * BlockRunner.PathsPerShard;
        Assert.Equal(0, stopped.Paths % wave);
        var same = MonteCarlo.Run(scenario, new SimulationOptions(Paths: stopped.Paths, Seed: seed, Sampling: method, Threads: 1));
        Assert.Equal(same.Indicators.Select(o => o.ProbabilityCi95), stopped.Indicators.Select(o => o.ProbabilityCi95));
        if (stopped.Paths == wave) return;
        var before = MonteCarlo.Run(scenario, new SimulationOptions(Paths: stopped.Paths - wave, Seed: seed, Sampling: method, Threads: 1));
        Assert.True(Widest(before) > h, $"{Widest(before)} after {before.Paths} paths already reached {h}");
    }

    /// <summary>The runs a correct 95% interval covers in, of <paramref name="runs"/>: 0.95R ± 3.5 binomial standard deviations.</summary>
    internal static (double Low, double High) Accepted(int runs)
    {
        double expected = 0.95 * runs, slack = 3.5 * Math.Sqrt(0.95 * 0.05 * runs);
        return (expected - slack, expected + slack);
    }

    /// <summary>Appends a coverage count to forecast-coverage.txt in the temporary folder (the long run's record).</summary>
    internal static void Record(string report) =>
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "forecast-coverage.txt"), report + Environment.NewLine);

    [Fact]
    public void AntitheticBand_HalfWidthIsThePairsOwn_NotTheIndependentPathsOne()
    {
        // Issue 14's figures: at 10⁶ paths the band's antithetic estimator has variance 2p(1 − p)/n (the pair members agree),
        // so its half-width is √2 times Wilson's 0.00095: 0.00135.
        const long paths = 1_000_000;
        var result = MonteCarlo.Run(Band(paths), new SimulationOptions(Paths: paths, Seed: 7, Sampling: SamplingMethod.Antithetic));
        double p = Normal.CDF(0, 1, 0.5) - Normal.CDF(0, 1, -0.5);
        double honest = WilsonInterval.Z95 * Math.Sqrt(2 * p * (1 - p) / paths);
        Assert.Equal("antithetic pairs", result.Intervals!.Name);
        Assert.Equal(paths / 2, result.Intervals.Units);
        // The estimated variance has 5·10⁵ degrees of freedom: its half-width is within 1% of the true one (3 sd = 0.6%).
        Assert.InRange(result.AllHeadlineCi95.HalfWidth, 0.99 * honest, 1.01 * honest);
    }
}
