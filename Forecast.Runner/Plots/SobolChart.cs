using Forecast.Engine.Model;
using Forecast.Engine.Sensitivity;
using Forecast.Engine.WhatIf;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace Forecast.Runner.Plots;

/// <summary>
/// The Sobol indices of one target: two panels, meeting the target (0/1) and its target-year value, each with a pair
/// of bars per input, the total index ST (blue) above the first-order index S1 (orange, hatched), each with its 95%
/// interval. The inputs are in the same rows in both panels, largest total index first; a header holds the
/// title and the legend.
/// </summary>
internal static class SobolChart
{
    /// <summary>At most this many inputs are drawn.</summary>
    public const int MaxInputs = 12;

    public const int Width = 1300;
    private const float PanelTop = 44, PanelBottom = 62, PanelGap = 30;

    /// <summary>The header's height: the title and the legend, and a line more for the note on sampling noise.</summary>
    private static float HeaderHeight(GlobalSensitivityResult result, string id) => Noisy(result, id) ? 124 : 96;

    /// <summary>
    /// Whether a drawn input has a first-order estimate below 0 or a total estimate below its first order in either output:
    /// impossible for the true indices (0 ≤ S1 ≤ ST), so sampling noise, which the chart then says.
    /// </summary>
    public static bool Noisy(GlobalSensitivityResult result, string id)
    {
        foreach (var kind in new[] { SensitivityOutputKind.TargetMet, SensitivityOutputKind.TargetYearValue })
        {
            var sobol = result[id, kind].Sobol;
            if (!sobol.Inputs.All(s => double.IsFinite(s.Total.Estimate) && double.IsFinite(s.FirstOrder.Estimate))) continue;
            foreach (int k in Inputs(result, id))
            {
                var (first, total) = (sobol.Inputs[k].FirstOrder.Estimate, sobol.Inputs[k].Total.Estimate);
                if (first < 0 || total < first) return true;
            }
        }
        return false;
    }

    /// <summary>Inputs whose total index is below this share in both outputs are left out.</summary>
    public const double MinTotal = 0.01;

    /// <summary>
    /// The inputs drawn (indices into <see cref="GlobalSensitivityResult.Inputs"/>), from the top: by the larger of the two
    /// outputs' total indices, largest first, those of at least <see cref="MinTotal"/> (at least one input), at most <see cref="MaxInputs"/>.
    /// </summary>
    public static IReadOnlyList<int> Inputs(GlobalSensitivityResult result, string id)
    {
        var met = result[id, SensitivityOutputKind.TargetMet].Sobol;
        var value = result[id, SensitivityOutputKind.TargetYearValue].Sobol;
        double Larger(int k) => Math.Max(Finite(met.Inputs[k].Total.Estimate), Finite(value.Inputs[k].Total.Estimate));
        var order = Enumerable.Range(0, result.Inputs.Count).OrderByDescending(Larger).ThenBy(k => k).ToList();
        return [.. order.Take(1).Concat(order.Skip(1).TakeWhile(k => Larger(k) >= MinTotal)).Take(MaxInputs)];
    }

    public static int Height(GlobalSensitivityResult result, string id) =>
        (int)(HeaderHeight(result, id) + PanelTop + PanelBottom) + 44 * Math.Max(3, Inputs(result, id).Count);

    /// <summary>The bar position of the total index of the i-th input of n (the first at the top); the first-order bar sits below it.</summary>
    public static double Row(int i, int n) => n - 1 - i;

    private const double Offset = 0.19, BarSize = 0.36;

