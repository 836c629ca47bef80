using System.Collections.Immutable;
using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;

namespace Forecast.Tests.Calibration.Candidates;

/// <summary>What generates a synthetic history and its future.</summary>
public enum SbcTruth
{
    Linear,
    Compound,
    Damped,
    Logistic,
    StockConstant,
    StockGrowing,
    LevelMixture,
    StockMixture,
    /// <summary>Compound growth whose drift halves and whose level drops 15% in the first forecast year: outside every candidate.</summary>
    RegimeChange,
}

/// <summary>Coverage of one setting: per horizon h = 1..5, how many futures fell inside the 50% and 90% intervals.</summary>
/// <param name="Truth">The truth.</param>
/// <param name="Points">Points of history.</param>
/// <param name="Histories">Histories used.</param>
/// <param name="Excluded">Histories the analysis refused (a value outside its scale).</param>
/// <param name="Covered50">Per horizon, futures inside the 50% interval.</param>
/// <param name="Covered90">Per horizon, futures inside the 90% interval.</param>
/// <param name="MeanLogWidth90">Per horizon, the mean ln(upper/lower) of the 90% interval.</param>
/// <param name="LogWidth90Variance">Per horizon, its variance over the histories.</param>
/// <param name="LastWidths">Each history's ln(upper/lower) of the 90% interval at the last horizon (NaN for an excluded history), in history order.</param>
public sealed record SbcResult(SbcTruth Truth, int Points, int Histories, int Excluded, ImmutableArray<int> Covered50, ImmutableArray<int> Covered90, ImmutableArray<double> MeanLogWidth90, ImmutableArray<double> LogWidth90Variance, ImmutableArray<double> LastWidths)
{
    public double Coverage50(int h) => (double)Covered50[h - 1] / Histories;

    public double Coverage90(int h) => (double)Covered90[h - 1] / Histories;
}

/// <summary>
/// Simulation-based calibration of the candidate analysis (Talts et al. 2018, in its coverage form): histories are drawn from known
/// truth, the truth's parameters from the same priors the analysis is given (volatility σ² ~ scaled inverse χ²(4, 0.08²), the
/// panel drift N(0.10, 0.05²), the decay Beta(8, 2), the scenario-style exit rate PERT(0.02, 0.05, 0.10)) and the flat-prior
/// parameters (drift, early growth, entries) from wide uniforms; then the 50% and 90% central intervals of the predictive are
/// checked against the truth's own future.
/// </summary>
public static class SimulationBasedCalibration
{
    public const int Horizon = 5;
    public const int FirstYear = 2001;
    private const double Sigma0 = 0.08, Nu0 = 4, LevelSigma0 = 8;
    private static readonly DriftPrior PanelDrift = new(0.10, 0.05, "SBC panel drift N(0.10, 0.05^2)");
    private static readonly BetaDistribution Decay = new(8, 2);
    private static readonly PertDistribution ExitRate = new(0.02, 0.05, 0.10);
    private static readonly ShareBounds Percent = new(0, 100);

    public static CandidateOptions Options { get; } = new()
    {
        StatedVolatility = new VolatilityPrior(Sigma0, Nu0, VolatilityPriorBasis.Stated, "SBC prior: sigma0 0.08 on 4 df"),
        StatedLevelVolatility = LevelSigma0,
        StatedPanelDrift = PanelDrift,
        DampingPrior = Decay,
    };

    public static IndicatorShape Shape(SbcTruth truth) => truth switch
    {
        SbcTruth.Logistic => new ShareShape(Percent),
        SbcTruth.StockConstant or SbcTruth.StockGrowing or SbcTruth.StockMixture => new StockShape(ExitRate, null),
        _ => IndicatorShape.PositiveLevel,
    };

    /// <summary>The candidate whose predictive is checked: the truth's own structure, or null for the mixture of all candidates.</summary>
    public static CandidateStructure? Checked(SbcTruth truth) => truth switch
    {
        SbcTruth.Linear => CandidateStructure.LinearTrend,
        SbcTruth.Compound => CandidateStructure.CompoundGrowth,
        SbcTruth.Damped => CandidateStructure.DampedGrowth,
        SbcTruth.Logistic => CandidateStructure.LogisticSaturation,
        SbcTruth.StockConstant => CandidateStructure.StockFlowConstantEntries,
        SbcTruth.StockGrowing => CandidateStructure.StockFlowGrowingEntries,
        SbcTruth.RegimeChange => CandidateStructure.CompoundGrowth,
        _ => null,
    };

