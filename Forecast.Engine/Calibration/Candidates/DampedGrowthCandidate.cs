using System.Collections.Immutable;
using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Damped growth on the log scale: ln x_{t} = ln x_{t−1} + gₜ + σε, gₜ = g∞ + (g₀ − g∞)·φ^(t−1), t the years since the first
/// observation. The growth decays from its early pace g₀ towards the long-run growth g∞ (the panel's, a national or provincial
/// trend, when there is one) at the rate φ.
/// </summary>
/// <remarks>
/// φ ~ Beta(a, b), a stated prior (not updated: a handful of points cannot identify a decay), integrated by K equal-probability
/// nodes (its quantiles at (k + ½)/K). g∞ ~ N(m∞, v∞) (the long-run prior), g₀ flat. Given φ and σ², the changes dᵢ are linear in
/// (g₀, g∞): dᵢ = aᵢg₀ + (Δᵢ − aᵢ)g∞ + N(0, σ²Δᵢ) with aᵢ = Σ φ^(t−1) over the years of change i, so (g₀, g∞) has a normal posterior;
/// σ² ~ scaled inverse χ² as the random walk's (the changes' scatter around their mean, with the volatility prior: conservative,
/// the decay itself adds to that scatter).
/// </remarks>
internal sealed class DampedGrowthCandidate : CandidateFit
{
    /// <summary>Nodes of the decay's Beta prior.</summary>
    public const int Nodes = 16;

    private readonly int _firstYear;
    private readonly double _originY, _nu, _s2;
    private readonly double[] _phi;
    private readonly (double A, double C, double D, double Span)[] _changes;
    private readonly double _longRunMean, _longRunVar;
    private readonly (double G0, double GInf, double V00, double V01, double V11)[] _atEstimate;
    private readonly ImmutableArray<CandidateParameter> _parameters;
    private readonly ImmutableArray<ParameterCorrelation> _correlations;
    private readonly string _note;

    public DampedGrowthCandidate(HistoricalSeries series, double sigma0, double nu0, DriftPrior longRun, BetaDistribution decay, string priorSource)
        : base(CandidateStructure.DampedGrowth, series.Observations[^1].Year, series.Observations[^1].Value)
    {
        var obs = series.Observations;
        if (obs.Length < 2)
        {
            throw new ArgumentException(T.ErrDampedTwoObservations, nameof(series));
        }
        _firstYear = obs[0].Year;
        _originY = Math.Log(obs[^1].Value);
        _longRunMean = longRun.Mean;
        _longRunVar = longRun.Sd * longRun.Sd;
        _phi = Enumerable.Range(0, Nodes).Select(k => decay.Quantile((k + 0.5) / Nodes)).ToArray();

        var (_, ss, _, m) = WorkingScale.Log.Walk(obs);
        _nu = nu0 + m - 1;
        _s2 = (nu0 * sigma0 * sigma0 + ss) / _nu;

        _changes = new (double, double, double, double)[m * Nodes];
        for (int k = 0; k < Nodes; k++)
        {
            for (int i = 1; i < obs.Length; i++)
            {
                double a = DecaySum(_phi[k], obs[i - 1].Year, obs[i].Year);
                double span = obs[i].Year - obs[i - 1].Year;
                _changes[k * m + (i - 1)] = (a, span - a, Math.Log(obs[i].Value / obs[i - 1].Value), span);
            }
        }
        _atEstimate = Enumerable.Range(0, Nodes).Select(k => Posterior(k, _s2)).ToArray();

        // The mapping: the growth of the first forecast year, the long-run growth (mixtures over the decay's nodes), the decay's prior.
        int t = OriginYear + 1 - _firstYear;
        double gMean = 0, gSecond = 0, lMean = 0, lSecond = 0, cross = 0;
        for (int k = 0; k < Nodes; k++)
        {
            var p = _atEstimate[k];
            double w = Math.Pow(_phi[k], t - 1);
            double g = p.GInf + (p.G0 - p.GInf) * w;
            double gVar = w * w * p.V00 + 2 * w * (1 - w) * p.V01 + (1 - w) * (1 - w) * p.V11;
            gMean += g / Nodes;
            gSecond += (gVar + g * g) / Nodes;
            lMean += p.GInf / Nodes;
            lSecond += (p.V11 + p.GInf * p.GInf) / Nodes;
            cross += (w * p.V01 + (1 - w) * p.V11 + g * p.GInf) / Nodes;
        }
        double gSd = Math.Sqrt(Math.Max(0, gSecond - gMean * gMean)), lSd = Math.Sqrt(Math.Max(0, lSecond - lMean * lMean));
        _correlations = gSd > 0 && lSd > 0 ? [new ParameterCorrelation("growth", "long-run growth", (cross - gMean * lMean) / (gSd * lSd))] : [];
        _parameters =
        [
            new CandidateParameter("growth", new NormalDistribution(gMean, Math.Sqrt(Math.Max(0, gSecond - gMean * gMean))),
                F(T.DgGrowthMeaning, OriginYear + 1)),
            new CandidateParameter("long-run growth", new NormalDistribution(lMean, Math.Sqrt(Math.Max(0, lSecond - lMean * lMean))),
                F(T.DgLongRunMeaning, longRun.Source), m < 3),
            new CandidateParameter("damping factor", decay, T.DgDampingMeaning, FromPrior: true),
            new CandidateParameter("volatility", new FixedDistribution(Math.Sqrt(_s2)),
                F(T.DgVolatilityMeaning, Math.Sqrt(_s2), _nu), m < 2),
        ];
        _note = F(T.DgNote, longRun.Source, decay.Describe(), m < 2 ? F(T.DgSigmaPrior, priorSource) : T.DgSigmaData);
    }

