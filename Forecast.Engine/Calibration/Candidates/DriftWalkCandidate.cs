using System.Collections.Immutable;
using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// A random walk with drift on a working scale y (the level: constant increments; ln x: compound growth; the logit of a share:
/// logistic saturation): y_{t+Δ} = y_t + bΔ + σ√Δ·ε.
/// </summary>
/// <remarks>
/// Conjugate analysis: σ² ~ scaled inverse χ²(ν₀, s₀²) (the volatility prior), and b either flat or N(m_b, v_b) (the panel's
/// predictive for a new region, used when the own history has fewer than two points). From m changes dᵢ over Δᵢ years, S = ΣΔᵢ,
/// b̂ = Σdᵢ/S, SS = Σ(dᵢ − b̂Δᵢ)²/Δᵢ: ν = ν₀ + m − 1, s² = (ν₀s₀² + SS)/ν, b | σ² ~ N(b̂, σ²/S). The predictive of y_{T+h} is
/// Student t with ν degrees of freedom, centre y_T + h·b̂ and scale² s²(h + h²/S): exact under these priors (with ν₀ → 0 the
/// classical prediction interval). With a normal prior on b, b | σ² is the precision-weighted combination, drawn per path.
/// </remarks>
internal sealed class DriftWalkCandidate : CandidateFit
{
    private readonly WorkingScale _scale;
    private readonly double _originY;
    private readonly double _nu, _s2, _sumSpan, _bHat;
    private readonly DriftPrior? _driftPrior;
    private readonly double _driftPriorVar;
    private readonly string _note;
    private readonly ImmutableArray<CandidateParameter> _parameters;

    public DriftWalkCandidate(CandidateStructure structure, WorkingScale scale, HistoricalSeries series, double sigma0, double nu0, DriftPrior? driftPrior, string unit, string priorSource)
        : base(structure, series.Observations[^1].Year, series.Observations[^1].Value)
    {
        _scale = scale;
        var obs = series.Observations;
        _originY = scale.To(obs[^1].Value);
        (_bHat, double ss, _sumSpan, int m) = scale.Walk(obs);
        _nu = nu0 + Math.Max(m - 1, 0);
        _s2 = (nu0 * sigma0 * sigma0 + ss) / _nu;
        _driftPrior = m >= 1 ? null : driftPrior;
        if (m == 0 && _driftPrior is null)
        {
            throw new ArgumentException(T.ErrDriftNotIdentified, nameof(driftPrior));
        }
        _driftPriorVar = _driftPrior is null ? double.PositiveInfinity : _driftPrior.Sd * _driftPrior.Sd;

        var (bMean, bVar) = DriftGiven(_s2);
        double sigma = Math.Sqrt(_s2);
        bool driftFromPrior = m == 0;
        _parameters =
        [
            new CandidateParameter("drift", new NormalDistribution(bMean, Math.Sqrt(bVar)),
                F(T.CandDriftMeaning, unit, _nu), driftFromPrior),
            new CandidateParameter("volatility", new FixedDistribution(sigma),
                F(T.CandVolatilityMeaning, unit, sigma, _nu), m < 2),
        ];
        _note = m switch
        {
            0 => F(T.CandOnePoint, driftPrior!.Source, priorSource),
            1 => F(T.CandTwoPoints, priorSource, nu0),
            _ => F(T.CandManyChanges, m, priorSource, nu0),
        };
    }

    public override ImmutableArray<CandidateParameter> Parameters => _parameters;

    public override string Note => _note;

    /// <summary>The drift's mean and variance given σ² (flat prior: b̂, σ²/S; normal prior: precision-weighted).</summary>
    private (double Mean, double Variance) DriftGiven(double sigma2)
    {
        if (_driftPrior is null)
        {
            return (_bHat, sigma2 / _sumSpan);
        }
        double dataPrecision = double.IsNaN(_bHat) ? 0 : _sumSpan / sigma2;
        double precision = dataPrecision + 1 / _driftPriorVar;
        double mean = ((double.IsNaN(_bHat) ? 0 : _bHat * dataPrecision) + _driftPrior.Mean / _driftPriorVar) / precision;
        return (mean, 1 / precision);
    }

    internal override void DrawPath(ref Xoshiro256StarStar rng, Span<double> values)
    {
        double sigma2 = Sampling.ScaledInverseChiSquare(ref rng, _nu, _s2);
        var (mean, variance) = DriftGiven(sigma2);
        double b = mean + Math.Sqrt(variance) * Sampling.Normal(ref rng);
        double sigma = Math.Sqrt(sigma2);
        double y = _originY;
        for (int h = 0; h < values.Length; h++)
        {
            y += b + sigma * Sampling.Normal(ref rng);
            values[h] = _scale.From(y);
        }
    }

    internal override double LogPredictiveDensity(int year, double value)
    {
        if (!_scale.Accepts(value)) return double.NegativeInfinity;
        double h = year - OriginYear;
        var (mean, variance) = DriftGiven(_s2);
        double scale = Math.Sqrt(_s2 * h + h * h * variance);
        return Sampling.StudentTLogDensity(_scale.To(value), _originY + h * mean, scale, _nu) + _scale.LogJacobian(value);
    }
}
