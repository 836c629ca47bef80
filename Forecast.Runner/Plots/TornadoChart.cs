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

    /// <summary>
    /// Why the tornado of <paramref name="target"/> would carry no information, or null when it does: no driver moves its
    /// probability (every bar has zero width). A console line, in the console's language (as <see cref="SweepHeatmap.NothingToShow"/>).
    /// </summary>
    public static string? NothingToShow(TornadoTarget target, Scenario scenario) =>
        target.Bars.Any(b => Moves(b, target)) ? null
            : ChartStyle.Format(Resources.WhatIfStrings.TornadoFlat, WhatIf.WhatIfConsole.TargetName(target.IndicatorId, scenario, Output.Language.IsChinese),
                ChartStyle.Percent(target.Centre.Value));

    /// <summary>
    /// The probability axis: zoomed to the bars and the centre (the bars of a few points stay visible), with a margin of a
    /// tenth of their span on either side, at least one point wide, inside 0-100%.
    /// </summary>
    public static (double Low, double High) Range(TornadoTarget target)
    {
        var drivers = Drivers(target);
        double low = target.Centre.Value, high = low;
        foreach (var b in drivers)
        {
            low = Math.Min(low, Math.Min(b.ProbabilityAtLow.Value, b.ProbabilityAtHigh.Value));
            high = Math.Max(high, Math.Max(b.ProbabilityAtLow.Value, b.ProbabilityAtHigh.Value));
        }
        double pad = Math.Max(0.1 * (high - low), 0.005);
        return (Math.Max(-0.002, low - pad), Math.Min(1.002, high + pad));
    }

    /// <summary>The chart; <paramref name="runProbability"/> is the target's probability as <c>forecast run</c> reports it (every driver uncertain), shown beside the centre (null when not known).</summary>
    public static Plot Build(TornadoTarget target, TornadoResult result, Scenario scenario, PlotLanguage language, double? runProbability = null)
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
        var (axisLow, axisHigh) = Range(target);
        if (SweepHeatmap.Level > axisLow && SweepHeatmap.Level < axisHigh)
        {
            var line80 = plot.Add.VerticalLine(SweepHeatmap.Level, 1, OkabeIto.Grey, LinePattern.Dotted);
            line80.ExcludeFromLegend = true;
        }
        if (runProbability is { } run && run > axisLow && run < axisHigh)
        {
            // The run's answer, where it falls inside the zoomed axis: a different question from the centre (every driver uncertain).
            var runLine = plot.Add.VerticalLine(run, 2, OkabeIto.Vermillion, LinePattern.Dashed);
            runLine.ExcludeFromLegend = true;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < n; i++) ticks.AddMajor(Row(i, n), DriverLabel(drivers[i], scenario, language));
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = ChartStyle.RatePercent };
        plot.Axes.SetLimits(axisLow, axisHigh, -0.6, Math.Max(n, 1) - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;

        string name = SweepHeatmap.TargetName(target.IndicatorId, scenario, language);
        if (target.IndicatorId != ScenarioComparison.AllHeadlineTargetsId) name += " · " + language.TargetText(scenario.Indicator(target.IndicatorId));
        string question = runProbability is { } r
            ? ChartStyle.Format(whatIf.TornadoQuestion, ChartStyle.Percent(centre), ChartStyle.Percent(r))
            : ChartStyle.Format(whatIf.TornadoQuestionNoRun, ChartStyle.Percent(centre));
        plot.Title(ChartStyle.Format(whatIf.TornadoTitle, name, lowPercentile, highPercentile) + "\n" + question);
        plot.XLabel(whatIf.TornadoAxis);
        int unmoved = target.Bars.Count(b => !Moves(b, target));
        int notDrawn = target.Bars.Count - unmoved - n;
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = lowBars.LegendText, FillColor = OkabeIto.Orange, FillHatch = new ScottPlot.Hatches.Striped(),
            FillHatchColor = Colors.White.WithAlpha(0.7), OutlineColor = OkabeIto.Black, OutlineWidth = 0.5f,
        });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = highBars.LegendText, FillColor = OkabeIto.Blue, OutlineColor = OkabeIto.Black, OutlineWidth = 0.5f });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = centreLine.LegendText, LineColor = OkabeIto.Black, LineWidth = 2 });
        if (runProbability is { } shown)
        {
            bool inside = shown > axisLow && shown < axisHigh;
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = ChartStyle.Format(inside ? whatIf.RunProbability : whatIf.RunProbabilityOffAxis, ChartStyle.Percent(shown)),
                LineColor = inside ? OkabeIto.Vermillion : Colors.Transparent, LineWidth = 2, LinePattern = LinePattern.Dashed,
            });
        }
        if (unmoved > 0) plot.Legend.ManualItems.Add(new LegendItem { LabelText = ChartStyle.Format(n == 0 ? whatIf.NoneMoves : whatIf.OthersUnmoved, unmoved) });
        if (notDrawn > 0) plot.Legend.ManualItems.Add(new LegendItem { LabelText = ChartStyle.Format(whatIf.SmallerSwings, notDrawn) });
        plot.Legend.DisplayPlottableLegendItems = false;
        ChartStyle.Apply(plot, language, sizes);
        plot.Axes.Title.Label.FontSize = sizes.Label;   // three lines
        ChartStyle.RowLabels(plot, language, sizes.Note);
        ChartStyle.LegendBelow(plot, language, sizes.Legend);
        return plot;
    }

    /// <summary>"Driver name (low → high)": the driver's levels at the two percentiles, a rate's as "8.2% → 15.8% a year".</summary>
    public static string DriverLabel(TornadoBar bar, Scenario scenario, PlotLanguage language)
    {
        if (scenario.Drivers.FirstOrDefault(d => d.Id == bar.DriverId) is not { } driver)
            return bar.DriverId + language.Paren(ChartStyle.Value(bar.LowLevel) + " → " + ChartStyle.Value(bar.HighLevel));
        string range = PlotLanguage.IsRate(driver, scenario)
            ? (language.Chinese ? "每年" + ChartStyle.RatePercent(bar.LowLevel) + " → " + ChartStyle.RatePercent(bar.HighLevel)
                : ChartStyle.RatePercent(bar.LowLevel) + " → " + ChartStyle.RatePercent(bar.HighLevel) + " a year")
            : ChartStyle.Value(bar.LowLevel) + " → " + ChartStyle.Value(bar.HighLevel);
        return language.Name(driver) + language.Paren(range);
    }
}