    public static Multiplot Build(GlobalSensitivityResult result, string id, Scenario scenario, PlotLanguage language)
    {
        var whatIf = WhatIfWords.Of(language);
        var inputs = Inputs(result, id);
        var names = inputs.Select(k => InputName(result, k, scenario, language)).ToArray();
        var indicator = scenario.Indicator(id);
        var sheet = new Multiplot();
        while (sheet.Subplots.Count > 0) sheet.Subplots.RemoveAt(0);
        string title = ChartStyle.Format(whatIf.SobolTitle, language.Name(indicator)) + " · " + language.TargetText(indicator);
        sheet.Subplots.Add(Header(title, result, id, language));
        sheet.Subplots.Add(Panel(result[id, SensitivityOutputKind.TargetMet].Sobol, inputs, names, whatIf.SobolMet, language));
        sheet.Subplots.Add(Panel(result[id, SensitivityOutputKind.TargetYearValue].Sobol, inputs, null,
            ChartStyle.Format(whatIf.SobolValue, indicator.Target.Year) + language.Paren(language.Unit(indicator)), language));
        float labels = names.Max(n => TextWidth(n, language, ChartStyle.Sizes.Full.Note)) + 24;
        sheet.Layout = new SobolLayout(labels, HeaderHeight(result, id));
        foreach (var (plot, left) in new[] { (sheet.Subplots.GetPlot(1), labels), (sheet.Subplots.GetPlot(2), 10f) })
            plot.Layout.Fixed(new PixelPadding(left, 20, PanelBottom, PanelTop));
        return sheet;
    }

    /// <summary>An input's name: the driver's, or the words for the year-to-year variation.</summary>
    public static string InputName(GlobalSensitivityResult result, int input, Scenario scenario, PlotLanguage language)
    {
        string id = result.Inputs[input];
        if (id == GlobalSensitivity.YearToYearInput) return WhatIfWords.Of(language).YearToYear;
        return scenario.Drivers.FirstOrDefault(d => d.Id == id) is { } driver ? language.Name(driver) : id;
    }

    private static Plot Panel(SobolResult sobol, IReadOnlyList<int> inputs, string[]? names, string title, PlotLanguage language)
    {
        var sizes = ChartStyle.Sizes.Full;
        var plot = new Plot();
        int n = inputs.Count;
        bool defined = sobol.Inputs.All(s => double.IsFinite(s.Total.Estimate) && double.IsFinite(s.FirstOrder.Estimate));
        double lowest = 0, highest = 0.1;
        if (defined)
        {
            var pairs = new[] { (Total: true, Offset: Offset), (Total: false, Offset: -Offset) };
            foreach (var (total, offset) in pairs)
            {
                var estimates = inputs.Select(k => total ? sobol.Inputs[k].Total : sobol.Inputs[k].FirstOrder).ToArray();
                var bars = new List<Bar>();
                for (int i = 0; i < n; i++)
                {
                    var bar = new Bar
                    {
                        Position = Row(i, n) + offset, Value = estimates[i].Estimate, ValueBase = 0, Size = BarSize, Orientation = Orientation.Horizontal,
                        FillColor = total ? OkabeIto.Blue : OkabeIto.Orange, LineColor = OkabeIto.Black, LineWidth = 0.5f,
                    };
                    if (!total)
                    {
                        bar.FillHatch = new ScottPlot.Hatches.Striped();
                        bar.FillHatchColor = Colors.White.WithAlpha(0.7);
                    }
                    bars.Add(bar);
                }
                plot.Add.Bars(bars).Horizontal = true;
                bool intervals = estimates.All(e => double.IsFinite(e.Lower) && double.IsFinite(e.Upper));
                if (intervals)
                {
                    plot.Add.Plottable(new ErrorBar(
                        xs: [.. estimates.Select(e => e.Estimate)],
                        ys: [.. Enumerable.Range(0, n).Select(i => Row(i, n) + offset)],
                        xErrorsPositive: [.. estimates.Select(e => Math.Max(0, e.Upper - e.Estimate))],
                        xErrorsNegative: [.. estimates.Select(e => Math.Max(0, e.Estimate - e.Lower))],
                        yErrorsPositive: null,
                        yErrorsNegative: null)
                    { LineColor = OkabeIto.Black, LineWidth = 1.2f, CapSize = 5 });
                }
                foreach (var e in estimates)
                {
                    lowest = Math.Min(lowest, intervals ? Math.Min(e.Lower, e.Estimate) : e.Estimate);
                    highest = Math.Max(highest, intervals ? Math.Max(e.Upper, e.Estimate) : e.Estimate);
                }
            }
        }
        else
        {
            ChartStyle.Note(plot, language, "V = 0", Alignment.MiddleCenter, sizes.Note);
        }
        plot.Add.VerticalLine(0, 1, OkabeIto.Black).ExcludeFromLegend = true;
        for (int i = 1; i < n; i++) plot.Add.HorizontalLine(Row(i, n) + 0.5, 0.5f, Colors.Black.WithAlpha(0.12)).ExcludeFromLegend = true;

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < n; i++) ticks.AddMajor(Row(i, n), names?[i] ?? "");
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        ChartStyle.NumberTicks(plot.Axes.Bottom);
        double span = highest - lowest;
        plot.Axes.SetLimits(lowest - 0.03 * span, highest + 0.05 * span, -0.55, Math.Max(n, 1) - 0.45);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;

