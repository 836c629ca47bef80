using System.Collections.Immutable;
using Forecast.Engine.Model;
using static System.FormattableString;
using static Forecast.Engine.Calibration.CalibrationText;
using static Forecast.Engine.Calibration.IndicatorResults;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// <b>stock-flow</b> (open stock): entries a year from counts of entries when the history has them, otherwise implied by the
/// stock's change given the exit-rate driver's distribution (integrated over it): E = (N₁ − N₀(1 − q)^Δ)·q/(1 − (1 − q)^Δ).
/// Level ~ LogNormal(ln Ê, σ) with σ² the counting variance of the entries under the driver's yearly variation plus the
/// variance of ln Ê over the exit rate. The exit rate is not identified by stock levels and stays as assumed.
/// </summary>
internal static class StockFlowCalibrator
{
    private static readonly double Z975 = IntervalQuantiles.Normal975;

    /// <summary>Quantiles of the exit-rate distribution the implied entries are averaged over.</summary>
    public const int ExitRateGrid = 64;

    public static IndicatorCalibration Calibrate(CalibrationContext c, Indicator indicator, StockFlowModel model)
    {
        Driver entries = c.Scenario.Driver(model.Entries);
        Driver? exits = model.ExitRate is { } x ? c.Scenario.Driver(x) : null;
        var kept = new List<DriverCalibration> { Keep(entries, "entries", T.KeepNotCalibrated) };
        if (exits is not null) kept.Add(Keep(exits, "exit rate", T.KeepExitRate));

        CountHistory counted = c.History.Counts(indicator, entries.Id, includeIndicator: false, flow: false);
        if (!c.History.Covers(indicator) && counted.Counts.IsEmpty && counted.Warnings.IsEmpty)
        {
            return NoHistory(indicator, [.. kept]);
        }
        if (model.Capacity is not null)
        {
            var (ownCapped, _) = c.History.OwnSeries(indicator);
            return Unchanged(indicator, "none", T.WhyCapacity, [.. kept], ownCapped, null,
                [CalibrationProse.CapacityNotCalibrated(indicator.Id)]);
        }
        if (!counted.Counts.IsEmpty)
        {
            // Counts of entries themselves identify the entries rate directly.
            var result = CountCalibrator.CalibrateDriver(c, indicator, entries, "entries", counted);
            return result with { Drivers = [.. result.Drivers, .. kept.Skip(1)] };
        }

        var (own, dataWarnings) = c.History.OwnSeries(indicator);
        GrowthEvidence growth = GrowthEvidenceEstimator.FromSeries(c, own, c.Priors.StatedOrPanel(indicator), SeriesScale.Positive);
        var warnings = dataWarnings.AddRange(growth.Warnings);
        if (own.Count < 2)
        {
            warnings = warnings.Add(CalibrationProse.OneStockLevel(indicator.Id));
            return Unchanged(indicator, "none", T.WhyEntriesNotIdentifiableUnchanged, [.. kept], own, growth with { Panel = [] }, warnings);
        }

        // Entries implied by the change of the stock, given the exit-rate assumption, integrated over its distribution.
        double[] exitRates = ExitRateQuantiles(exits);
        var obs = own.Observations;
        double totalYears = obs[^1].Year - obs[0].Year;
        var logRates = new double[exitRates.Length];
        for (int k = 0; k < exitRates.Length; k++)
        {
            double rate = AverageImpliedEntries(obs, exitRates[k]);
            if (!(rate > 0))
            {
                warnings = warnings.Add(CalibrationProse.NoImpliedEntries(indicator.Id, exitRates[k], rate));
                return Unchanged(indicator, T.MethodStockFlowShort, T.WhyEntriesNotIdentifiable, [.. kept], own, growth with { Panel = [] }, warnings);
            }
            logRates[k] = Math.Log(rate);
        }
        double mu = logRates.Average();
        double varExit = logRates.Length > 1 ? logRates.Sum(v => (v - mu) * (v - mu)) / logRates.Length : 0;
        double lambda = Math.Exp(mu);
        double totalEntries = lambda * totalYears;
        double yearlyVariance = YearlyCountVariance(entries.Yearly, lambda);
        double varCount = totalYears * yearlyVariance / (totalEntries * totalEntries);
        double sigma = Math.Sqrt(varCount + varExit);
        var after = new LogNormalDistribution(Round(mu), Round(sigma));
        double exitMean = exits?.Level.Mean ?? 0;
        var rateEstimate = new ParameterEstimate("entries a year", lambda, lambda * sigma, Math.Exp(mu - Z975 * sigma), Math.Exp(mu + Z975 * sigma),
            F(T.StockEntriesMeaning, obs[0].Year, obs[^1].Year, Num(exitMean)));
        var parameters = growth.Parameters.Add(rateEstimate);
        if (exits is not null)
        {
            parameters = parameters.Add(new ParameterEstimate("exit rate (assumed)", exitMean, double.NaN, exitRates[0], exitRates[^1], T.MeaningExitRateAssumed));
        }
        string source = F(T.SeriesSpan, own.Label, obs[0].Year, obs[^1].Year, own.Count);
        warnings = warnings.Add(CalibrationProse.EntriesImplied(indicator.Id, lambda, rateEstimate, exits?.Id, obs[0].Year, obs[^1].Year));
        if (entries.Yearly.IsCount)
        {
            warnings = warnings.Add(CalibrationProse.EntriesDispersionNotIdentified(indicator.Id, entries.Id));
        }
        string note = CalibrationProse.EntriesNote(source, lambda, rateEstimate, after, entries);

        var curve = ImmutableArray.CreateBuilder<CurvePoint>();
        double n = obs[0].Value;
        curve.Add(new CurvePoint(obs[0].Year, n));
        for (int y = obs[0].Year + 1; y <= obs[^1].Year; y++)
        {
            n = n * (1 - exitMean) + lambda;
            curve.Add(new CurvePoint(y, n));
        }
        var changed = new DriverCalibration(entries.Id, "entries", entries.Level, after, entries.Yearly, entries.Yearly, true, note);
        return new IndicatorCalibration
        {
            Indicator = indicator.Id,
            ModelKind = indicator.Model.KindName,
            Outcome = CalibrationOutcome.Calibrated,
            Method = T.MethodStockFlow,
            DataSource = F(T.SeriesSpan, own.Label, obs[0].Year, obs[^1].Year, own.Count),
            Observations = own.Observations,
            Parameters = parameters,
            Statistics = growth.Statistics,
            Ranking = growth.Ranking,
            Backtest = growth.Backtest,
            BacktestNote = growth.Backtest is null ? growth.BacktestNote : T.BacktestOfStock,
            Identifiability = growth.Identifiability,
            Drivers = [changed, .. kept.Skip(1)],
            FittedCurve = curve.ToImmutable(),
            Warnings = warnings,
        };
    }

