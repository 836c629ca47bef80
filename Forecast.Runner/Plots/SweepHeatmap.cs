using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Runner.Plots;

/// <summary>
/// One target's probability over the grid of a two-lever sweep: a heatmap (one cell per grid point, the viridis
/// colour map, whose lightness rises with the probability so that it reads in greyscale, on a fixed 0-100% scale so
/// that the heatmaps of different targets compare), the 80% iso-line (<see cref="IsoLine"/>), the levers' values
/// now, and each cell's probability (drawn over the line) when the grid is small enough to print it.
/// </summary>
internal static class SweepHeatmap
{
    /// <summary>The level of the line drawn: the engine's threshold of "on track".</summary>
    public const double Level = 0.8;

    /// <summary>Cells are labelled with their probability up to this many grid points.</summary>
    public const int MaxLabelledCells = 144;

    public static Plot Build(SweepResult result, string id, Scenario scenario, PlotLanguage language)
    {
        var whatIf = WhatIfWords.Of(language);
        var sizes = ChartStyle.Sizes.Full;
        var surface = SweepSurface.Of(result, id);
        var (xs, ys, p) = (surface.Xs, surface.Ys, surface.Probability);
        int nx = xs.Count, ny = ys.Count;
        var plot = new Plot();

        var heatmap = plot.Add.Heatmap(Intensities(surface));
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        // Placed by its cells' edges (Rectangle, not Extent: ScottPlot reads an Extent as the outer cells' centres and grows
        // it by a cell), so that each cell's centre is its lever values' tick; drawn as rectangles, so that an SVG holds
        // crisp cells in place rather than a 4x6-pixel bitmap that viewers smooth and stretch.
        var edges = CellEdges(surface);
        heatmap.Rectangle = edges;
        heatmap.RenderStrategy = new Heatmap.RenderStrategies.Rectangles();
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = language.Words.Probability;
        colorBar.LabelStyle.FontName = language.FontFor(colorBar.Label);
        colorBar.LabelStyle.FontSize = sizes.Label;
        colorBar.LabelStyle.Bold = false;
        ChartStyle.PercentTicks(colorBar.Axis);
        colorBar.Axis.TickLabelStyle.FontName = language.LatinFontName;
        colorBar.Axis.TickLabelStyle.FontSize = sizes.Tick;

        var lines = IsoLine.Polylines(xs, ys, p, Level);
        foreach (var line in lines)
        {
            // A white halo under a black line: visible on the dark and the light end of the colour map.
            var halo = plot.Add.ScatterLine(line);
            halo.Color = Colors.White;
            halo.LineWidth = 5.5f;
            var contour = plot.Add.ScatterLine(line);
            contour.Color = OkabeIto.Black;
            contour.LineWidth = 2.5f;
        }

        if (nx * ny <= MaxLabelledCells)
        {
            float size = nx > 9 ? 9 : 11;
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    var label = plot.Add.Text(CellText(p[i, j]), xs[i], ys[j]);
                    label.LabelFontName = language.LatinFontName;
                    label.LabelFontSize = size;
                    label.LabelFontColor = p[i, j] < 0.55 ? Colors.White : OkabeIto.Black;
                    label.LabelAlignment = Alignment.MiddleCenter;
                    label.LabelBackgroundColor = heatmap.Colormap.GetColor(p[i, j], heatmap.ManualRange.Value);   // hides the iso-line under the number
                    label.LabelPadding = 1;
                }
        }

        var legend = new List<LegendItem>();
        if (lines.Count > 0) legend.Add(new LegendItem { LabelText = whatIf.Line80, LineColor = OkabeIto.Black, LineWidth = 2.5f });
        double nowX = result.Axes[0].Lever.CurrentValue(scenario), nowY = result.Axes[1].Lever.CurrentValue(scenario);
        if (edges.Contains(nowX, nowY))
        {
            // A white disc in a black ring: visible on every colour of the map.
            plot.Add.Marker(nowX, nowY, MarkerShape.FilledCircle, 12, Colors.White);
            var ring = plot.Add.Marker(nowX, nowY, MarkerShape.OpenCircle, 14, OkabeIto.Black);
            ring.MarkerLineWidth = 2.5f;
            legend.Add(new LegendItem { LabelText = whatIf.Now, MarkerShape = MarkerShape.OpenCircle, MarkerLineColor = OkabeIto.Black, MarkerLineWidth = 2.5f, MarkerSize = 12 });
        }

