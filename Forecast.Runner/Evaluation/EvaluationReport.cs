using System.Globalization;
using System.Net;
using System.Text;
using Forecast.Engine.Evaluation;
using Forecast.Runner.Output;
using Forecast.Runner.Plots;
using Forecast.Runner.Report;
using A = Forecast.Runner.Resources.AnalysisStrings;

namespace Forecast.Runner.Evaluation;

/// <summary>The evaluation's figures (fan charts with the outcomes, the PIT histogram) and its section of report.html.</summary>
internal static class EvaluationReport
{
    public const string PitFigure = "pit-histogram";

    /// <summary>The number of each scored outcome (1-based, in the order of the console table and evaluation.csv).</summary>
    private static string Label(int k) => (k + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>A fan chart for every indicator with a scored outcome (its points numbered), then the PIT histogram.</summary>
    public static IReadOnlyList<Figure> Figures(RunFolder run, ForecastEvaluation e, PlotLanguage language)
    {
        var words = EvaluationWords.For(language.Chinese);
        var figures = new List<Figure>();
        var numbered = e.Scored.Select((s, k) => (s, k)).ToList();
        foreach (var outcome in run.Result.Indicators)
        {
            var points = numbered.Where(x => x.s.IndicatorId == outcome.Indicator.Id)
                .Select(x => new FanPoint(x.s.Actual.Year, x.s.Actual.Value, x.s.Actual.Bound, Label(x.k))).ToList();
            if (points.Count == 0) continue;
            figures.Add(Figure.Of("fan-" + PlotSet.FileSafe(outcome.Indicator.Id), language.Name(outcome.Indicator) + ": " + words.FanCaption,
                FanChart.Build(outcome, language, outcomes: points, outcomeLegend: (words.Outcome, words.OutcomeAtLeast, words.OutcomeAtMost)), 900, 560));
        }
        if (e.Scored.Count > 0)
            figures.Add(Figure.Of(PitFigure, words.PitTitle, PitHistogramChart.Build(e.PitHistogram, language, words), 900, 520));
        return figures;
    }

    /// <summary>The "Evaluation against outcomes" section, in the invocation's language; the actuals files' notes and sources are quoted as written.</summary>
    public static ReportSection Section(ForecastEvaluation e, EvaluationFiles.Context c, IReadOnlyList<Figure> figures)
    {
        var h = new StringBuilder();
        bool chinese = Language.IsChinese;
        string Name(string id) => c.Run.Scenario.Indicators.FirstOrDefault(i => i.Id == id)?.Name.In(chinese) ?? id;
        string files = AnalysisWords.List(c.ActualsFiles.Select(Path.GetFileName));
        h.Append("<p>").Append(E(W(A.EvalIntro, c.Run.Result.Paths, c.Run.Result.Seed, e.Scored.Count, c.Region is null ? files : W(A.EvalIntroRegion, files, c.Region))
            + (chinese ? "" : " ") + A.EvalIntroMethod)).Append("</p>\n<ul>\n");
        h.Append(Li(Coverage(e.Coverage50))).Append(Li(Coverage(e.Coverage90)));
        h.Append(Li(double.IsNaN(e.MeanCrpsRatio) ? A.EvalReportMeanCrpsNone : W(A.EvalReportMeanCrps, e.MeanCrpsRatio.ToString("0.00", CultureInfo.InvariantCulture))));
        h.Append(Li(e.TargetsDecided == 0 ? A.EvalReportBrierNone : W(A.EvalReportBrier, e.TargetsDecided, e.Brier.ToString("0.000", CultureInfo.InvariantCulture))));
        h.Append("</ul>\n");
        var byName = figures.ToDictionary(f => f.Name);
        if (byName.TryGetValue(PitFigure, out var pit)) HtmlReport.Image(h, pit);

        h.Append("<h3>").Append(E(A.EvalReportScored)).Append("</h3>\n<table>\n<thead><tr>")
         .Append(string.Concat(new[] { "#", A.EvalReportColIndicator, A.EvalColYear, A.EvalColOutcome, A.EvalReportColMedian, A.EvalColPit, A.EvalColBand50,
             A.EvalColBand90, A.EvalColCrps, A.EvalColCrpsRatio, A.EvalReportColInterval, A.EvalReportColNote, A.EvalReportColSource }.Select(t => "<th>" + E(t) + "</th>")))
         .Append("</tr></thead>\n<tbody>\n");
        for (int k = 0; k < e.Scored.Count; k++)
        {
            var s = e.Scored[k];
            string b = s.ScoresAreBounds ? "≥ " : "";
            string flags = (s.Duplicate ? A.EvalReportTwoSources : "") + (s.Mapped ? W(A.EvalReportReportedAs, s.Actual.Indicator) : "");
            h.Append("<tr><td class=\"n\">").Append(Label(k)).Append("</td><td class=\"name\">").Append(E(Name(s.IndicatorId) + flags)).Append("</td><td class=\"n\">")
             .Append(s.Actual.Year.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">").Append(E(s.Actual.ValueText)).Append("</td><td class=\"n\">")
             .Append(E(F($"{Numbers.Human(s.Median)} ({Numbers.Human(s.Band90.Lower)}-{Numbers.Human(s.Band90.Upper)})"))).Append("</td><td class=\"n\">")
             .Append(E(s.Pit.IsPoint ? F($"{s.Pit.Mid:0.000}") : F($"{s.Pit.Mid:0.000} [{s.Pit.Lower:0.000}, {s.Pit.Upper:0.000}]"))).Append("</td><td>")
             .Append(E(AnalysisWords.Band(s.In50))).Append("</td><td>").Append(E(AnalysisWords.Band(s.In90))).Append("</td><td class=\"n\">")
             .Append(E(b + Numbers.Human(s.Crps))).Append("</td><td class=\"n\">").Append(E(b + F($"{s.CrpsRatio:0.00}"))).Append("</td><td class=\"n\">")
             .Append(E(b + Numbers.Human(s.IntervalScore))).Append("</td>").Append(HtmlReport.Quoted("td", s.Actual.Note ?? ""))
             .Append(HtmlReport.Quoted("td", s.Actual.Source ?? "")).Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");

        var spoken = e.Targets.Where(t => t.Outcome != TargetOutcome.Undecided || t.Evidence.Count > 0).ToList();
        if (spoken.Count > 0)
        {
            h.Append("<h3>").Append(E(A.EvalTargetsTitle)).Append("</h3>\n<table>\n<thead><tr>")
             .Append(string.Concat(new[] { A.EvalColTarget, A.EvalColProbability, A.EvalColResult, A.EvalColWhy, A.EvalColBrier }.Select(t => "<th>" + E(t) + "</th>")))
             .Append("</tr></thead>\n<tbody>\n");
            foreach (var t in spoken)
                h.Append("<tr><td>").Append(E(Name(t.IndicatorId) + " " + EvaluationConsole.TargetText(t))).Append("</td><td class=\"n\">").Append(E(Numbers.Percent(t.Probability)))
                 .Append("</td><td>").Append(E(AnalysisWords.Outcome(t.Outcome))).Append("</td><td>").Append(E(t.Explanation)).Append("</td><td class=\"n\">")
                 .Append(double.IsNaN(t.Brier) ? "" : F($"{t.Brier:0.000}")).Append("</td></tr>\n");
            h.Append("</tbody>\n</table>\n");
        }

        h.Append("<h3>").Append(E(A.EvalReportFans)).Append("</h3>\n<p>").Append(E(A.EvalReportFansIntro)).Append("</p>\n<div class=\"pair\">\n");
        foreach (var f in figures.Where(f => f.Name != PitFigure)) HtmlReport.Image(h, f);
        h.Append("</div>\n");

        if (e.NotScored.Count > 0)
        {
            h.Append("<h3>").Append(E(A.EvalNotScoredHead)).Append("</h3>\n<ul>\n");
            foreach (var n in e.NotScored)
                h.Append(Li(F($"{n.Actual.Indicator} {n.Actual.Year} = {n.Actual.ValueText}{(chinese ? "：" : ": ")}{n.Explanation}") + A.FullStop));
            h.Append("</ul>\n");
        }
        return new ReportSection("evaluation", A.EvalSection, h.ToString());
    }

    private static string Coverage(BandCoverage c)
    {
        string Pct(double x) => Numbers.Percent(x, 0);
        return (c.Count == 0 ? W(A.EvalReportCoverageNone, Pct(c.Nominal))
                : W(A.EvalReportCoverage, Pct(c.Nominal), c.Inside, c.Count, Pct(c.Share), Pct(c.Ci95.Lower), Pct(c.Ci95.Upper)))
            + (c.BoundsOutside + c.BoundsUndecided == 0 ? A.FullStop : W(A.EvalReportCoverageBounds, c.BoundsOutside, c.BoundsUndecided));
    }

    private static string W(string format, params object?[] args) => Words.F(format, args);

    private static string Li(string text) => "<li>" + E(text) + "</li>\n";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
