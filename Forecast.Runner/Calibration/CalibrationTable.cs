using System.Globalization;
using Forecast.Engine.Calibration;
using Forecast.Runner.Output;
using Spectre.Console;

namespace Forecast.Runner.Calibration;

/// <summary>The fit table printed by <c>calibrate</c>: one row per indicator the history covers, then the warnings.</summary>
internal static class CalibrationTable
{
    public static Table Build(ScenarioCalibration calibration)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Calibration of " + Markup.Escape(calibration.Base.Name) + " from history");
        table.AddColumn("Indicator");
        table.AddColumn("Model");
        table.AddColumn("Data");
        table.AddColumn("Estimates [[95% interval]]");
        table.AddColumn("Fit");
        table.AddColumn("Backtest");
        table.AddColumn("Driver level");
        foreach (IndicatorCalibration c in calibration.Indicators.Where(c => c.Outcome != CalibrationOutcome.NoHistory))
        {
            table.AddRow(
                Cell(c.Indicator + " (" + c.ModelKind + ")\n" + CalibrationJsonWriter.Outcome(c.Outcome)),
                Cell(c.Method),
                Cell(c.DataSource),
                Cell(string.Join("\n", c.Parameters.Select(Estimate))),
                Cell(Fit(c)),
                Cell(Backtest(c)),
                Cell(Drivers(c)));
        }
        return table;
    }

    public static void Notes(IAnsiConsole console, ScenarioCalibration calibration)
    {
        var none = calibration.Indicators.Where(c => c.Outcome == CalibrationOutcome.NoHistory).Select(c => c.Indicator).ToList();
        if (none.Count > 0)
            console.WriteLine($"No history for {none.Count} indicator(s), drivers unchanged: {string.Join(", ", none)}");
        if (!calibration.UnusedSeries.IsEmpty)
            console.WriteLine($"History series that match no indicator or driver of the scenario: {string.Join(", ", calibration.UnusedSeries)}");
        console.WriteLine("Warnings:");
        foreach (IndicatorCalibration c in calibration.Indicators.Where(c => !c.Warnings.IsEmpty))
        {
            console.WriteLine("  " + c.Indicator + ":");
            foreach (string w in c.Warnings) console.WriteLine("    - " + w);
        }
    }

    private static Markup Cell(string text) => new(Markup.Escape(text));

    private static string Estimate(ParameterEstimate p) => p.HasInterval
        ? $"{p.Name} {Numbers.Human(p.Estimate)} [{Numbers.Human(p.Lower95)}, {Numbers.Human(p.Upper95)}]"
        : double.IsNaN(p.Estimate) ? p.Name + " -" : $"{p.Name} {Numbers.Human(p.Estimate)} (no interval)";

    private static string Fit(IndicatorCalibration c)
    {
        if (c.Statistics is not { } s) return "-";
        string text = "n = " + s.ObservationCount.ToString(CultureInfo.InvariantCulture);
        if (double.IsFinite(s.LogLikelihood))
            text += $"\nAIC {Numbers.Human(s.Aic)}, BIC {Numbers.Human(s.Bic)}";
        if (c.Ranking?.BestByAic is { } best) text += "\nbest by AIC: " + best;
        return text;
    }

    private static string Backtest(IndicatorCalibration c)
    {
        if (c.Backtest is not { } b) return c.BacktestNote;
        return $"{b.Forecasts.Length} forecasts (h ≤ {b.Forecasts.Max(f => f.Horizon)})\nMAPE {Numbers.Human(b.Mape)}%, RMSE {Numbers.Human(b.Rmse)}\ncoverage 50%: {Numbers.Percent(b.Coverage50, 0)}, 90%: {Numbers.Percent(b.Coverage90, 0)}";
    }

    private static string Drivers(IndicatorCalibration c) => string.Join("\n", c.Drivers.Select(d => d.Changed
        ? $"{d.Driver}: {d.Before.Describe()} → {d.After.Describe()}" + (d.YearlyAfter != d.YearlyBefore ? $"; yearly {CalibrationJsonWriter.Describe(d.YearlyAfter)}" : "")
        : $"{d.Driver}: unchanged"));
}
