using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using Forecast.Runner.Output;
using A = Forecast.Runner.Resources.AnalysisStrings;

namespace Forecast.Runner.Calibration;

/// <summary>
/// The rolling-origin backtest of the candidate mixture against the naive benchmarks on every history series with at least six
/// points, written by <c>calibrate</c> as backtest.md (the tables) and backtest-series.csv (the series and origins, the input of
/// the peer script Forecast.Benchmarks/peers/backtest_ets.R).
/// </summary>
internal static class CalibrationBacktest
{
    public const int MinimumPoints = 6;

    public static (ImmutableArray<BacktestSeries> Series, ImmutableArray<ScoredForecast> Forecasts) Run(Scenario scenario, HistoricalPanel panel, CandidateOptions options)
    {
        var series = CandidateBacktest.SeriesOf(panel, id => scenario.Indicators.FirstOrDefault(i => i.Id == id) is { } indicator ? IndicatorShapes.Of(scenario, indicator) : null, MinimumPoints);
        var forecasts = series.SelectMany(s => CandidateBacktest.Run(s, options: options)).ToImmutableArray();
        return (series, forecasts);
    }

    public static string Markdown(ImmutableArray<BacktestSeries> series, ImmutableArray<ScoredForecast> forecasts)
    {
        var text = new StringBuilder();
        text.AppendLine(A.CalBacktestTitle);
        text.AppendLine();
        if (series.IsEmpty)
        {
            text.AppendLine(Words.F(A.CalBacktestNoSeries, MinimumPoints));
            return text.ToString();
        }
        text.AppendLine(A.CalBacktestSeriesIntro);
        text.AppendLine();
        foreach (BacktestSeries s in series)
        {
            int origins = forecasts.Where(f => f.Series == s.Label).Select(f => f.Origin).Distinct().Count();
            text.AppendLine(Words.F(A.CalBacktestSeriesLine, s.Label, s.Series.Count, string.Join(", ", s.Series.Years), origins));
        }
        text.AppendLine();
        text.Append(CandidateBacktest.Markdown(CandidateBacktest.Summarise(forecasts)));
        return text.ToString();
    }

    /// <summary>
    /// label,origin,year,value: for each series and origin, its training years (≤ origin) and the observed years up to five after.
    /// The header stays these ids in every language: the R peer script (Forecast.Benchmarks/peers/backtest_ets.R) reads the columns by name.
    /// </summary>
    public static string SeriesCsv(ImmutableArray<BacktestSeries> series, ImmutableArray<ScoredForecast> forecasts)
    {
        var text = new StringBuilder("label,origin,year,value\n");
        foreach (BacktestSeries s in series)
        {
            foreach (int origin in forecasts.Where(f => f.Series == s.Label).Select(f => f.Origin).Distinct().Order())
            {
                foreach (Observation o in s.Series.Observations.Where(o => o.Year - origin <= 5))
                {
                    text.Append(CultureInfo.InvariantCulture, $"\"{s.Label}\",{origin},{o.Year},{o.Value.ToString("R", CultureInfo.InvariantCulture)}\n");
                }
            }
        }
        return text.ToString();
    }
}
