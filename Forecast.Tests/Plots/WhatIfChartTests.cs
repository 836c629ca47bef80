using System.Globalization;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Plots;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Tests.Plots;

/// <summary>The what-if charts draw the result's numbers: each test builds a chart from a result and reads back what it plotted.</summary>
public class WhatIfChartTests
{
    private static readonly PlotLanguage English = PlotData.English;

    [Fact]
    public void Comparison_BarsAreEachScenariosProbability_WithItsWilsonInterval()
    {
        var result = WhatIfPlotData.Comparison;
        var rows = ComparisonChart.Rows(result, PlotData.Liaocheng);
        var plot = ComparisonChart.Build(result, PlotData.Liaocheng, English);
        var barPlots = plot.GetPlottables<BarPlot>().ToList();
        var errors = plot.GetPlottables<ErrorBar>().ToList();
        Assert.Equal(2, barPlots.Count);
        Assert.Equal(2, errors.Count);
        for (int s = 0; s < 2; s++)
        {
            for (int r = 0; r < rows.Count; r++)
            {
                var estimate = rows[r].Outcomes[s].Probability;
                var bar = barPlots[s].Bars[r];
                Assert.Equal(ComparisonChart.Position(r, rows.Count, s, 2), bar.Position);
                Assert.Equal(estimate.Value, bar.Value);
                Assert.Equal(estimate.Ci95.Lower, errors[s].Xs[r] - errors[s].XErrorNegative![r], 12);
                Assert.Equal(estimate.Ci95.Upper, errors[s].Xs[r] + errors[s].XErrorPositive![r], 12);
            }
        }
        // The high-investment scenario raises R&D intensity: its bar is longer on the same paths.
        int rd = rows.ToList().FindIndex(t => t.Id == "rd_intensity");
        Assert.True(barPlots[1].Bars[rd].Value > barPlots[0].Bars[rd].Value);
    }

    [Fact]
    public void Comparison_RowsAreHeadlineTargets_ThenAllHeadlineMet_ThenTheOthers_AndScenariosDifferInColourAndHatch()
    {
        var result = WhatIfPlotData.Comparison;
        var rows = ComparisonChart.Rows(result, PlotData.Liaocheng);
        Assert.Equal(result.Targets.Count + 1, rows.Count);
        Assert.All(rows.Take(8), t => Assert.True(PlotData.Liaocheng.Indicator(t.Id).Headline));
        Assert.Equal(ScenarioComparison.AllHeadlineTargetsId, rows[8].Id);
        Assert.All(rows.Skip(9), t => Assert.False(PlotData.Liaocheng.Indicator(t.Id).Headline));
        var bars = ComparisonChart.Build(result, PlotData.Liaocheng, English).GetPlottables<BarPlot>().Select(b => b.Bars[0]).ToList();
        Assert.NotEqual(bars[0].FillColor, bars[1].FillColor);
        Assert.Null(bars[0].FillHatch);
        Assert.NotNull(bars[1].FillHatch);   // tells the scenarios apart in greyscale
    }