    public static SbcResult Run(SbcTruth truth, int points, int histories, int draws, ulong seed, bool mixturePredictive = false)
    {
        var rng = Xoshiro256StarStar.FromSeed(seed);
        var in50 = new int[Horizon];
        var in90 = new int[Horizon];
        var widthSum = new double[Horizon];
        var widthSquares = new double[Horizon];
        int excluded = 0, used = 0;
        var path = new double[points + Horizon];
        CandidateStructure? check = mixturePredictive ? null : Checked(truth);
        var lastWidths = new double[histories];
        for (int r = 0; r < histories; r++)
        {
            Simulate(truth, ref rng, path);
            var own = HistoricalSeries.FromValues("x", Enumerable.Range(0, points).Select(i => (FirstYear + i, path[i])));
            CandidateSet? set = path.Take(points).All(v => v > 0 && double.IsFinite(v)) ? CandidateAnalysis.Fit(own, [], [], Shape(truth), Options) : null;
            if (set is null)
            {
                lastWidths[r] = double.NaN;
                excluded++;
                continue;
            }
            used++;
            ulong drawSeed = rng.NextUInt64();
            MixturePredictive p = check is { } s ? set.PredictCandidate(s, Horizon, draws, drawSeed) : set.Predict(Horizon, draws, drawSeed);
            for (int h = 1; h <= Horizon; h++)
            {
                double actual = path[points - 1 + h];
                var (l50, u50) = p.Interval(h, 0.5);
                var (l90, u90) = p.Interval(h, 0.9);
                in50[h - 1] += l50 <= actual && actual <= u50 ? 1 : 0;
                in90[h - 1] += l90 <= actual && actual <= u90 ? 1 : 0;
                double width = Math.Log(Math.Max(u90, 1e-9) / Math.Max(l90, 1e-9));
                widthSum[h - 1] += width;
                widthSquares[h - 1] += width * width;
                if (h == Horizon) lastWidths[r] = width;
            }
        }
        var mean = widthSum.Select(w => w / used).ToImmutableArray();
        var variance = widthSquares.Select((s, i) => (s / used - mean[i] * mean[i]) * used / (used - 1.0)).ToImmutableArray();
        return new SbcResult(truth, points, used, excluded, [.. in50], [.. in90], mean, variance, [.. lastWidths]);
    }

    /// <summary>σ with σ² ~ ν₀s₀²/χ²_ν₀, ν₀ = 4: the chi-square as the sum of four squared standard normals.</summary>
    private static double Sigma(ref Xoshiro256StarStar rng, double s0)
    {
        Span<double> z = stackalloc double[(int)Nu0];
        rng.FillStandardNormal(z);
        double chi2 = 0;
        foreach (double v in z) chi2 += v * v;
        return Math.Sqrt(Nu0 * s0 * s0 / chi2);
    }

    private static double Normal(ref Xoshiro256StarStar rng)
    {
        Span<double> z = stackalloc double[1];
        rng.FillStandardNormal(z);
        return z[0];
    }

    private static double Uniform(ref Xoshiro256StarStar rng, double a, double b) => a + (b - a) * rng.NextDouble();

    private static void Simulate(SbcTruth truth, ref Xoshiro256StarStar rng, double[] path)
    {
        switch (truth)
        {
            case SbcTruth.LevelMixture:
                Simulate((SbcTruth)(int)(rng.NextDouble() * 3), ref rng, path);
                return;
            case SbcTruth.StockMixture:
                Simulate(rng.NextDouble() < 0.5 ? SbcTruth.StockConstant : SbcTruth.StockGrowing, ref rng, path);
                return;
            case SbcTruth.Linear:
            {
                double b = Uniform(ref rng, 0, 20), sigma = Sigma(ref rng, LevelSigma0), x = 100;
                for (int t = 0; t < path.Length; t++)
                {
                    if (t > 0) x += b + sigma * Normal(ref rng);
                    path[t] = x;
                }
                return;
            }
            case SbcTruth.Compound:
            case SbcTruth.RegimeChange:
            {
                double g = Uniform(ref rng, 0, 0.3), sigma = Sigma(ref rng, Sigma0), y = Math.Log(100);
                int points = path.Length - Horizon;
                for (int t = 0; t < path.Length; t++)
                {
                    bool after = truth == SbcTruth.RegimeChange && t >= points;
                    if (t > 0) y += (after ? g / 2 : g) + sigma * Normal(ref rng) + (after && t == points ? Math.Log(0.85) : 0);
                    path[t] = Math.Exp(y);
                }
                return;
            }
            case SbcTruth.Damped:
            {
                double gInf = PanelDrift.Mean + PanelDrift.Sd * Normal(ref rng);
                double phi = Decay.Quantile(rng.NextOpenDouble()), g0 = Uniform(ref rng, 0, 0.4), sigma = Sigma(ref rng, Sigma0), y = Math.Log(100);
                for (int t = 0; t < path.Length; t++)
                {
                    if (t > 0) y += gInf + (g0 - gInf) * Math.Pow(phi, t - 1) + sigma * Normal(ref rng);
                    path[t] = Math.Exp(y);
                }
                return;
            }
            case SbcTruth.Logistic:
            {
                double z = Uniform(ref rng, -2, 0), b = Uniform(ref rng, 0, 0.3), sigma = Sigma(ref rng, Sigma0);
                for (int t = 0; t < path.Length; t++)
                {
                    if (t > 0) z += b + sigma * Normal(ref rng);
                    path[t] = Percent.FromLogit(z);
                }
                return;
            }
            default:
            {
                bool growing = truth == SbcTruth.StockGrowing;
                double q = ExitRate.Quantile(rng.NextOpenDouble()), e = Uniform(ref rng, 10, 60);
                double rho = growing ? PanelDrift.Mean + PanelDrift.Sd * Normal(ref rng) : 0;
                int n = (int)Uniform(ref rng, 40, 300);
                for (int t = 0; t < path.Length; t++)
                {
                    if (t > 0)
                    {
                        int exits = DiscreteQuantile.Binomial(rng.NextOpenDouble(), n, q);
                        n = n - exits + DiscreteQuantile.Poisson(rng.NextOpenDouble(), e * Math.Exp(rho * (t - 1)));
                    }
                    path[t] = n;
                }
                return;
            }
        }
    }
}