    public override ImmutableArray<CandidateParameter> Parameters => _parameters;

    public override ImmutableArray<ParameterCorrelation> Correlations => _correlations;

    public override string Note => _note;

    /// <summary>Σ φ^(t−1) over the years t of the change from <paramref name="fromYear"/> to <paramref name="toYear"/>.</summary>
    private double DecaySum(double phi, int fromYear, int toYear)
    {
        double sum = 0;
        for (int t = fromYear - _firstYear + 1; t <= toYear - _firstYear; t++) sum += Math.Pow(phi, t - 1);
        return sum;
    }

    /// <summary>The normal posterior of (g₀, g∞) at decay node k and volatility σ²: means and covariance.</summary>
    private (double G0, double GInf, double V00, double V01, double V11) Posterior(int k, double sigma2)
    {
        int m = _changes.Length / Nodes;
        double p00 = 0, p01 = 0, p11 = 1 / _longRunVar, r0 = 0, r1 = _longRunMean / _longRunVar;
        for (int i = 0; i < m; i++)
        {
            var (a, c, d, span) = _changes[k * m + i];
            double w = 1 / (sigma2 * span);
            p00 += w * a * a;
            p01 += w * a * c;
            p11 += w * c * c;
            r0 += w * a * d;
            r1 += w * c * d;
        }
        double det = p00 * p11 - p01 * p01;
        double v00 = p11 / det, v01 = -p01 / det, v11 = p00 / det;
        return (v00 * r0 + v01 * r1, v01 * r0 + v11 * r1, v00, v01, v11);
    }

    internal override void DrawPath(ref Xoshiro256StarStar rng, Span<double> values)
    {
        int k = Math.Min(Nodes - 1, (int)(rng.NextDouble() * Nodes));
        double sigma2 = Sampling.ScaledInverseChiSquare(ref rng, _nu, _s2);
        var p = Posterior(k, sigma2);
        // (g₀, g∞) ~ N(mean, V) through the Cholesky factor of V.
        double l00 = Math.Sqrt(p.V00), l10 = p.V01 / l00, l11 = Math.Sqrt(Math.Max(0, p.V11 - l10 * l10));
        double z0 = Sampling.Normal(ref rng), z1 = Sampling.Normal(ref rng);
        double g0 = p.G0 + l00 * z0, gInf = p.GInf + l10 * z0 + l11 * z1;
        double sigma = Math.Sqrt(sigma2), y = _originY, phi = _phi[k];
        for (int h = 0; h < values.Length; h++)
        {
            int t = OriginYear + h + 1 - _firstYear;
            y += gInf + (g0 - gInf) * Math.Pow(phi, t - 1) + sigma * Sampling.Normal(ref rng);
            values[h] = Math.Exp(y);
        }
    }

    internal override double LogPredictiveDensity(int year, double value)
    {
        if (!(value > 0)) return double.NegativeInfinity;
        double span = year - OriginYear;
        Span<double> logs = stackalloc double[Nodes];
        for (int k = 0; k < Nodes; k++)
        {
            var p = _atEstimate[k];
            double a = DecaySum(_phi[k], OriginYear, year), c = span - a;
            double mean = _originY + a * p.G0 + c * p.GInf;
            double variance = _s2 * span + a * a * p.V00 + 2 * a * c * p.V01 + c * c * p.V11;
            logs[k] = Sampling.StudentTLogDensity(Math.Log(value), mean, Math.Sqrt(variance), _nu);
        }
        return Sampling.LogSumExp(logs) - Math.Log(Nodes) - Math.Log(value);
    }
}
