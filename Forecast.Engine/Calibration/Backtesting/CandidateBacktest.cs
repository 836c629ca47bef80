using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>A forecasting method of the rolling-origin backtest.</summary>
public enum BacktestMethod
{
    /// <summary>The candidate mixture (this calibration layer).</summary>
    Candidates,

    /// <summary>Naive: random walk with drift on the level, x_T + h·d̂, N with sd σ̂√(h + h²/S) (R's rwf(drift = TRUE)).</summary>
    RandomWalkWithDrift,

    /// <summary>Naive: CAGR extrapolation, the same on ln x (lognormal).</summary>
    CagrExtrapolation,

    /// <summary>Naive: linear trend by least squares, Student t prediction interval with n − 2 df (R's predict.lm).</summary>
    LinearTrend,
}

/// <summary>One series of the backtest: its history, what kind of quantity it is, and the other regions' series of the same indicator (truncated at each origin).</summary>
/// <param name="Label">e.g. "China rd_intensity".</param>
/// <param name="Series">The yearly series.</param>
/// <param name="Shape">Its shape (candidate structures).</param>
/// <param name="Donors">Other regions' series of the indicator.</param>
/// <param name="Panel">Every yearly series (the volatility prior's fallback).</param>
public sealed record BacktestSeries(string Label, HistoricalSeries Series, IndicatorShape Shape, ImmutableArray<HistoricalSeries> Donors, ImmutableArray<HistoricalSeries> Panel);

/// <summary>One scored out-of-sample forecast.</summary>
/// <param name="Series">The series' label.</param>
/// <param name="Method">The method.</param>
/// <param name="Origin">Last year of the training data.</param>
/// <param name="Horizon">Year − origin (1..5).</param>
/// <param name="Actual">The observed value.</param>
/// <param name="Median">The predictive median.</param>
/// <param name="In50">Inside the central 50% interval.</param>
/// <param name="In80">Inside the central 80% interval.</param>
/// <param name="In90">Inside the central 90% interval.</param>
/// <param name="Crps">The continuous ranked probability score, in the series' unit.</param>
public sealed record ScoredForecast(string Series, BacktestMethod Method, int Origin, int Horizon, double Actual, double Median, bool In50, bool In80, bool In90, double Crps)
{
    /// <summary>CRPS relative to the actual value (comparable across series of different units).</summary>
    public double RelativeCrps => Crps / Math.Abs(Actual);
}

/// <summary>Coverage and CRPS of one method at one horizon (or all horizons, <see cref="Horizon"/> 0).</summary>
/// <param name="Method">The method.</param>
/// <param name="Horizon">1..5, or 0 for all.</param>
/// <param name="Forecasts">How many forecasts.</param>
/// <param name="Coverage50">Share inside the 50% interval.</param>
/// <param name="Coverage80">Share inside the 80% interval.</param>
/// <param name="Coverage90">Share inside the 90% interval.</param>
/// <param name="MeanRelativeCrps">Mean CRPS / |actual|.</param>
public sealed record BacktestSummary(BacktestMethod Method, int Horizon, int Forecasts, double Coverage50, double Coverage80, double Coverage90, double MeanRelativeCrps);

