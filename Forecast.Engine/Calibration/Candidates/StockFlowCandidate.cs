using System.Collections.Immutable;
using Forecast.Engine.Model;
using Forecast.Engine.Randomness;
using Forecast.Engine.Statistics;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// A stock of counted units: Nₜ = Nₜ₋₁ − Binomial(Nₜ₋₁, q) + Eₜ, Eₜ ~ Poisson(eₜ) (or negative binomial with the entries driver's
/// dispersion), eₜ = e (constant entries) or e·exp(ρ(t − 1)) (entries growing at r = e^ρ − 1), t the years since the first
/// observation.
/// </summary>
/// <remarks>
/// The exit rate q is not identified by stock levels: it is drawn from the scenario's exit-rate driver (a stated assumption). The
/// growth ρ of the entries is not identified by two levels either: it is drawn from its prior (the panel's growth of the same
/// indicator). Given q and ρ, e closes the balance from the first to the last observation,
/// ê = (N_T − N₀s^Δ)/Σₜ exp(ρ(t−1))s^(Δ−t), s = 1 − q, with the sd of the balance's counting noise (binomial survival, entry
/// counts) over the same sum; e ~ LogNormal(ln ê, sd/ê). With one observation, the stock grows at the panel's growth g in its
/// first forecast year: e = N_T(e^g − 1 + q).
/// </remarks>
internal sealed class StockFlowCandidate : CandidateFit
{
    private const int DensityDraws = 256;

    private readonly bool _growing;
    private readonly double[] _exitRates;
    private readonly double? _dispersion;
    private readonly DriftPrior? _growthPrior;
    private readonly int _firstYear;
    private readonly double _firstValue;
    private readonly bool _fromPanel;
    private readonly Distribution _exitRate;
    private readonly string _unit;
    private readonly Lazy<(ImmutableArray<CandidateParameter> Parameters, ImmutableArray<ParameterCorrelation> Correlations)> _parameters;
    private readonly string _note;
    private readonly Lazy<(double Q, double Rho, double E)[]> _densityDraws;

    public StockFlowCandidate(bool growing, HistoricalSeries series, double[] exitRates, Distribution exitRate, double? dispersion, DriftPrior? growthPrior, string unit)
        : base(growing ? CandidateStructure.StockFlowGrowingEntries : CandidateStructure.StockFlowConstantEntries, series.Observations[^1].Year, series.Observations[^1].Value)
    {
        _growing = growing;
        _exitRates = exitRates;
        _dispersion = dispersion;
        _growthPrior = growthPrior;
        _firstYear = series.Observations[0].Year;
        _firstValue = series.Observations[0].Value;
        _fromPanel = series.Count < 2;
        if (_fromPanel && growthPrior is null)
        {
            throw new ArgumentException(T.ErrEntriesNotIdentified, nameof(growthPrior));
        }
        if (growing && growthPrior is null)
        {
            throw new ArgumentException(T.ErrGrowingEntriesPrior, nameof(growthPrior));
        }

        _exitRate = exitRate;
        _unit = unit;
        _parameters = new Lazy<(ImmutableArray<CandidateParameter>, ImmutableArray<ParameterCorrelation>)>(Summarise);
        _densityDraws = new Lazy<(double, double, double)[]>(() =>
        {
            var rng = Xoshiro256StarStar.FromSeed(0x5EED_F10Eu);
            var draws = new (double, double, double)[DensityDraws];
            for (int i = 0; i < DensityDraws; i++) draws[i] = DrawParameters(ref rng);
            return draws;
        });
        _note = _fromPanel
            ? F(growing ? T.SfOneLevelGrowing : T.SfOneLevelConstant, growthPrior!.Source)
            : growing
                ? F(T.SfGrowing, growthPrior!.Source, _firstYear, OriginYear)
                : F(T.SfConstant, _firstYear, OriginYear);
    }

    public override ImmutableArray<CandidateParameter> Parameters => _parameters.Value.Parameters;

    public override ImmutableArray<ParameterCorrelation> Correlations => _parameters.Value.Correlations;