        plot.Title(title);
        plot.XLabel(WhatIfWords.Of(language).SobolAxis);
        ChartStyle.Apply(plot, language, sizes);
        plot.Axes.Title.Label.FontSize = sizes.Label;
        ChartStyle.RowLabels(plot, language, sizes.Note);
        plot.HideLegend();
        return plot;
    }

    private static Plot Header(string title, GlobalSensitivityResult result, string id, PlotLanguage language)
    {
        var whatIf = WhatIfWords.Of(language);
        var header = ChartStyle.Header(title, language, 18);
        if (Noisy(result, id))
        {
            var note = header.Add.Annotation(whatIf.SobolNoise, Alignment.UpperCenter);
            note.LabelFontName = language.FontFor(whatIf.SobolNoise);
            note.LabelFontSize = 13;
            note.LabelFontColor = OkabeIto.Black;
            note.LabelBackgroundColor = Colors.Transparent;
            note.LabelBorderWidth = 0;
            note.LabelShadowColor = Colors.Transparent;
            note.LabelOffsetY = 38;
        }

        var items = new List<LegendItem>
        {
            new() { LabelText = whatIf.TotalOrder, FillColor = OkabeIto.Blue, OutlineColor = OkabeIto.Black, OutlineWidth = 0.5f },
            new() { LabelText = whatIf.FirstOrder, FillColor = OkabeIto.Orange, FillHatch = new ScottPlot.Hatches.Striped(), FillHatchColor = Colors.White.WithAlpha(0.7), OutlineColor = OkabeIto.Black, OutlineWidth = 0.5f },
            new() { LabelText = language.Words.Interval95, LineColor = OkabeIto.Black, LineWidth = 1.2f },
        };
        int left = result.Inputs.Count - Inputs(result, id).Count;
        if (left > 0) items.Add(new LegendItem { LabelText = ChartStyle.Format(whatIf.OthersLeftOut, left) });
        var legend = header.ShowLegend(items, Alignment.LowerCenter);
        legend.Orientation = Orientation.Horizontal;
        ChartStyle.Legend(legend, language, 13);
        legend.OutlineWidth = 0;
        legend.ShadowColor = Colors.Transparent;
        return header;
    }

    private static float TextWidth(string text, PlotLanguage language, float size)
    {
        using var typeface = SKTypeface.FromFamilyName(language.FontFor(text));
        using var font = new SKFont(typeface, size);
        return font.MeasureText(text);
    }

    private static double Finite(double x) => double.IsFinite(x) ? x : 0;

    /// <summary>The header across the top; below it the first panel (with the inputs' names in its left margin) and the second.</summary>
    private sealed class SobolLayout(float labels, float headerHeight) : IMultiplotLayout
    {
        public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect)
        {
            float top = figureRect.Top + headerHeight;
            float data = (figureRect.Width - labels - 10 - 20 - 20 - PanelGap) / 2;
            float split = figureRect.Left + labels + data + 20 + PanelGap / 2;
            return
            [
                new PixelRect(figureRect.Left, figureRect.Right, top, figureRect.Top),
                new PixelRect(figureRect.Left, split, figureRect.Bottom, top),
                new PixelRect(split, figureRect.Right, figureRect.Bottom, top),
            ];
        }
    }
}
