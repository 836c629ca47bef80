using System.Globalization;
using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Runner.Output;
using Forecast.Runner.Plots;
using ScottPlot;
using A = Forecast.Runner.Resources.AnalysisStrings;

namespace Forecast.Runner.Calibration;

/// <summary>
/// A fit plot per indicator (ScottPlot 5): the history points (own and panel), the fitted curve, and the projected
/// fan of the calibrated scenario beyond the base year (median, 50% and 90% bands), with the target. Years are
/// labelled as whole years (2021, not 2,021); title, axes and legend are in the plots' language and fonts
/// (<see cref="PlotLanguage"/>, <see cref="ChartStyle"/>), as the run's plots are.
/// </summary>
internal static class CalibrationPlot
{
    public const int Width = 900;
    public const int Height = 560;

    public static void Save(string path, Indicator indicator, IndicatorCalibration c, IReadOnlyList<YearStatistics> fan, PlotLanguage language)
    {
        string T(string key) => AnalysisWords.In(language.Chinese, key);
        string Tf(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, T(key), args);
        var plot = new Plot();
        plot.Title(language.Name(indicator) + (language.Chinese ? "（" + indicator.Id + "）" : " (" + indicator.Id + ")"));
        plot.XLabel(T(nameof(A.CalPlotYear)));
        plot.YLabel(language.Unit(indicator));

        // Fan: from the base value in the base year through the simulated years.
        if (fan.Count > 0)
        {
            double[] xs = [indicator.BaseYear, .. fan.Select(y => (double)y.Year)];
            double[] Band(Func<YearStatistics, double> f) => [indicator.BaseValue, .. fan.Select(f)];
            var outer = plot.Add.FillY(xs, Band(y => y.P5), Band(y => y.P95));
            outer.FillColor = Colors.SteelBlue.WithAlpha(0.18);
            outer.LineColor = Colors.Transparent;
            outer.LegendText = T(nameof(A.CalPlotBand90));
            var inner = plot.Add.FillY(xs, Band(y => y.P25), Band(y => y.P75));
            inner.FillColor = Colors.SteelBlue.WithAlpha(0.35);
            inner.LineColor = Colors.Transparent;
            inner.LegendText = T(nameof(A.CalPlotBand50));
            var median = plot.Add.Scatter(xs, Band(y => y.P50));
            median.Color = Colors.SteelBlue;
            median.LineWidth = 2;
            median.MarkerSize = 0;
            median.LegendText = T(nameof(A.CalPlotMedian));
        }

        if (c.FittedCurve.Length >= 2)
        {
            var fit = plot.Add.Scatter(c.FittedCurve.Select(p => (double)p.Year).ToArray(), c.FittedCurve.Select(p => p.Value).ToArray());
            fit.Color = Colors.DarkOrange;
            fit.LinePattern = LinePattern.Dashed;
            fit.LineWidth = 2;
            fit.MarkerSize = 0;
            fit.LegendText = T(c.Counts.IsEmpty ? nameof(A.CalPlotFit) : nameof(A.CalPlotCounted));
        }

        foreach (HistoricalSeries s in c.PanelSeries)
        {
            var donor = plot.Add.Scatter(s.Observations.Select(o => (double)o.Year).ToArray(), s.Values.ToArray());
            donor.LineWidth = 1;
            donor.LinePattern = LinePattern.Dotted;
            donor.MarkerShape = MarkerShape.OpenCircle;
            donor.MarkerSize = 8;
            donor.LegendText = Tf(nameof(A.CalPlotPanel), s.Region ?? "");
        }

        if (!c.Observations.IsEmpty)
        {
            var own = plot.Add.Scatter(c.Observations.Select(o => (double)o.Year).ToArray(), c.Observations.Select(o => o.Value).ToArray());
            own.LineWidth = 0;
            own.MarkerShape = MarkerShape.FilledCircle;
            own.MarkerSize = 9;
            own.Color = Colors.Black;
            own.LegendText = T(nameof(A.CalPlotHistory));
        }

        var target = plot.Add.Scatter(new double[] { indicator.Target.Year }, new double[] { indicator.Target.Value });
        target.LineWidth = 0;
        target.MarkerShape = MarkerShape.FilledDiamond;
        target.MarkerSize = 11;
        target.Color = Colors.Crimson;
        target.LegendText = Tf(nameof(A.CalPlotTarget), indicator.Target.Value.ToString("G6", CultureInfo.InvariantCulture), indicator.Target.Year);

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture),
        };
        plot.ShowLegend(Alignment.UpperLeft);
        ChartStyle.Apply(plot, language, ChartStyle.Sizes.Full);
        if (plot.Axes.Title.Label.Text.Length > 60) plot.Axes.Title.Label.FontSize = 14;
        plot.SavePng(path, Width, Height);
    }
}
