using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;

namespace Forecast.Runner.Plots;

/// <summary>The figures of the what-if commands, by file name (written into plots/ like a run's, see <see cref="PlotSet"/>).</summary>
internal static class WhatIfFigures
{
    /// <summary>compare: the scenarios side by side.</summary>
    public static FigureSet Comparison(ComparisonResult result, Scenario reference, PlotLanguage language) =>
        new Figure[]
    {
        Figure.Of("compare", WhatIfWords.Of(language).CompareTitle, ComparisonChart.Build(result, reference, language), 1100,
            ComparisonChart.Height(result, reference)),
    };

    /// <summary>
    /// sweep: for two levers, sweep-ID, one heatmap per headline target (every target when none is headline) and one for
    /// all headline targets met together; for one lever, sweep, the lines of the same targets.
    /// </summary>
    public static FigureSet Sweep(SweepResult result, Scenario scenario, PlotLanguage language)
    {
        var whatIf = WhatIfWords.Of(language);
        if (result.Axes.Count == 1)
            return new[] { Figure.Of("sweep", ChartStyle.Format(whatIf.SweepLinesTitle, result.Axes[0].Lever), SweepLines.Build(result, scenario, language), 1300, SweepLines.Height(result, scenario)) };
        var figures = new List<Figure>();
        var notDrawn = new List<string>();
        foreach (string id in SweepLines.Targets(result, scenario))
        {
            if (SweepHeatmap.NothingToShow(result, id, scenario) is { } why)
            {
                notDrawn.Add(why);
                continue;
            }
            figures.Add(Figure.Of("sweep-" + PlotSet.FileSafe(id), ChartStyle.Format(whatIf.SweepTitle, SweepHeatmap.TargetName(id, scenario, language)),
                SweepHeatmap.Build(result, id, scenario, language), 900, 720));
        }
        return new FigureSet(figures, notDrawn);
    }

    /// <summary>goal: the probabilities goal seek found, the wanted probability and the answer.</summary>
    public static FigureSet Goal(GoalSeekResult result, Scenario scenario, PlotLanguage language) =>
        new[]
        {
            Figure.Of("goal", ChartStyle.Format(WhatIfWords.Of(language).GoalTitle, language.Name(scenario.Indicator(result.IndicatorId)), ChartStyle.Percent(result.WantedProbability)),
                GoalChart.Build(result, scenario, language), 900, 560),
        };

    /// <summary>
    /// sensitivity: tornado-ID for each target of the Sobol analysis (the headline targets unless --indicator chose) and, when
    /// those are the headline targets, for all of them met together; sobol-ID for each target of the Sobol analysis.
    /// <paramref name="run"/> is the scenario's run as <c>forecast run</c> makes it (its default paths and seed), whose probabilities the
    /// tornadoes show beside their centres; null leaves them out. Tornadoes of targets no driver moves are not drawn (the set says why).
    /// </summary>
    public static FigureSet Sensitivity(TornadoResult tornado, GlobalSensitivityResult global, Scenario scenario, PlotLanguage language,
        Forecast.Engine.Results.SimulationResult? run = null)
    {
        var whatIf = WhatIfWords.Of(language);
        var ids = global.Outputs.Select(o => o.IndicatorId).Distinct().ToList();
        var tornadoIds = new List<string>(ids);
        var headline = scenario.Indicators.Where(i => i.Headline).Select(i => i.Id).ToList();
        if (headline.Count > 1 && headline.SequenceEqual(ids)) tornadoIds.Add(ScenarioComparison.AllHeadlineTargetsId);
        var figures = new List<Figure>();
        var notDrawn = new List<string>();
        foreach (var id in tornadoIds)
        {
            var target = tornado[id];
            if (TornadoChart.NothingToShow(target, scenario) is { } why)
            {
                notDrawn.Add(why);
                continue;
            }
            double? probability = run is null ? null
                : id == ScenarioComparison.AllHeadlineTargetsId ? run.AllHeadlineProbability
                : run.Indicators.FirstOrDefault(o => o.Indicator.Id == id)?.Probability;
            figures.Add(Figure.Of("tornado-" + PlotSet.FileSafe(id), SweepHeatmap.TargetName(id, scenario, language),
                TornadoChart.Build(target, tornado, scenario, language, probability), 1100, TornadoChart.Height(target)));
        }
        foreach (var id in ids)
            figures.Add(Figure.Of("sobol-" + PlotSet.FileSafe(id), ChartStyle.Format(whatIf.SobolTitle, SweepHeatmap.TargetName(id, scenario, language)),
                SobolChart.Build(global, id, scenario, language), SobolChart.Width, SobolChart.Height(global, id)));
        return new FigureSet(figures, notDrawn);
    }
}