/// <summary>
/// Rolling-origin backtest (Tashman 2000) of the candidate mixture against naive benchmarks: for every origin t with at least
/// <c>minimumTraining</c> points up to t, fit on the years ≤ t (the donors too: no look-ahead) and forecast the observed years
/// t+1..t+5; score coverage of the 50/80/90% central intervals and the CRPS (Gneiting and Raftery 2007) from 2,000 predictive draws
/// (the naive benchmarks' from 2,000 stratified quantiles of their normal or t predictive).
/// </summary>
public static class CandidateBacktest
{
    /// <summary>Runs the backtest on one series.</summary>
    public static ImmutableArray<ScoredForecast> Run(BacktestSeries series, int maxHorizon = 5, int minimumTraining = 3, int draws = 2000, ulong seed = 20210101, CandidateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var result = ImmutableArray.CreateBuilder<ScoredForecast>();
        var obs = series.Series.Observations;
        for (int o = minimumTraining - 1; o < obs.Length - 1; o++)
        {
            int origin = obs[o].Year;
            var test = obs.Skip(o + 1).Where(x => x.Year - origin <= maxHorizon).ToList();
            if (test.Count == 0) continue;
            HistoricalSeries train = series.Series.Through(origin);
            var donors = series.Donors.Select(d => d.Through(origin)).Where(d => d.Count > 0).ToList();
            var panel = series.Panel.Select(d => d.Through(origin)).Where(d => d.Count > 0).ToList();
            int h = test[^1].Year - origin;
            ulong s = seed + (ulong)origin;
            var predictives = new List<(BacktestMethod, MixturePredictive)>();
            if (CandidateAnalysis.Fit(train, donors, panel, series.Shape, options) is { } set)
            {
                predictives.Add((BacktestMethod.Candidates, set.Predict(h, draws, s)));
            }
            predictives.Add((BacktestMethod.RandomWalkWithDrift, Naive(train, h, draws, logScale: false)));
            if (train.Observations.All(x => x.Value > 0)) predictives.Add((BacktestMethod.CagrExtrapolation, Naive(train, h, draws, logScale: true)));
            predictives.Add((BacktestMethod.LinearTrend, LinearTrend(train, h, draws)));
            foreach (Observation actual in test)
            {
                int k = actual.Year - origin;
                foreach (var (method, p) in predictives)
                {
                    bool Inside(double level)
                    {
                        var (lo, hi) = p.Interval(k, level);
                        return lo <= actual.Value && actual.Value <= hi;
                    }
                    result.Add(new ScoredForecast(series.Label, method, origin, k, actual.Value, p.Quantile(k, 0.5), Inside(0.5), Inside(0.8), Inside(0.9), p.Crps(k, actual.Value)));
                }
            }
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// Every yearly series of <paramref name="panel"/> with at least <paramref name="minimumPoints"/> positive values, with its shape
    /// (<paramref name="shapeOf"/> by indicator id; a positive level where it gives none), the other regions' series of its indicator
    /// as donors, and every yearly series as the panel.
    /// </summary>
    public static ImmutableArray<BacktestSeries> SeriesOf(HistoricalPanel panel, Func<string, IndicatorShape?> shapeOf, int minimumPoints = 6)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(shapeOf);
        var yearly = panel.Series.Where(s => s.Observations.All(o => o.Period is null)).ToImmutableArray();
        return yearly
            .Where(s => s.Count >= minimumPoints && s.Observations.All(o => o.Value > 0))
            .Select(s => new BacktestSeries(s.Label, s, shapeOf(s.Indicator) ?? IndicatorShape.PositiveLevel,
                yearly.Where(d => d.Indicator == s.Indicator && d.Region != s.Region).ToImmutableArray(), yearly))
            .ToImmutableArray();
    }

    /// <summary>Coverage and mean relative CRPS by method and horizon (1..max), then over all horizons (Horizon 0).</summary>
    public static ImmutableArray<BacktestSummary> Summarise(IEnumerable<ScoredForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var all = forecasts.ToList();
        var rows = ImmutableArray.CreateBuilder<BacktestSummary>();
        foreach (BacktestMethod method in Enum.GetValues<BacktestMethod>())
        {
            var mine = all.Where(f => f.Method == method).ToList();
            if (mine.Count == 0) continue;
            foreach (int h in mine.Select(f => f.Horizon).Distinct().Order().Append(0))
            {
                var group = mine.Where(f => h == 0 || f.Horizon == h).ToList();
                rows.Add(new BacktestSummary(method, h, group.Count, group.Average(f => f.In50 ? 1.0 : 0), group.Average(f => f.In80 ? 1.0 : 0),
                    group.Average(f => f.In90 ? 1.0 : 0), group.Average(f => f.RelativeCrps)));
            }
        }
        return rows.ToImmutable();
    }

    /// <summary>The random walk with drift on x (or ln x): d̂ = (y_T − y₀)/S, σ̂² from the changes, y_{T+h} ~ N(y_T + h d̂, σ̂²(h + h²/S)).</summary>
    internal static MixturePredictive Naive(HistoricalSeries train, int horizon, int draws, bool logScale)
    {
        var o = train.Observations;
        WorkingScale scale = logScale ? WorkingScale.Log : WorkingScale.Level;
        var (d, ss, span, changes) = scale.Walk(o);
        double sigma = Math.Sqrt(ss / (changes - 1)), last = scale.To(o[^1].Value);
        return Gaussian(o[^1].Year, horizon, draws, h => (last + h * d, sigma * Math.Sqrt(h + h * h / span), double.PositiveInfinity), logScale);
    }

    /// <summary>Least squares x = a + b·year; prediction sd s√(1 + 1/n + (t − t̄)²/Sxx), Student t with n − 2 df.</summary>
    internal static MixturePredictive LinearTrend(HistoricalSeries train, int horizon, int draws)
    {
        var o = train.Observations;
        int n = o.Length;
        double tBar = o.Average(x => (double)x.Year), yBar = o.Average(x => x.Value), sxx = 0, sxy = 0;
        foreach (Observation x in o)
        {
            sxx += (x.Year - tBar) * (x.Year - tBar);
            sxy += (x.Year - tBar) * (x.Value - yBar);
        }
        double b = sxy / sxx, a = yBar - b * tBar, rss = 0;
        foreach (Observation x in o) rss += (x.Value - a - b * x.Year) * (x.Value - a - b * x.Year);
        double s = Math.Sqrt(rss / (n - 2));
        int last = o[^1].Year;
        return Gaussian(last, horizon, draws, h =>
        {
            double t = last + h;
            return (a + b * t, s * Math.Sqrt(1 + 1.0 / n + (t - tBar) * (t - tBar) / sxx), n - 2);
        }, logScale: false);
    }

    private static MixturePredictive Gaussian(int origin, int horizon, int draws, Func<int, (double Mean, double Sd, double Df)> at, bool logScale)
    {
        var values = new double[horizon][];
        for (int h = 1; h <= horizon; h++)
        {
            var (mean, sd, df) = at(h);
            values[h - 1] = new double[draws];
            for (int i = 0; i < draws; i++)
            {
                // Stratified quantiles (i + ½)/draws of the predictive: the same draws for every origin, no sampling noise in the score.
                double u = (i + 0.5) / draws;
                double z = double.IsPositiveInfinity(df) ? Normal.InvCDF(0, 1, u) : StudentTQuantile(u, df);
                double y = mean + sd * z;
                values[h - 1][i] = logScale ? Math.Exp(y) : y;
            }
        }
        return new MixturePredictive(origin, values, [draws]);
    }

    /// <summary>The Student t quantile: closed forms for 1 and 2 degrees of freedom (where MathNet's root finder fails in the far tails), MathNet's otherwise.</summary>
    internal static double StudentTQuantile(double u, double df) => df switch
    {
        1 => Math.Tan(Math.PI * (u - 0.5)),
        2 => (2 * u - 1) / Math.Sqrt(2 * u * (1 - u)),
        _ => StudentT.InvCDF(0, 1, df, u),
    };

    /// <summary>The summary as a markdown table.</summary>
    public static string Markdown(IEnumerable<BacktestSummary> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lines = new List<string>
        {
            T.BacktestHeader,
            "|---|---|---|---|---|---|---|",
        };
        foreach (BacktestSummary r in rows)
        {
            lines.Add(Invariant($"| {Name(r.Method)} | {(r.Horizon == 0 ? T.BacktestAll : r.Horizon.ToString(System.Globalization.CultureInfo.InvariantCulture))} | {r.Forecasts} | {r.Coverage50:0.00} | {r.Coverage80:0.00} | {r.Coverage90:0.00} | {100 * r.MeanRelativeCrps:0.00} |"));
        }
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The method's name in tables, in the UI culture.</summary>
    public static string Name(BacktestMethod method) => method switch
    {
        BacktestMethod.Candidates => T.BacktestMethodCandidates,
        BacktestMethod.RandomWalkWithDrift => T.ModelRandomWalkWithDrift,
        BacktestMethod.CagrExtrapolation => T.BacktestMethodCagr,
        _ => T.BacktestMethodLinear,
    };
}
