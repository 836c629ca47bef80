using System.Globalization;
using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using ScottPlot;

namespace Forecast.Runner.Calibration;

/// <summary>
/// A fit plot per indicator (ScottPlot 5): the history points (own and panel), the fitted curve, and the projected
/// fan of the calibrated scenario beyond the base year (median, 50% and 90% bands), with the target. Years are
/// labelled as whole years (2021, not 2,021); the title is bilingual where a CJK font is installed.
/// </summary>
internal static class CalibrationPlot
{
    public const int Width = 900;
    public const int Height = 560;

    /// <summary>An installed font that renders Chinese (Noto CJK, WenQuanYi ...), or null: the title is then English only.</summary>
    private static readonly string? CjkFont = FindCjkFont();

    private static string? FindCjkFont()
    {
        string detected = Fonts.Detect("聊城");
        foreach (string name in new[] { detected, "Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Source Han Sans SC", "Microsoft YaHei", "SimHei" })
        {
            if (!string.IsNullOrEmpty(name) && name != Fonts.Default && SkiaSharp.SKFontManager.Default.MatchFamily(name)?.ContainsGlyphs("聊城") == true)
                return name;
        }
        return null;
    }

    public static void Save(string path, Indicator indicator, IndicatorCalibration c, IReadOnlyList<YearStatistics> fan)
    {
        var plot = new Plot();
        string title = indicator.Name.En + " (" + indicator.Id + ")";
        if (!string.IsNullOrWhiteSpace(indicator.Name.Zh) && indicator.Name.Zh != indicator.Name.En && CjkFont is { } cjk)
        {
            title = indicator.Name.Zh + " / " + indicator.Name.En;
            plot.Title(title);
            plot.Axes.Title.Label.FontName = cjk;
        }
        else
        {
            plot.Title(title);
        }
        plot.Axes.Title.Label.FontSize = title.Length > 60 ? 13 : 16;
        plot.XLabel("year");
        plot.YLabel(indicator.Unit.En);

        // Fan: from the base value in the base year through the simulated years.
        if (fan.Count > 0)
        {
            double[] xs = [indicator.BaseYear, .. fan.Select(y => (double)y.Year)];
            double[] Band(Func<YearStatistics, double> f) => [indicator.BaseValue, .. fan.Select(f)];
            var outer = plot.Add.FillY(xs, Band(y => y.P5), Band(y => y.P95));
            outer.FillColor = Colors.SteelBlue.WithAlpha(0.18);
            outer.LineColor = Colors.Transparent;
            outer.LegendText = "90% band (calibrated scenario)";
            var inner = plot.Add.FillY(xs, Band(y => y.P25), Band(y => y.P75));
            inner.FillColor = Colors.SteelBlue.WithAlpha(0.35);
            inner.LineColor = Colors.Transparent;
            inner.LegendText = "50% band";
            var median = plot.Add.Scatter(xs, Band(y => y.P50));
            median.Color = Colors.SteelBlue;
            median.LineWidth = 2;
            median.MarkerSize = 0;
            median.LegendText = "median";
        }

        if (c.FittedCurve.Length >= 2)
        {
            var fit = plot.Add.Scatter(c.FittedCurve.Select(p => (double)p.Year).ToArray(), c.FittedCurve.Select(p => p.Value).ToArray());
            fit.Color = Colors.DarkOrange;
            fit.LinePattern = LinePattern.Dashed;
            fit.LineWidth = 2;
            fit.MarkerSize = 0;
            fit.LegendText = c.Counts.IsEmpty ? "fit" : "counted period (cumulative, constant rate)";
        }

        foreach (HistoricalSeries s in c.PanelSeries)
        {
            var donor = plot.Add.Scatter(s.Observations.Select(o => (double)o.Year).ToArray(), s.Values.ToArray());
            donor.LineWidth = 1;
            donor.LinePattern = LinePattern.Dotted;
            donor.MarkerShape = MarkerShape.OpenCircle;
            donor.MarkerSize = 8;
            donor.LegendText = "panel: " + s.Region;
        }

        if (!c.Observations.IsEmpty)
        {
            var own = plot.Add.Scatter(c.Observations.Select(o => (double)o.Year).ToArray(), c.Observations.Select(o => o.Value).ToArray());
            own.LineWidth = 0;
            own.MarkerShape = MarkerShape.FilledCircle;
            own.MarkerSize = 9;
            own.Color = Colors.Black;
            own.LegendText = "history";
        }

        var target = plot.Add.Scatter(new double[] { indicator.Target.Year }, new double[] { indicator.Target.Value });
        target.LineWidth = 0;
        target.MarkerShape = MarkerShape.FilledDiamond;
        target.MarkerSize = 11;
        target.Color = Colors.Crimson;
        target.LegendText = "target " + indicator.Target.Value.ToString("G6", CultureInfo.InvariantCulture) + " in " + indicator.Target.Year.ToString(CultureInfo.InvariantCulture);

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture),
        };
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }
}