    /// <summary>The entries (and their growth) as distributions matched to 2,048 parameter draws (a fixed seed: the same every time).</summary>
    private (ImmutableArray<CandidateParameter>, ImmutableArray<ParameterCorrelation>) Summarise()
    {
        var rng = Xoshiro256StarStar.FromSeed(0x5EED_5A4Du);
        const int momentDraws = 2048;
        double sumLog = 0, sumLog2 = 0, sumRho = 0, sumRho2 = 0, sumCross = 0, sumRhoPositive = 0, sumRho2Positive = 0;
        int positive = 0;
        for (int i = 0; i < momentDraws; i++)
        {
            var (_, rho, e) = DrawParameters(ref rng);
            if (e > 0)
            {
                sumLog += Math.Log(e);
                sumLog2 += Math.Log(e) * Math.Log(e);
                sumCross += Math.Log(e) * rho;
                sumRhoPositive += rho;
                sumRho2Positive += rho * rho;
                positive++;
            }
            sumRho += rho;
            sumRho2 += rho * rho;
        }
        double mu = sumLog / positive, sd = Math.Sqrt(Math.Max(0, sumLog2 / positive - mu * mu));
        var parameters = ImmutableArray.CreateBuilder<CandidateParameter>();
        parameters.Add(new CandidateParameter("entries", new LogNormalDistribution(mu, sd),
            _growing ? F(T.SfEntriesGrowingMeaning, _unit, (_fromPanel ? OriginYear : _firstYear) + 1) : F(T.SfEntriesMeaning, _unit), _fromPanel));
        if (_growing)
        {
            double rhoMean = sumRho / momentDraws;
            parameters.Add(new CandidateParameter("entries growth", new NormalDistribution(rhoMean, Math.Sqrt(Math.Max(0, sumRho2 / momentDraws - rhoMean * rhoMean))),
                F(T.SfEntriesGrowthMeaning, _growthPrior!.Source), FromPrior: true));
        }
        parameters.Add(new CandidateParameter("exit rate", _exitRate, T.SfExitMeaning, FromPrior: true));
        var correlations = ImmutableArray<ParameterCorrelation>.Empty;
        if (_growing && positive >= 2)
        {
            // The correlation of ln e and ρ over the draws with positive entries (those ln e is defined on).
            double rhoMean = sumRhoPositive / positive, rhoSd = Math.Sqrt(Math.Max(0, sumRho2Positive / positive - rhoMean * rhoMean));
            double covariance = sumCross / positive - mu * rhoMean;
            if (sd > 0 && rhoSd > 0) correlations = [new ParameterCorrelation("entries", "entries growth", covariance / (sd * rhoSd))];
        }
        return (parameters.ToImmutable(), correlations);
    }

    public override string Note => _note;

    private double Entries(double e, double rho, int year) => _growing ? e * Math.Exp(rho * (year - (_fromPanel ? OriginYear : _firstYear) - 1)) : e;

    private (double Q, double Rho, double E) DrawParameters(ref Xoshiro256StarStar rng)
    {
        double q = _exitRates[Math.Min(_exitRates.Length - 1, (int)(rng.NextDouble() * _exitRates.Length))];
        double g = _growthPrior is null ? 0 : _growthPrior.Mean + _growthPrior.Sd * Sampling.Normal(ref rng);
        double rho = _growing ? g : 0;
        if (_fromPanel)
        {
            return (q, rho, Math.Max(0, OriginValue * (Math.Exp(g) - 1 + q)));
        }
        var (eHat, sd) = BalanceEntries(q, rho);
        if (!(eHat > 0)) return (q, rho, 0);
        double s = sd / eHat;
        return (q, rho, eHat * Math.Exp(s * Sampling.Normal(ref rng) - s * s / 2));
    }

    /// <summary>ê closing the balance from the first to the last observation at (q, ρ), and its counting sd.</summary>
    private (double E, double Sd) BalanceEntries(double q, double rho)
    {
        int span = OriginYear - _firstYear;
        double s = 1 - q, weights = 0;
        for (int t = 1; t <= span; t++) weights += Math.Exp(rho * (t - 1)) * Math.Pow(s, span - t);
        double eHat = (OriginValue - _firstValue * Math.Pow(s, span)) / weights;
        var (_, variance) = Moments(_firstValue, _firstYear, OriginYear, q, rho, Math.Max(eHat, 0));
        return (eHat, Math.Sqrt(variance) / weights);
    }

    /// <summary>Mean and variance of N in <paramref name="toYear"/> given N = <paramref name="n0"/> in <paramref name="fromYear"/> and the parameters.</summary>
    private (double Mean, double Variance) Moments(double n0, int fromYear, int toYear, double q, double rho, double e)
    {
        int span = toYear - fromYear;
        double s = 1 - q, sSpan = Math.Pow(s, span);
        double mean = n0 * sSpan, variance = n0 * sSpan * (1 - sSpan);
        for (int year = fromYear + 1; year <= toYear; year++)
        {
            double et = Entries(e, rho, year), survive = Math.Pow(s, toYear - year);
            double countVariance = et + (_dispersion is { } k ? et * et / k : 0);
            mean += et * survive;
            variance += et * survive * (1 - survive) + countVariance * survive * survive;
        }
        return (mean, variance);
    }

    internal override void DrawPath(ref Xoshiro256StarStar rng, Span<double> values)
    {
        var (q, rho, e) = DrawParameters(ref rng);
        int n = (int)Math.Round(OriginValue);
        for (int h = 0; h < values.Length; h++)
        {
            double et = Entries(e, rho, OriginYear + h + 1);
            int exits = n > 0 && q > 0 ? DiscreteQuantile.Binomial(rng.NextOpenDouble(), n, q) : 0;
            int entries = et <= 0 ? 0 : _dispersion is { } k ? DiscreteQuantile.NegativeBinomial(rng.NextOpenDouble(), et, k) : DiscreteQuantile.Poisson(rng.NextOpenDouble(), et);
            n = n - exits + entries;
            values[h] = n;
        }
    }

    internal override double LogPredictiveDensity(int year, double value)
    {
        Span<double> logs = stackalloc double[DensityDraws];
        for (int i = 0; i < DensityDraws; i++)
        {
            var (q, rho, e) = _densityDraws.Value[i];
            var (mean, variance) = Moments(OriginValue, OriginYear, year, q, rho, e);
            logs[i] = Sampling.NormalLogDensity(value, mean, Math.Max(variance, 0.25));
        }
        return Sampling.LogSumExp(logs) - Math.Log(DensityDraws);
    }
}
