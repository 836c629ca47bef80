using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using Annotation = ScottPlot.Plottables.Annotation;
using ScottPlot.TickGenerators;

namespace Forecast.Runner.Plots;

/// <summary>What every plot shares: fonts, sizes, axis ticks and number formats.</summary>
internal static class ChartStyle
{
    /// <summary>Font sizes of a full-size plot, and of a panel in a sheet of small multiples.</summary>
    public sealed record Sizes(float Title, float Label, float Tick, float Legend, float Note)
    {
        public static Sizes Full { get; } = new(18, 15, 13, 13, 12);
        public static Sizes Compact { get; } = new(14, 12, 11, 11, 11);
    }

    /// <summary>Sets the font of the title, axes and legend, the font sizes and a light grid.</summary>
    public static void Apply(Plot plot, PlotLanguage language, Sizes sizes)
    {
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.12);
        var title = plot.Axes.Title.Label;
        title.FontName = language.FontFor(title.Text);
        title.FontSize = sizes.Title;
        title.Bold = false;
        if (PlotLanguage.HasCjk(title.Text)) plot.Axes.Title.VerticalPadding += sizes.Title * 0.5f;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = language.FontFor(axis.Label.Text);
            // A rotated CJK label drifts out of the figure by the CJK font's extra bottom metric; move it back in.
            if (axis.Edge == Edge.Left && PlotLanguage.HasCjk(axis.Label.Text)) axis.Label.OffsetX = CjkShift(language, sizes.Label);
            axis.Label.FontSize = sizes.Label;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontName = language.LatinFontName;
            axis.TickLabelStyle.FontSize = sizes.Tick;
        }
        Legend(plot.Legend, language, sizes.Legend);
    }

    /// <summary>
    /// The legend's font. A CJK font's glyphs sit higher in their line than ScottPlot's layout expects
    /// (Noto Sans CJK's bottom metric is 1.05 em against DejaVu Sans's 0.46 em), so that the first row of a
    /// legend below the axes would be clipped: the legend then lists the plottables' items itself, each
    /// label in the CJK font and moved down by the difference.
    /// </summary>
    public static void Legend(Legend legend, PlotLanguage language, float size)
    {
        legend.FontName = language.FontName;
        legend.FontSize = size;
        if (!language.Chinese) return;
        var items = legend.ManualItems.Count > 0 || !legend.DisplayPlottableLegendItems
            ? [.. legend.ManualItems]
            : legend.Plot.GetPlottables().Where(p => p.IsVisible).SelectMany(p => p.LegendItems).Where(i => !string.IsNullOrEmpty(i.LabelText)).ToList();
        // Every item in the CJK font (it has Latin glyphs too): the legend's rows are laid out with its metrics, and a
        // Latin-only label (a scenario's name) in the Latin font would sit too high and be clipped.
        float shift = CjkShift(language, size);
        foreach (var item in items)
        {
            item.LabelFontName = language.FontName;
            item.LabelFontSize = size;
            item.LabelOffsetY = shift;
        }
        legend.ManualItems.Clear();
        legend.ManualItems.AddRange(items);
        legend.DisplayPlottableLegendItems = false;
    }

    /// <summary>The legend below the axes, in a row, without frame or shadow.</summary>
    public static void LegendBelow(Plot plot, PlotLanguage language, float size)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        Legend(plot.Legend, language, size);
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    /// <summary>
    /// Row names on the left axis (indicators, drivers) in the plot's font at <paramref name="size"/>, moved down by
    /// <see cref="CjkShift"/> in Chinese so they sit level with their bars.
    /// </summary>
    public static void RowLabels(Plot plot, PlotLanguage language, float size)
    {
        plot.Axes.Left.TickLabelStyle.FontSize = size;
        plot.Axes.Left.TickLabelStyle.FontName = language.FontName;
        if (language.Chinese) plot.Axes.Left.TickLabelStyle.OffsetY = CjkShift(language, size);
    }

    /// <summary>How far text in the CJK font must move down to sit where the Latin font's text sits: the difference of their bottom metrics.</summary>
    public static float CjkShift(PlotLanguage language, float size)
    {
        using var cjk = new SkiaSharp.SKFont(SkiaSharp.SKTypeface.FromFamilyName(language.FontName), size);
        using var latin = new SkiaSharp.SKFont(SkiaSharp.SKTypeface.FromFamilyName(language.LatinFontName), size);
        return Math.Max(0, cjk.Metrics.Bottom - latin.Metrics.Bottom);
    }

    /// <summary>One labelled tick per whole year, "2021" and never "2,021" or "2021.5".</summary>
    public static void YearTicks(IAxis axis, int first, int last)
    {
        var ticks = new NumericManual();
        int step = last - first > 12 ? 2 : 1;
        for (int year = first; year <= last; year++)
        {
            if ((year - first) % step == 0) ticks.AddMajor(year, year.ToString(CultureInfo.InvariantCulture));
            else ticks.AddMinor(year);
        }
        axis.TickGenerator = ticks;
    }

    /// <summary>Automatic ticks labelled in the invariant culture without digit grouping (3600, 0.25).</summary>
    public static void NumberTicks(IAxis axis, bool integersOnly = false)
    {
        axis.TickGenerator = new NumericAutomatic
        {
            LabelFormatter = Number,
            IntegerTicksOnly = integersOnly,
        };
    }

    /// <summary>Ticks at 0%, 20%, ..., 100% on a 0-1 axis.</summary>
    public static void PercentTicks(IAxis axis)
    {
        var ticks = new NumericManual();
        for (int p = 0; p <= 100; p += 20) ticks.AddMajor(p / 100.0, p.ToString(CultureInfo.InvariantCulture) + "%");
        for (int p = 10; p < 100; p += 20) ticks.AddMinor(p / 100.0);
        axis.TickGenerator = ticks;
    }

    /// <summary>A tick or label number: invariant culture, no grouping, at most 6 significant digits.</summary>
    public static string Number(double value)
    {
        if (Math.Abs(value) < 1e-12) value = 0;
        return value.ToString("0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>A value for a label, with digits suited to its size (as on the console).</summary>
    public static string Value(double value) => Output.Numbers.Human(value);

    /// <summary>A probability as a percentage with one decimal ("41.2%"), or two below 1% ("0.05%").</summary>
    public static string Percent(double p) => Output.Numbers.Percent(p, p is > 0 and < 0.01 ? 2 : 1);

    /// <summary>A rate as a percentage with the digits it needs: "18.1%", "0.35%", "-6.4%", "5%" for a round value.</summary>
    public static string RatePercent(double rate)
    {
        double percent = 100 * rate;
        string format = Math.Abs(percent) >= 1 || percent == 0 ? "0.#" : "0.##";
        return percent.ToString(format, CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>
    /// A dashed or dotted line through points with markers, as two plottables: the markers (which carry the legend entry), then
    /// the line (out of the legend). ScottPlot draws a scatter's markers, and their legend symbol, with the line's dash effect
    /// still on the paint: PNG markers get dashed outlines and Skia's SVG canvas, which has no dashed circles, prints
    /// "Unsupported path effect in addPaint." on stderr for each one.
    /// </summary>
    /// <returns>The line and the markers.</returns>
    public static (Scatter Line, Scatter Markers) PatternedLineWithMarkers(Plot plot, double[] xs, double[] ys, LinePattern pattern, Color color,
        float lineWidth, MarkerShape marker, float markerSize)
    {
        // The markers first: ScottPlot's render shares one paint, and a dash effect set by a line leaks into the markers
        // of a scatter drawn after it (they do not reset it), which is what this avoids.
        var markers = plot.Add.ScatterPoints(xs, ys);
        markers.Color = color;
        markers.MarkerShape = marker;
        markers.MarkerSize = markerSize;
        var line = plot.Add.ScatterLine(xs, ys);
        line.Color = color;
        line.LineWidth = lineWidth;
        line.LinePattern = pattern;
        return (line, markers);
    }

    /// <summary>Adds a text label in the plot's font.</summary>
    public static Text Text(Plot plot, PlotLanguage language, string text, double x, double y, float size, Color color, Alignment alignment)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = language.FontFor(text);
        label.LabelFontSize = size;
        label.LabelFontColor = color;
        label.LabelAlignment = alignment;
        label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        label.LabelPadding = 2;
        return label;
    }

    /// <summary>A boxed note in a corner of the data area; a CJK font's text gets extra room at the top of its box.</summary>
    public static Annotation Note(Plot plot, PlotLanguage language, string text, Alignment corner, float size)
    {
        var note = plot.Add.Annotation(text, corner);
        note.LabelFontName = language.FontFor(text);
        note.LabelFontSize = size;
        note.LabelFontColor = OkabeIto.Black;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.9);
        note.LabelBorderColor = OkabeIto.Grey;
        note.LabelShadowColor = Colors.Transparent;
        float shift = PlotLanguage.HasCjk(text) ? CjkShift(language, size) : 0;
        note.LabelPixelPadding = new PixelPadding(5, 5, 4, 4 + shift);
        return note;
    }

    /// <summary>Formats with the invariant culture.</summary>
    /// <summary>A frameless white strip with a centred title, the header above a multi-panel figure (the caller adds its legend).</summary>
    public static Plot Header(string title, PlotLanguage language, float size)
    {
        var header = new Plot();
        header.Layout.Frameless();
        header.HideAxesAndGrid();
        header.FigureBackground.Color = Colors.White;
        header.DataBackground.Color = Colors.White;
        var label = header.Add.Annotation(title, Alignment.UpperCenter);
        label.LabelFontName = language.FontFor(title);
        label.LabelFontSize = size;
        label.LabelFontColor = OkabeIto.Black;
        label.LabelBackgroundColor = Colors.Transparent;
        label.LabelBorderWidth = 0;
        label.LabelShadowColor = Colors.Transparent;
        label.LabelOffsetY = 8;
        return header;
    }

    public static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
