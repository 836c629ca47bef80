using System.Globalization;
using System.Net;
using System.Text;
using Forecast.Engine.Evaluation;
using Forecast.Runner.Output;
using Forecast.Runner.Plots;
using Forecast.Runner.Report;

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
        var words = language.Chinese ? EvaluationWords.Zh : EvaluationWords.En;
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

    /// <summary>The "Evaluation against outcomes" section.</summary>
    public static ReportSection Section(ForecastEvaluation e, EvaluationFiles.Context c, IReadOnlyList<Figure> figures)
    {
        var h = new StringBuilder();
        string Name(string id) => c.Run.Scenario.Indicators.FirstOrDefault(i => i.Id == id)?.Name.En ?? id;
        h.Append("<p>").Append(E(F($"The forecast ({c.Run.Result.Paths:N0} paths, seed {c.Run.Result.Seed}) scored against {e.Scored.Count} outcome(s) from ")
            + string.Join(", ", c.ActualsFiles.Select(Path.GetFileName)) + (c.Region is null ? "" : ", region " + c.Region) + ". "
            + "PIT: the share of the forecast distribution below the outcome (an interval for a bound, or for a count's atom). CRPS: the continuous ranked probability score "
            + "in the indicator's unit (smaller is better), and divided by what the forecast expects of itself (about 1 when calibrated). Interval score: width of the "
            + "90% band plus 20 times any distance outside it. A bound (\"at least X\") is censored: its PIT is an interval, its scores are the smallest any value it "
            + "allows would get (marked ≥), and band coverage counts exact outcomes only.")).Append("</p>\n<ul>\n");
        h.Append(Li(Coverage(e.Coverage50))).Append(Li(Coverage(e.Coverage90)));
        h.Append(Li(double.IsNaN(e.MeanCrpsRatio) ? "Mean CRPS: no exact outcome." : F($"Mean CRPS ÷ expected CRPS over the exact outcomes: {e.MeanCrpsRatio:0.00} (about 1 for a calibrated forecast).")));
        h.Append(Li(e.TargetsDecided == 0 ? "No target is decided by the outcomes."
            : F($"Brier score over the {e.TargetsDecided} target(s) the outcomes decide: {e.Brier:0.000} (0 is perfect; 50% every time scores 0.25).")));
        h.Append("</ul>\n");
        var byName = figures.ToDictionary(f => f.Name);
        if (byName.TryGetValue(PitFigure, out var pit)) HtmlReport.Image(h, pit);

        h.Append("<h3>Outcomes scored</h3>\n<table>\n<thead><tr><th>#</th><th>Indicator</th><th>Year</th><th>Outcome</th><th>Forecast median (P5-P95)</th><th>PIT</th>")
         .Append("<th>50% band</th><th>90% band</th><th>CRPS</th><th>÷ expected</th><th>Interval score</th><th>Note</th><th>Source</th></tr></thead>\n<tbody>\n");
        for (int k = 0; k < e.Scored.Count; k++)
        {
            var s = e.Scored[k];
            string b = s.ScoresAreBounds ? "≥ " : "";
            string flags = (s.Duplicate ? " (two sources)" : "") + (s.Mapped ? " (reported as " + s.Actual.Indicator + ")" : "");
            h.Append("<tr><td class=\"n\">").Append(Label(k)).Append("</td><td>").Append(E(Name(s.IndicatorId) + flags)).Append("</td><td class=\"n\">")
             .Append(s.Actual.Year.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">").Append(E(s.Actual.ValueText)).Append("</td><td class=\"n\">")
             .Append(E(F($"{Numbers.Human(s.Median)} ({Numbers.Human(s.Band90.Lower)}-{Numbers.Human(s.Band90.Upper)})"))).Append("</td><td class=\"n\">")
             .Append(E(s.Pit.IsPoint ? F($"{s.Pit.Mid:0.000}") : F($"{s.Pit.Mid:0.000} [{s.Pit.Lower:0.000}, {s.Pit.Upper:0.000}]"))).Append("</td><td>")
             .Append(EvaluationFiles.Position(s.In50)).Append("</td><td>").Append(EvaluationFiles.Position(s.In90)).Append("</td><td class=\"n\">")
             .Append(E(b + Numbers.Human(s.Crps))).Append("</td><td class=\"n\">").Append(E(b + F($"{s.CrpsRatio:0.00}"))).Append("</td><td class=\"n\">")
             .Append(E(b + Numbers.Human(s.IntervalScore))).Append("</td><td>").Append(E(s.Actual.Note ?? "")).Append("</td><td>")
             .Append(E(s.Actual.Source ?? "")).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");

        var spoken = e.Targets.Where(t => t.Outcome != TargetOutcome.Undecided || t.Evidence.Count > 0).ToList();
        if (spoken.Count > 0)
        {
            h.Append("<h3>Targets the outcomes speak to</h3>\n<table>\n<thead><tr><th>Target</th><th>Forecast P(reach)</th><th>Outcome</th><th>Why</th><th>Brier</th></tr></thead>\n<tbody>\n");
            foreach (var t in spoken)
                h.Append("<tr><td>").Append(E(Name(t.IndicatorId) + " " + EvaluationConsole.TargetText(t))).Append("</td><td class=\"n\">").Append(E(Numbers.Percent(t.Probability)))
                 .Append("</td><td>").Append(EvaluationFiles.Outcome(t.Outcome)).Append("</td><td>").Append(E(t.Explanation)).Append("</td><td class=\"n\">")
                 .Append(double.IsNaN(t.Brier) ? "" : F($"{t.Brier:0.000}")).Append("</td></tr>\n");
            h.Append("</tbody>\n</table>\n");
        }

        h.Append("<h3>Fan charts with the outcomes</h3>\n<p>Each outcome is drawn at its year and numbered as in the table above (a triangle for a bound, pointing the way the value lies).</p>\n<div class=\"pair\">\n");
        foreach (var f in figures.Where(f => f.Name != PitFigure)) HtmlReport.Image(h, f);
        h.Append("</div>\n");

        if (e.NotScored.Count > 0)
        {
            h.Append("<h3>Not scored</h3>\n<ul>\n");
            foreach (var n in e.NotScored)
                h.Append(Li(F($"{n.Actual.Indicator} {n.Actual.Year} = {n.Actual.ValueText}: {n.Explanation}.")));
            h.Append("</ul>\n");
        }
        return new ReportSection("evaluation", "Evaluation against outcomes", h.ToString());
    }

    private static string Coverage(BandCoverage c) =>
        (c.Count == 0 ? Numbers.Percent(c.Nominal, 0) + " band: no exact outcome"
            : Numbers.Percent(c.Nominal, 0) + F($" band: {c.Inside} of {c.Count} exact outcome(s) inside ({Numbers.Percent(c.Share, 0)}, 95% interval {Numbers.Percent(c.Ci95.Lower, 0)}-{Numbers.Percent(c.Ci95.Upper, 0)})"))
        + (c.BoundsOutside + c.BoundsUndecided == 0 ? "." : F($"; bounds: {c.BoundsOutside} outside whatever the value, {c.BoundsUndecided} cannot say."));

    private static string Li(string text) => "<li>" + E(text) + "</li>\n";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