        GridTicks(plot.Axes.Bottom, xs, TickText(result.Axes[0].Lever, scenario));
        GridTicks(plot.Axes.Left, ys, TickText(result.Axes[1].Lever, scenario));
        plot.Axes.SetLimits(edges);
        plot.Grid.IsVisible = false;

        plot.Title(Title(id, scenario, language));
        plot.XLabel(language.LeverText(result.Axes[0].Lever, scenario));
        plot.YLabel(language.LeverText(result.Axes[1].Lever, scenario));
        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.DisplayPlottableLegendItems = false;
        ChartStyle.Apply(plot, language, sizes);
        ChartStyle.LegendBelow(plot, language, sizes.Legend);
        if (legend.Count == 0) plot.HideLegend();
        return plot;
    }

    /// <summary>"High-tech enterprises: probability of reaching the target" and the target on a second line, or the joint headline row's title.</summary>
    public static string Title(string id, Scenario scenario, PlotLanguage language)
    {
        var whatIf = WhatIfWords.Of(language);
        return id == ScenarioComparison.AllHeadlineTargetsId
            ? whatIf.AllHeadlineTitle
            : ChartStyle.Format(whatIf.SweepTitle, language.Name(scenario.Indicator(id))) + "\n" + language.TargetText(scenario.Indicator(id));
    }

    /// <summary>
    /// A cell's probability as a percentage: whole percent from 10%, one decimal below ("0.5%"), and "&lt;0.1%" and "&gt;99%" rather
    /// than a rounded 0 or 100 that did not happen.
    /// </summary>
    public static string CellText(double p)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (p is > 0 and < 0.0005) return "<0.1%";
        if (p is > 0.995 and < 1) return ">99%";
        return p < 0.0995 ? (100 * p).ToString("0.#", invariant) + "%" : Math.Round(100 * p).ToString(invariant) + "%";
    }

    /// <summary>The edges of the heatmap's cells: each cell spans half a step either side of its lever values.</summary>
    public static CoordinateRect CellEdges(SweepSurface surface)
    {
        var (xs, ys) = (surface.Xs, surface.Ys);
        double dx = Step(xs), dy = Step(ys);
        return new CoordinateRect(xs[0] - dx / 2, xs[^1] + dx / 2, ys[0] - dy / 2, ys[^1] + dy / 2);
    }

    /// <summary>
    /// Why the heatmap of target <paramref name="id"/> would carry no information, or null when it does: every cell holds the
    /// same probability (the levers do not move the target). A console line, so in the console's language even where the
    /// plots fall back to English for want of a CJK font.
    /// </summary>
    public static string? NothingToShow(SweepResult result, string id, Scenario scenario)
    {
        var p = SweepSurface.Of(result, id).Probability;
        double first = p[0, 0];
        foreach (double v in p) if (v != first) return null;
        return ChartStyle.Format(Resources.WhatIfStrings.SweepFlat, WhatIf.WhatIfConsole.TargetName(id, scenario, Output.Language.IsChinese), CellText(first));
    }

    /// <summary>Tick labels of a lever's values: percentages for a rate ("4%"), plain numbers otherwise.</summary>
    public static Func<double, string> TickText(Lever lever, Scenario scenario) =>
        PlotLanguage.IsRate(lever, scenario) ? ChartStyle.RatePercent : v => ChartStyle.Number(Math.Round(v, 10));

    /// <summary>The heatmap's cells: row 0 is drawn at the top, so row r holds the surface at Ys[ny − 1 − r], column i at Xs[i].</summary>
    public static double[,] Intensities(SweepSurface surface)
    {
        int nx = surface.Xs.Count, ny = surface.Ys.Count;
        var cells = new double[ny, nx];
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                cells[ny - 1 - j, i] = surface.Probability[i, j];
        return cells;
    }

    /// <summary>A target's name: the indicator's, or the words for every headline target met together.</summary>
    public static string TargetName(string id, Scenario scenario, PlotLanguage language) =>
        id == ScenarioComparison.AllHeadlineTargetsId ? WhatIfWords.Of(language).AllHeadlineMet : language.Name(scenario.Indicator(id));

    /// <summary>A tick at every lever value when there are few, otherwise automatic ones; numbers without digit grouping.</summary>
    public static void GridTicks(IAxis axis, IReadOnlyList<double> values, Func<double, string>? text = null)
    {
        text ??= v => ChartStyle.Number(Math.Round(v, 10));
        if (values.Count > 11)
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = text };
            return;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double v in values) ticks.AddMajor(v, text(v));
        axis.TickGenerator = ticks;
    }

    private static double Step(IReadOnlyList<double> values) => values.Count > 1 ? (values[^1] - values[0]) / (values.Count - 1) : 1;
}
