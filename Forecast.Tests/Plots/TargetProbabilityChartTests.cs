using Forecast.Engine.Results;
using Forecast.Runner.Plots;
using ScottPlot;
using ScottPlot.Plottables;

namespace Forecast.Tests.Plots;

public class TargetProbabilityChartTests
{
    [Fact]
    public void Bars_AreTheProbabilities_HeadlineTargetsFirst_FromTheTop()
    {
        var result = PlotData.LiaochengRun;
        var plot = TargetProbabilityChart.Build(result, PlotData.English);
        var bars = plot.GetPlottables<BarPlot>().Single().Bars;
        var order = TargetProbabilityChart.Order(result);
        Assert.Equal(result.Indicators.Count, bars.Count);
        Assert.Equal(8, order.TakeWhile(o => o.Indicator.Headline).Count());
        for (int i = 0; i < order.Count; i++)
        {
            var bar = bars.Single(b => b.Position == TargetProbabilityChart.Row(i, order.Count));
            Assert.Equal(order[i].Probability, bar.Value);
            Assert.Equal(0, bar.ValueBase);
        }
        Assert.Equal("rd_intensity", order[0].Indicator.Id);
        Assert.Equal(order.Count - 1, TargetProbabilityChart.Row(0, order.Count));
    }

    [Fact]
    public void ErrorBars_SpanEachProbabilitysWilsonInterval()
    {
        var result = PlotData.LiaochengRun;
        var errors = TargetProbabilityChart.Build(result, PlotData.English).GetPlottables<ErrorBar>().Single();
        var order = TargetProbabilityChart.Order(result);
        for (int i = 0; i < order.Count; i++)
        {
            Assert.Equal(TargetProbabilityChart.Row(i, order.Count), errors.Ys[i]);
            Assert.Equal(order[i].ProbabilityCi95.Lower, errors.Xs[i] - errors.XErrorNegative![i], 12);
            Assert.Equal(order[i].ProbabilityCi95.Upper, errors.Xs[i] + errors.XErrorPositive![i], 12);
        }
    }

    [Fact]
    public void BarColour_FollowsTheStatus_AndOffTrackBarsAreHatched()
    {
        var result = PlotData.LiaochengRun;
        var bars = TargetProbabilityChart.Build(result, PlotData.English).GetPlottables<BarPlot>().Single().Bars;
        var order = TargetProbabilityChart.Order(result);
        Assert.Contains(order, o => o.Status == TargetStatus.OffTrack);
        for (int i = 0; i < order.Count; i++)
        {
            var bar = bars.Single(b => b.Position == TargetProbabilityChart.Row(i, order.Count));
            Assert.Equal(OkabeIto.Status(order[i].Status), bar.FillColor);
            Assert.Equal(order[i].Status == TargetStatus.OffTrack, bar.FillHatch is not null);
        }
    }

    [Fact]
    public void RowLabels_AreTheIndicatorNames()
    {
        var result = PlotData.LiaochengRun;
        var plot = TargetProbabilityChart.Build(result, PlotData.English);
        plot.RenderInMemory(1100, TargetProbabilityChart.Height(result));
        var ticks = ((ScottPlot.TickGenerators.NumericManual)plot.Axes.Left.TickGenerator).Ticks;
        var order = TargetProbabilityChart.Order(result);
        for (int i = 0; i < order.Count; i++)
            Assert.Equal(order[i].Indicator.Name.En, ticks.Single(t => t.Position == TargetProbabilityChart.Row(i, order.Count)).Label);
    }
}

public class HeadlineTargetsMetChartTests
{
    [Fact]
    public void Bars_AreTheDistributionOfHowManyHeadlineTargetsAreMet()
    {
        var result = PlotData.LiaochengRun;
        var bars = HeadlineTargetsMetChart.Build(result, PlotData.English).GetPlottables<BarPlot>().Single().Bars;
        Assert.Equal(9, bars.Count);   // 0 to 8 of the plan's eight headline targets
        for (int k = 0; k < bars.Count; k++)
        {
            Assert.Equal(k, bars[k].Position);
            Assert.Equal(result.HeadlineMetDistribution[k], bars[k].Value);
        }
        Assert.Equal(1, bars.Sum(b => b.Value), 9);
    }

    [Fact]
    public void Note_GivesTheChanceThatAllAreMet_AndTheMeanNumberMet()
    {
        var result = PlotData.Small;   // two headline indicators
        var note = HeadlineTargetsMetChart.Build(result, PlotData.English).GetPlottables<Annotation>().Single().Text;
        double mean = result.HeadlineMetDistribution[1] + 2 * result.HeadlineMetDistribution[2];
        Assert.StartsWith($"All 2 met: {ChartStyle.Percent(result.AllHeadlineProbability)}", note, StringComparison.Ordinal);
        Assert.EndsWith($"On average {mean.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} of 2 met", note, StringComparison.Ordinal);
    }
}

public class HeadlineSheetTests
{
    [Fact]
    public void Sheet_HasAHeaderThenOneCompactFanChartPerHeadlineIndicator_WithTheirMedians()
    {
        var result = PlotData.LiaochengRun;
        var sheet = HeadlineSheet.Build(result, PlotData.English);
        var headline = result.Indicators.Where(o => o.Indicator.Headline).ToList();
        Assert.Equal(headline.Count + 1, sheet.Subplots.Count);
        for (int k = 0; k < headline.Count; k++)
        {
            var panel = sheet.Subplots.GetPlot(k + 1);
            var median = panel.GetPlottables<Scatter>().Single(s => s.LegendText == PlotWords.En.Median).Data.GetScatterPoints();
            Assert.Equal(headline[k].Years.Select(y => y.P50), median.Skip(1).Select(c => c.Y));
            Assert.False(panel.Legend.IsVisible);
        }
    }

    [Fact]
    public void Sheet_LaysThePanelsOutInTwoColumnsUnderTheHeader()
    {
        var result = PlotData.LiaochengRun;
        var sheet = HeadlineSheet.Build(result, PlotData.English);
        var figure = new PixelRect(0, 1200, HeadlineSheet.Height(result), 0);
        var rects = sheet.Layout.GetSubplotRectangles(sheet.Subplots, figure);
        Assert.Equal(HeadlineSheet.HeaderHeight, rects[0].Bottom);
        Assert.Equal(4, rects.Skip(1).Select(r => r.Top).Distinct().Count());
        Assert.Equal([0f, 600f], rects.Skip(1).Select(r => r.Left).Distinct().Order());
        Assert.Equal(figure.Bottom, rects.Max(r => r.Bottom), 3);
    }
}
