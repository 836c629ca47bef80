using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Runner.Plots;

/// <summary>
/// The tornado of one target: for each driver that moves it, two bars from the probability with every driver at its
/// median (the centre line) to the probability with that driver at its low percentile (orange, hatched) and at its high
/// percentile (blue); the largest swing at the top. Drivers that do not move the target are counted in a note.
/// </summary>
internal static class TornadoChart
{
    /// <summary>At most this many drivers are drawn.</summary>
    public const int MaxDrivers = 12;

    /// <summary>The bars drawn, from the top: the drivers whose swing is not zero, largest first (the engine's order), at most <see cref="MaxDrivers"/>.</summary>
    public static IReadOnlyList<TornadoBar> Drivers(TornadoTarget target) =>
        [.. target.Bars.Where(b => Moves(b, target)).Take(MaxDrivers)];

    /// <summary>Whether the driver changes the probability at either end.</summary>
    public static bool Moves(TornadoBar bar, TornadoTarget target) =>
        bar.ProbabilityAtLow.Value != target.Centre.Value || bar.ProbabilityAtHigh.Value != target.Centre.Value;

    public static int Height(TornadoTarget target) => 250 + 36 * Math.Max(4, Drivers(target).Count);

    /// <summary>The bar position of the i-th driver of n: the first at the top.</summary>
    public static double Row(int i, int n) => n - 1 - i;

    public static Plot Build(TornadoTarget target, TornadoResult result, Scenario scenario, PlotLanguage language)
    {
        var whatIf = WhatIfWords.Of(language);
        var sizes = ChartStyle.Sizes.Full;
        var plot = new Plot();
        var drivers = Drivers(target);
        int n = drivers.Count;
        double centre = target.Centre.Value;
        int lowPercentile = (int)Math.Round(100 * result.LowQuantile), highPercentile = (int)Math.Round(100 * result.HighQuantile);

        var low = new List<Bar>();
        var high = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            var b = drivers[i];
            low.Add(new Bar
            {
                Position = Row(i, n), ValueBase = centre, Value = b.ProbabilityAtLow.Value, Size = 0.7, Orientation = Orientation.Horizontal,
                FillColor = OkabeIto.Orange, FillHatch = new ScottPlot.Hatches.Striped(), FillHatchColor = Colors.White.WithAlpha(0.7),
                LineColor = OkabeIto.Black, LineWidth = 0.5f,
            });
            high.Add(new Bar
            {
                Position = Row(i, n), ValueBase = centre, Value = b.ProbabilityAtHigh.Value, Size = 0.7, Orientation = Orientation.Horizontal,
                FillColor = OkabeIto.Blue, LineColor = OkabeIto.Black, LineWidth = 0.5f,
            });
        }
        var lowBars = plot.Add.Bars(low);
        lowBars.Horizontal = true;
        lowBars.LegendText = ChartStyle.Format(whatIf.DriverAt, lowPercentile);
        var highBars = plot.Add.Bars(high);
        highBars.Horizontal = true;
        highBars.LegendText = ChartStyle.Format(whatIf.DriverAt, highPercentile);

        var centreLine = plot.Add.VerticalLine(centre, 2, OkabeIto.Black);
        centreLine.LegendText = ChartStyle.Format(whatIf.AllAtMedians, ChartStyle.Percent(centre));
        var line80 = plot.Add.VerticalLine(SweepHeatmap.Level, 1, OkabeIto.Grey, LinePattern.Dotted);
        line80.ExcludeFromLegend = true;

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < n; i++) ticks.AddMajor(Row(i, n), DriverLabel(drivers[i], scenario, language));
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        ChartStyle.PercentTicks(plot.Axes.Bottom);
        plot.Axes.SetLimits(-0.01, 1.01, -0.6, Math.Max(n, 1) - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;


        string name = SweepHeatmap.TargetName(target.IndicatorId, scenario, language);
        if (target.IndicatorId != ScenarioComparison.AllHeadlineTargetsId) name += " · " + language.TargetText(scenario.Indicator(target.IndicatorId));
        plot.Title(ChartStyle.Format(whatIf.TornadoTitle, name, lowPercentile, highPercentile));
        plot.XLabel(language.Words.ProbabilityAxis);
        int unmoved = target.Bars.Count(b => !Moves(b, target));
        int notDrawn = target.Bars.Count - unmoved - n;
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = lowBars.LegendText, FillColor = OkabeIto.Orange, FillHatch = new ScottPlot.Hatches.Striped(),
            FillHatchColor = Colors.White.WithAlpha(0.7), OutlineColor = OkabeIto.Black, OutlineWidth = 0.5f,
        });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = highBars.LegendText, FillColor = OkabeIto.Blue, OutlineColor = OkabeIto.Black, OutlineWidth = 0.5f });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = centreLine.LegendText, LineColor = OkabeIto.Black, LineWidth = 2 });
        if (unmoved > 0) plot.Legend.ManualItems.Add(new LegendItem { LabelText = ChartStyle.Format(n == 0 ? whatIf.NoneMoves : whatIf.OthersUnmoved, unmoved) });
        if (notDrawn > 0) plot.Legend.ManualItems.Add(new LegendItem { LabelText = ChartStyle.Format(whatIf.SmallerSwings, notDrawn) });
        plot.Legend.DisplayPlottableLegendItems = false;
        ChartStyle.Apply(plot, language, sizes);
        ChartStyle.RowLabels(plot, language, sizes.Note);
        ChartStyle.LegendBelow(plot, language, sizes.Legend);
        return plot;
    }

    /// <summary>"Driver name (low → high)": the driver's levels at the two percentiles.</summary>
    public static string DriverLabel(TornadoBar bar, Scenario scenario, PlotLanguage language)
    {
        string name = scenario.Drivers.FirstOrDefault(d => d.Id == bar.DriverId) is { } driver ? language.Name(driver) : bar.DriverId;
        return name + " (" + ChartStyle.Value(bar.LowLevel) + " → " + ChartStyle.Value(bar.HighLevel) + ")";
    }
}
