using System.Collections.Immutable;
using Forecast.Engine.Model;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>Builds the <see cref="IndicatorCalibration"/> of an indicator: calibrated from growth evidence, unchanged, or without history.</summary>
internal static class IndicatorResults
{
    public static IndicatorCalibration Calibrated(Indicator indicator, GrowthEvidence e, HistoricalSeries own, ImmutableArray<string> warnings, ImmutableArray<DriverCalibration> drivers) => new()
    {
        Indicator = indicator.Id,
        ModelKind = indicator.Model.KindName,
        Outcome = CalibrationOutcome.Calibrated,
        Method = e.Method,
        DataSource = e.Source,
        Observations = own.Observations,
        PanelSeries = e.Panel,
        Parameters = e.Parameters,
        Statistics = e.Statistics,
        Ranking = e.Ranking,
        Backtest = e.Backtest,
        BacktestNote = e.Backtest is null ? e.BacktestNote : "",
        Identifiability = e.Identifiability,
        Drivers = drivers,
        FittedCurve = e.Curve,
        Warnings = warnings,
    };

    public static IndicatorCalibration Unchanged(Indicator indicator, string method, string why, ImmutableArray<DriverCalibration> drivers,
        HistoricalSeries? own = null, GrowthEvidence? e = null, ImmutableArray<string> warnings = default) => new()
    {
        Indicator = indicator.Id,
        ModelKind = indicator.Model.KindName,
        Outcome = CalibrationOutcome.Unchanged,
        Method = method == "none" ? why : F(T.MethodWhy, method, why),
        DataSource = own is null || own.Count == 0 ? T.NoUsableObservations : F(T.SeriesYears, own.Label, string.Join(", ", own.Years), Points(own.Count)),
        Observations = own?.Observations ?? [],
        PanelSeries = e?.Panel ?? [],
        Parameters = e?.Parameters ?? [],
        Statistics = e?.Statistics,
        Ranking = e?.Ranking,
        Backtest = e?.Backtest,
        BacktestNote = e?.Backtest is null ? e?.BacktestNote ?? T.NotEnoughHistory : "",
        Identifiability = e?.Identifiability,
        Drivers = drivers,
        FittedCurve = e?.Curve ?? [],
        Warnings = warnings.IsDefault ? [] : warnings,
    };

    public static IndicatorCalibration NoHistory(Indicator indicator, ImmutableArray<DriverCalibration> drivers) => new()
    {
        Indicator = indicator.Id,
        ModelKind = indicator.Model.KindName,
        Outcome = CalibrationOutcome.NoHistory,
        Method = T.MethodNone,
        DataSource = T.NoHistory,
        Drivers = drivers,
        BacktestNote = T.NotEnoughHistoryNone,
    };

    /// <summary>A driver left as in the base scenario, with the reason.</summary>
    public static DriverCalibration Keep(Driver d, string role, string why) => new(d.Id, role, d.Level, d.Level, d.Yearly, d.Yearly, false, why);
}
