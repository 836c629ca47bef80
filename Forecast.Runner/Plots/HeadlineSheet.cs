using Forecast.Engine.Results;
using ScottPlot;

namespace Forecast.Runner.Plots;

/// <summary>
/// The fan charts of the headline indicators on one page (two columns, 4×2 for the plan's eight),
/// under a header with the sheet's title and the legend they share.
/// </summary>
internal static class HeadlineSheet
{
    public const int Columns = 2;
    public const float HeaderHeight = 90;

    /// <summary>The page's height for the given number of panels at a width of 1200.</summary>
    public static int Height(SimulationResult result) =>
        (int)HeaderHeight + 380 * Math.Max(1, (result.Indicators.Count(o => o.Indicator.Headline) + Columns - 1) / Columns);

    /// <summary>The sheet: subplot 0 is the header, then one compact fan chart per headline indicator in scenario order.</summary>
    public static Multiplot Build(SimulationResult result, PlotLanguage language)
    {
        var sheet = new Multiplot();
        while (sheet.Subplots.Count > 0) sheet.Subplots.RemoveAt(0);
        sheet.Subplots.Add(Header(result, language));
        foreach (var outcome in result.Indicators.Where(o => o.Indicator.Headline))
            sheet.Subplots.Add(FanChart.Build(outcome, language, compact: true));
        sheet.Layout = new SheetLayout(HeaderHeight, Columns);
        return sheet;
    }

    private static Plot Header(SimulationResult result, PlotLanguage language)
    {
        var words = language.Words;
        var header = ChartStyle.Header(words.HeadlineSheetTitle + " · " + result.Scenario, language, 20);

        var items = new List<LegendItem>
        {
            new() { LabelText = words.Observed, LineColor = OkabeIto.Black, LineWidth = 1.5f, MarkerShape = MarkerShape.FilledCircle, MarkerColor = OkabeIto.Black, MarkerSize = 7 },
            new() { LabelText = words.Median, LineColor = OkabeIto.Blue, LineWidth = 2.5f },
            new() { LabelText = words.Band50, FillColor = OkabeIto.Blue.WithAlpha(0.36) },
            new() { LabelText = words.Band90, FillColor = OkabeIto.Blue.WithAlpha(0.16) },
            new() { LabelText = words.Target, LineColor = OkabeIto.Vermillion, LineWidth = 1.5f, MarkerShape = MarkerShape.FilledDiamond, MarkerColor = OkabeIto.Vermillion, MarkerSize = 9 },
            new() { LabelText = words.RequiredPath, LineColor = OkabeIto.Vermillion, LineWidth = 2, LinePattern = LinePattern.Dashed },
        };
        var legend = header.ShowLegend(items, Alignment.LowerCenter);
        legend.Orientation = Orientation.Horizontal;
        ChartStyle.Legend(legend, language, 13);
        legend.OutlineWidth = 0;
        legend.ShadowColor = Colors.Transparent;
        return header;
    }

    /// <summary>A header band across the top, then the panels in a grid of <paramref name="columns"/> columns.</summary>
    private sealed class SheetLayout(float headerHeight, int columns) : IMultiplotLayout
    {
        public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect)
        {
            int panels = subplots.Count - 1;
            int rows = Math.Max(1, (panels + columns - 1) / columns);
            var rects = new PixelRect[subplots.Count];
            float top = figureRect.Top + headerHeight;
            rects[0] = new PixelRect(figureRect.Left, figureRect.Right, top, figureRect.Top);
            float width = figureRect.Width / columns, height = (figureRect.Bottom - top) / rows;
            for (int i = 0; i < panels; i++)
            {
                int row = i / columns, column = i % columns;
                float left = figureRect.Left + column * width, upper = top + row * height;
                rects[i + 1] = new PixelRect(left, left + width, upper + height, upper);
            }
            return rects;
        }
    }
}