    /// <summary>The exit rate's quantiles at (k + ½)/<see cref="ExitRateGrid"/>, clamped to [0, 1]; {0} without an exit driver.</summary>
    public static double[] ExitRateQuantiles(Driver? exits)
    {
        var rates = new double[exits is null ? 1 : ExitRateGrid];
        for (int k = 0; k < rates.Length; k++)
        {
            rates[k] = exits is null ? 0 : Math.Clamp(exits.Level.Quantile((k + 0.5) / ExitRateGrid), 0, 1);
        }
        return rates;
    }

    /// <summary>Entries a year that close the stock-flow balance over the whole history at exit rate q (each interval's implied entries, weighted by its years).</summary>
    public static double AverageImpliedEntries(ImmutableArray<Observation> obs, double q)
    {
        double total = 0;
        for (int i = 1; i < obs.Length; i++)
        {
            int span = obs[i].Year - obs[i - 1].Year;
            total += ImpliedEntries(obs[i - 1].Value, obs[i].Value, span, q) * span;
        }
        return total / (obs[^1].Year - obs[0].Year);
    }

    /// <summary>Entries a year E that take a stock from n0 to n1 in span years with a yearly exit rate q: n1 = n0(1−q)^Δ + E·Σ(1−q)^k.</summary>
    public static double ImpliedEntries(double n0, double n1, int span, double q)
    {
        if (q <= 0)
        {
            return (n1 - n0) / span;
        }
        double survive = Math.Pow(1 - q, span);
        return (n1 - n0 * survive) * q / (1 - survive);
    }

    private static double YearlyCountVariance(YearlyVariation yearly, double lambda) => yearly.Kind switch
    {
        YearlyVariationKind.NegativeBinomial => lambda + lambda * lambda / yearly.Scale,
        YearlyVariationKind.Normal => Math.Max(lambda, yearly.Scale * yearly.Scale),
        _ => lambda,
    };
}