    [Fact]
    public void SweepSurface_IsTheSweepsProbabilities_WithBothLeversAscending()
    {
        var result = WhatIfPlotData.Sweep2;
        var surface = SweepSurface.Of(result, "rd_intensity");
        Assert.Equal([50.0, 70, 90, 110], surface.Xs);
        Assert.Equal([0.1, 0.15, 0.2], surface.Ys.Select(y => Math.Round(y, 12)));   // swept from 0.2 down to 0.1
        int m = result.IndicatorIds.ToList().IndexOf("rd_intensity");
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++)
            {
                var point = result.Points.Single(p => p.LeverValues[0] == surface.Xs[i] && p.LeverValues[1] == surface.Ys[j]);
                Assert.Equal(point.Targets[m].Value, surface.Probability[i, j]);
            }
        // R&D intensity rises with R&D spending growth and does not depend on new high-tech enterprises.
        Assert.True(surface.Probability[0, 2] > surface.Probability[0, 0]);
        Assert.Equal(surface.Probability[0, 1], surface.Probability[3, 1]);
    }

    [Fact]
    public void SweepHeatmap_CellsAreTheSurface_TopRowAtTheHighestSecondLever_OnAFixedZeroToOneScale()
    {
        var result = WhatIfPlotData.Sweep2;
        var surface = SweepSurface.Of(result, "hightech_enterprises");
        var plot = SweepHeatmap.Build(result, "hightech_enterprises", PlotData.Liaocheng, English);
        var heatmap = plot.GetPlottables<Heatmap>().Single();
        Assert.Equal(3, heatmap.Intensities.GetLength(0));
        Assert.Equal(4, heatmap.Intensities.GetLength(1));
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(surface.Probability[i, j], heatmap.Intensities[2 - j, i]);
        Assert.Equal(new ScottPlot.Range(0, 1), heatmap.ManualRange);
        // Cells centred on the grid values: 50-110 step 20, 0.1-0.2 step 0.05; the bitmap as ScottPlot places it (after its alignment).
        var extent = heatmap.GetAlignedExtent();
        Assert.Equal(40, extent.Left, 9);
        Assert.Equal(120, extent.Right, 9);
        Assert.Equal(0.075, extent.Bottom, 9);
        Assert.Equal(0.225, extent.Top, 9);
    }

    /// <summary>
    /// The heatmap alignment test: render the figure, then for every cell find its ticks' pixel (the tick generator's
    /// positions, through the plot's last render) and read the rendered colours a little inside each of the cell's four
    /// corners around it: all four are the colour map's colour of that cell's probability. A cell shifted by a quarter cell or
    /// more (as when ScottPlot read the edges as the outer cells' centres) puts a corner in the neighbouring cell.
    /// </summary>
    [Fact]
    public void SweepHeatmap_EveryCellsCentreLiesOnItsTicks_InTheRenderedImage()
    {
        var result = WhatIfPlotData.Sweep2;
        var surface = SweepSurface.Of(result, "hightech_enterprises");
        var plot = SweepHeatmap.Build(result, "hightech_enterprises", PlotData.Liaocheng, English);
        // Only the cells: the numbers, the iso-line and the marker drawn over them would hide the colours the test reads.
        foreach (var over in plot.GetPlottables().Where(p => p is not Heatmap).ToList()) plot.Remove(over);
        var heatmap = plot.GetPlottables<Heatmap>().Single();
        using var bitmap = SkiaSharp.SKBitmap.Decode(FigureWriter.Png(Figure.Of("heatmap", "", plot, 900, 720)));

        // Ticks at the lever values, in the order of the cells.
        var xTicks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).Order().ToArray();
        var yTicks = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).Order().ToArray();
        Assert.Equal(surface.Xs, xTicks);
        Assert.Equal(surface.Ys, yTicks);
        // Coordinates: each cell's centre in the bitmap ScottPlot draws is its tick.
        var extent = heatmap.GetAlignedExtent();
        for (int i = 0; i < xTicks.Length; i++) Assert.Equal(xTicks[i], extent.Left + (i + 0.5) * heatmap.CellWidth, 9);
        for (int j = 0; j < yTicks.Length; j++) Assert.Equal(yTicks[j], extent.Bottom + (j + 0.5) * heatmap.CellHeight, 9);

        // Pixels: the rendered colour around each tick crossing is that cell's.
        for (int i = 0; i < xTicks.Length; i++)
            for (int j = 0; j < yTicks.Length; j++)
            {
                var centre = plot.GetPixel(new Coordinates(xTicks[i], yTicks[j]));
                var corner = plot.GetPixel(new Coordinates(xTicks[i] + heatmap.CellWidth / 2, yTicks[j] + heatmap.CellHeight / 2));
                float halfWidth = Math.Abs(corner.X - centre.X), halfHeight = Math.Abs(corner.Y - centre.Y);
                Assert.True(halfWidth > 20 && halfHeight > 20);
                var expected = heatmap.Colormap.GetColor(surface.Probability[i, j], new ScottPlot.Range(0, 1));
                foreach (var (sx, sy) in new[] { (-1, -1), (-1, 1), (1, -1), (1, 1) })
                {
                    var pixel = bitmap.GetPixel((int)Math.Round(centre.X + sx * 0.7f * halfWidth), (int)Math.Round(centre.Y + sy * 0.7f * halfHeight));
                    Assert.True(Math.Abs(pixel.Red - expected.R) <= 2 && Math.Abs(pixel.Green - expected.G) <= 2 && Math.Abs(pixel.Blue - expected.B) <= 2,
                        $"cell ({surface.Xs[i]}, {surface.Ys[j]}) corner ({sx}, {sy}): rendered {pixel}, expected {expected}");
                }
            }
    }

    [Fact]
    public void SweepHeatmap_IsNotDrawn_WhenTheLeversDoNotMoveTheTarget_AndSaysWhy()
    {
        var result = WhatIfPlotData.Sweep2;
        var set = WhatIfFigures.Sweep(result, PlotData.Liaocheng, English);
        foreach (string id in SweepLines.Targets(result, PlotData.Liaocheng))
        {
            var p = SweepSurface.Of(result, id).Probability;
            bool flat = p.Cast<double>().All(v => v == p[0, 0]);
            Assert.Equal(!flat, set.Figures.Any(f => f.Name == "sweep-" + id));
            Assert.Equal(flat, set.NotDrawn.Any(line => line.StartsWith(Forecast.Runner.WhatIf.WhatIfConsole.TargetName(id, PlotData.Liaocheng, chinese: false) + ": no heatmap written", StringComparison.Ordinal)));
        }
        // Patent density does not depend on enterprises or R&D spending: its heatmap would be one colour.
        Assert.Contains(set.NotDrawn, line => line.Contains("the levers do not move it", StringComparison.Ordinal) && line.StartsWith("Invention patents", StringComparison.Ordinal));
        Assert.Contains(set.Figures, f => f.Name == "sweep-hightech_enterprises");
    }

    [Fact]
    public void SweepHeatmap_DrawsThe80PercentIsoLineOfTheSurface()
    {
        var result = WhatIfPlotData.Sweep2;
        var surface = SweepSurface.Of(result, "hightech_enterprises");
        var expected = IsoLine.Polylines(surface.Xs, surface.Ys, surface.Probability, 0.8);
        Assert.NotEmpty(expected);   // the probability crosses 80% between 90 and 110 new enterprises a year
        var plot = SweepHeatmap.Build(result, "hightech_enterprises", PlotData.Liaocheng, English);
        var drawn = plot.GetPlottables<Scatter>().Where(s => s.Color == OkabeIto.Black).Select(s => s.Data.GetScatterPoints().ToArray()).ToList();
        Assert.Equal(expected.Count, drawn.Count);
        for (int k = 0; k < expected.Count; k++) Assert.Equal(expected[k], drawn[k]);
        Assert.All(expected.SelectMany(l => l), p => Assert.InRange(p.X, 90, 110));
    }

    [Fact]
    public void SweepHeatmap_LabelsEachCellWithItsProbability_AndTheAxesWithTheLevers()
    {
        var result = WhatIfPlotData.Sweep2;
        var surface = SweepSurface.Of(result, "rd_intensity");
        var plot = SweepHeatmap.Build(result, "rd_intensity", PlotData.Liaocheng, English);
        var labels = plot.GetPlottables<Text>().ToList();
        Assert.Equal(12, labels.Count);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(SweepHeatmap.CellText(surface.Probability[i, j]), labels.Single(t => t.Location == new Coordinates(surface.Xs[i], surface.Ys[j])).LabelText);
        Assert.Equal("New high-tech enterprise certifications a year (hightech_new.mean)", plot.Axes.Bottom.Label.Text);
        Assert.Equal("Society-wide R&D spending growth, % a year (rd_spending_growth.mean)", plot.Axes.Left.Label.Text);
        Assert.Equal("<0.1%", SweepHeatmap.CellText(0.0001));
        Assert.Equal("0.5%", SweepHeatmap.CellText(0.0046));
        Assert.Equal(">99%", SweepHeatmap.CellText(0.999));
        Assert.Equal("80%", SweepHeatmap.CellText(0.8));
        Assert.Equal("0%", SweepHeatmap.CellText(0));
        // A growth rate's lever reads as a percentage a year, on its axis and its ticks (generated when drawn).
        FigureWriter.Png(Figure.Of("heatmap", "", plot, 900, 720));
        Assert.Equal(["10%", "15%", "20%"], plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).OrderBy(t => t.Position).Select(t => t.Label));
    }

    [Fact]
    public void SweepLines_OneLinePerHeadlineTarget_AndAllTogether_AtTheSweepsProbabilities()
    {
        var result = WhatIfPlotData.Sweep1;
        var targets = SweepLines.Targets(result, PlotData.Liaocheng);
        Assert.Equal(9, targets.Count);   // the eight headline targets and all of them together
        Assert.Equal(ScenarioComparison.AllHeadlineTargetsId, targets[^1]);
        // One legend entry per target (a dashed line is drawn apart from its markers, which carry the entry).
        var lines = SweepLines.Build(result, PlotData.Liaocheng, English).GetPlottables<Scatter>().Where(s => !string.IsNullOrEmpty(s.LegendText)).ToList();
        Assert.Equal(targets.Count, lines.Count);
        for (int k = 0; k < targets.Count; k++)
        {
            var points = lines[k].Data.GetScatterPoints();
            Assert.Equal(result.Points.Select(p => p.LeverValues[0]), points.Select(p => p.X));
            Assert.Equal(result.Points.Select(p => SweepSurface.Estimate(p, result, targets[k]).Value), points.Select(p => p.Y));
        }
        Assert.Equal("High-tech enterprises", lines[targets.ToList().IndexOf("hightech_enterprises")].LegendText);
    }

    [Fact]
    public void Tornado_BarsRunFromTheCentreToEachEndsProbability_LargestSwingOnTop()
    {
        var result = WhatIfPlotData.SmallTornado;
        var target = result["x"];
        var drivers = TornadoChart.Drivers(target);
        Assert.Equal(["a", "c"], drivers.Select(b => b.DriverId).Order());
        var barPlots = TornadoChart.Build(target, result, WhatIfPlotData.Small, English).GetPlottables<BarPlot>().ToList();
        Assert.Equal(2, barPlots.Count);   // low ends, high ends
        for (int i = 0; i < drivers.Count; i++)
        {
            var (low, high) = (barPlots[0].Bars[i], barPlots[1].Bars[i]);
            Assert.Equal(TornadoChart.Row(i, drivers.Count), low.Position);
            Assert.Equal(target.Centre.Value, low.ValueBase);
            Assert.Equal(drivers[i].ProbabilityAtLow.Value, low.Value);
            Assert.Equal(target.Centre.Value, high.ValueBase);
            Assert.Equal(drivers[i].ProbabilityAtHigh.Value, high.Value);
        }
        Assert.True(Math.Abs(drivers[0].ProbabilitySwing) >= Math.Abs(drivers[1].ProbabilitySwing));
        Assert.Equal(drivers.Count - 1, TornadoChart.Row(0, drivers.Count));
        Assert.Contains(target.Centre.Value, TornadoChart.Build(target, result, WhatIfPlotData.Small, English).GetPlottables<VerticalLine>().Select(l => l.X));
    }

    [Fact]
    public void Tornado_ZoomsToItsBars_NamesItsQuestion_AndShowsTheRunsProbability()
    {
        var result = WhatIfPlotData.SmallTornado;
        var target = result["x"];
        var drivers = TornadoChart.Drivers(target);
        double run = 0.4242;
        var plot = TornadoChart.Build(target, result, WhatIfPlotData.Small, English, run);
        var limits = plot.Axes.GetLimits();
        var ends = drivers.SelectMany(b => new[] { b.ProbabilityAtLow.Value, b.ProbabilityAtHigh.Value }).Append(target.Centre.Value).ToList();
        double span = ends.Max() - ends.Min();
        // Every bar inside the axis, with a margin of a tenth of their span (at least half a point) either side: not 0-100%.
        Assert.Equal(Math.Max(-0.002, ends.Min() - Math.Max(0.1 * span, 0.005)), limits.Left, 12);
        Assert.Equal(Math.Min(1.002, ends.Max() + Math.Max(0.1 * span, 0.005)), limits.Right, 12);
        Assert.EndsWith("centre (every driver at its median) " + ChartStyle.Percent(target.Centre.Value) + " ≠ forecast run (every driver uncertain) 42.4%",
            plot.Axes.Title.Label.Text, StringComparison.Ordinal);
        Assert.Contains(plot.Legend.ManualItems, i => i.LabelText.StartsWith("forecast run (every driver uncertain): 42.4%", StringComparison.Ordinal));
        // The drivers are growth rates: their ranges read as percentages a year.
        var a = drivers.Single(b => b.DriverId == "a");
        Assert.Equal("a (" + ChartStyle.RatePercent(a.LowLevel) + " → " + ChartStyle.RatePercent(a.HighLevel) + " a year)", TornadoChart.DriverLabel(a, WhatIfPlotData.Small, English));
        Assert.Equal("3% a year", English.RateText(0.03));
        Assert.Equal("18.1% a year", English.RateText(0.1811));
    }

    [Fact]
    public void Tornado_IsNotDrawn_WhenNoDriverMovesTheTarget_AndSaysWhy()
    {
        var moving = WhatIfPlotData.SmallTornado["x"];
        Assert.Null(TornadoChart.NothingToShow(moving, WhatIfPlotData.Small));
        var centre = new ProbabilityEstimate(0, 1000);
        var flat = moving with { Centre = centre, Bars = [.. moving.Bars.Select(b => b with { ProbabilityAtLow = centre, ProbabilityAtHigh = centre })] };
        Assert.Equal("x: no tornado written: no driver moves it from its P10 to its P90 (0.0% with every driver at its median)",
            TornadoChart.NothingToShow(flat, WhatIfPlotData.Small));
        var tornado = WhatIfPlotData.SmallTornado with { Targets = [flat] };
        var set = WhatIfFigures.Sensitivity(tornado, WhatIfPlotData.SmallSobol, WhatIfPlotData.Small, English);
        Assert.DoesNotContain(set.Figures, f => f.Name == "tornado-x");
        Assert.Contains(set.Figures, f => f.Name == "sobol-x");
        Assert.Single(set.NotDrawn);
    }

    [Fact]
    public void Sobol_BarsAreTheFirstOrderAndTotalIndices_WithTheirBootstrapIntervals_InBothPanels()
    {
        var result = WhatIfPlotData.SmallSobol;
        var inputs = SobolChart.Inputs(result, "x");
        Assert.Equal(3, inputs.Count);   // a, c and the year-to-year variation
        var sheet = SobolChart.Build(result, "x", WhatIfPlotData.Small, English);
        foreach (var (panel, kind) in new[] { (1, SensitivityOutputKind.TargetMet), (2, SensitivityOutputKind.TargetYearValue) })
        {
            var sobol = result["x", kind].Sobol;
            var plot = sheet.Subplots.GetPlot(panel);
            var bars = plot.GetPlottables<BarPlot>().ToList();
            var errors = plot.GetPlottables<ErrorBar>().ToList();
            Assert.Equal(2, bars.Count);   // total, first order
            for (int i = 0; i < inputs.Count; i++)
            {
                var total = sobol.Inputs[inputs[i]].Total;
                var first = sobol.Inputs[inputs[i]].FirstOrder;
                Assert.Equal(total.Estimate, bars[0].Bars[i].Value);
                Assert.Equal(first.Estimate, bars[1].Bars[i].Value);
                Assert.True(bars[0].Bars[i].Position > bars[1].Bars[i].Position);   // total above first order, same row
                Assert.Equal(total.Lower, errors[0].Xs[i] - errors[0].XErrorNegative![i], 12);
                Assert.Equal(total.Upper, errors[0].Xs[i] + errors[0].XErrorPositive![i], 12);
                Assert.Equal(first.Lower, errors[1].Xs[i] - errors[1].XErrorNegative![i], 12);
                Assert.Equal(first.Upper, errors[1].Xs[i] + errors[1].XErrorPositive![i], 12);
            }
        }
        var met = result["x", SensitivityOutputKind.TargetMet].Sobol;
        var value = result["x", SensitivityOutputKind.TargetYearValue].Sobol;
        Assert.Equal(inputs, inputs.OrderByDescending(k => Math.Max(met.Inputs[k].Total.Estimate, value.Inputs[k].Total.Estimate)));
        Assert.Equal("Year-to-year variation", SobolChart.InputName(result, result.Inputs.Count - 1, WhatIfPlotData.Small, English));
    }

    [Fact]
    public void Goal_PointsAreTheEstimatesTheGoalSeekReports_WithTheWantedLineAndTheAnswersInterval()
    {
        var result = WhatIfPlotData.Goal;
        Assert.Equal(GoalSeekStatus.Reached, result.Status);
        var points = GoalChart.Points(result);
        Assert.Equal([result.Low, result.CurrentValue, result.Value, result.High], points.Select(p => p.Lever));
        Assert.Equal([result.ProbabilityAtLow, result.ProbabilityAtCurrent, result.ProbabilityAtValue, result.ProbabilityAtHigh], points.Select(p => p.Probability));
        var plot = GoalChart.Build(result, PlotData.Liaocheng, English);
        var errors = plot.GetPlottables<ErrorBar>().Single();
        for (int k = 0; k < points.Count; k++)
        {
            Assert.Equal(points[k].Probability.Ci95.Lower, errors.Ys[k] - errors.YErrorNegative![k], 12);
            Assert.Equal(points[k].Probability.Ci95.Upper, errors.Ys[k] + errors.YErrorPositive![k], 12);
        }
        Assert.Equal(result.WantedProbability, plot.GetPlottables<HorizontalLine>().Single().Y);
        var band = plot.GetPlottables<HorizontalSpan>().Single();
        Assert.Equal((result.Lower.Value, result.Upper.Value), (band.XRange.Min, band.XRange.Max));
        Assert.Contains(result.Value.ToString("0.##", CultureInfo.InvariantCulture), band.LegendText, StringComparison.Ordinal);
    }

    [Fact]
    public void Goal_OnAGrowthRate_StatesTheAnswerAndTheLeverAsPercentagesAYear()
    {
        var result = WhatIfPlotData.RateGoal;
        Assert.Equal(GoalSeekStatus.Reached, result.Status);
        var plot = GoalChart.Build(result, PlotData.Liaocheng, English);
        string answer = plot.GetPlottables<HorizontalSpan>().Single().LegendText;
        Assert.StartsWith("Answer: " + English.RateText(result.Value) + " (95% interval ", answer, StringComparison.Ordinal);
        Assert.EndsWith(" a year)", answer, StringComparison.Ordinal);
        Assert.Contains(plot.GetPlottables<Text>(), t => t.LabelText.StartsWith("Now " + English.RateText(result.CurrentValue) + ": ", StringComparison.Ordinal));
        Assert.Equal("Society-wide R&D spending growth, % a year (rd_spending_growth.mean)", plot.Axes.Bottom.Label.Text);
        FigureWriter.Png(Figure.Of("goal", "", plot, 900, 560));
        Assert.All(plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor), t => Assert.EndsWith("%", t.Label, StringComparison.Ordinal));
    }

    [Fact]
    public void Figures_AreValidPngAndSvg_OfTheirSize_AndScaleWithTheResolution()
    {
        var figures = new[]
        {
            WhatIfFigures.Comparison(WhatIfPlotData.Comparison, PlotData.Liaocheng, English),
            WhatIfFigures.Sweep(WhatIfPlotData.Sweep1, PlotData.Liaocheng, English),
            WhatIfFigures.Goal(WhatIfPlotData.Goal, PlotData.Liaocheng, English),
            WhatIfFigures.Sensitivity(WhatIfPlotData.SmallTornado, WhatIfPlotData.SmallSobol, WhatIfPlotData.Small, English),
        }.SelectMany(f => f.Figures).ToList();
        Assert.Equal(["compare", "sweep", "goal", "tornado-x", "sobol-x"], figures.Select(f => f.Name));
        foreach (var figure in figures)
        {
            Assert.Equal((figure.Width, figure.Height), ImageFiles.PngSize(FigureWriter.Png(figure)));
            var svg = ImageFiles.SvgRoot(FigureWriter.Svg(figure));
            Assert.Equal(figure.Width, double.Parse(svg.Attribute("width")!.Value, CultureInfo.InvariantCulture));
            Assert.Equal(figure.Height, double.Parse(svg.Attribute("height")!.Value, CultureInfo.InvariantCulture));
        }
        var goal = figures.Single(f => f.Name == "goal");
        Assert.Equal(FigureWriter.PixelSize(goal, 192), ImageFiles.PngSize(FigureWriter.Png(goal, 192)));
        Assert.Equal((1800, 1120), FigureWriter.PixelSize(goal, 192));
    }

    [Fact]
    public void TwoLeverSweep_HasOneHeatmapPerHeadlineTarget_AndOneForAllOfThem_OrSaysWhyNot()
    {
        var set = WhatIfFigures.Sweep(WhatIfPlotData.Sweep2, PlotData.Liaocheng, English);
        var expected = PlotData.Liaocheng.Indicators.Where(i => i.Headline).Select(i => i.Id).Append("all_headline_targets");
        // Each in order, drawn or said why not.
        Assert.Equal(expected.Count(), set.Figures.Count + set.NotDrawn.Count);
        Assert.Equal(expected.Where(id => set.Figures.Any(f => f.Name == "sweep-" + id)).Select(id => "sweep-" + id), set.Figures.Select(f => f.Name));
    }
}
