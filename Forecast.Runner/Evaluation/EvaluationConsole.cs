using System.Globalization;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Runner.Output;
using Spectre.Console;
using A = Forecast.Runner.Resources.AnalysisStrings;
using S = Forecast.Runner.Resources.Strings;

namespace Forecast.Runner.Evaluation;

/// <summary>The evaluation on the console: one row per outcome scored, the targets the outcomes decide, the summary, what was not scored.</summary>
internal static class EvaluationConsole
{
    private static string E(string s) => Markup.Escape(s);
    private static string H(double x) => Numbers.Human(x);
    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    private static string W(string format, params object?[] args) => Words.F(format, args);

    /// <summary>Between a bold head and its text: a space in English, nothing in Chinese (whose brackets and colons are full width).</summary>
    private static string Sp => Language.IsChinese ? "" : " ";

    public static void Write(IAnsiConsole console, ForecastEvaluation e, EvaluationFiles.Context c, bool chinese)
    {
        var run = c.Run;
        string Name(string id) => run.Scenario.Indicators.FirstOrDefault(i => i.Id == id)?.Name.In(chinese) ?? id;
        var table = new Table().Border(TableBorder.Rounded).Title(
            "[bold]" + E(W(A.EvalTitle, run.Result.Scenario)) + "[/]" + Sp + "[grey]" + E(W(A.PathsSeed, run.Result.Paths, run.Result.Seed)) + "[/]");
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn(E(S.ColIndicator));
        table.AddColumn(new TableColumn(E(A.EvalColYear)).RightAligned());
        table.AddColumn(new TableColumn(E(A.EvalColOutcome)).RightAligned());
        table.AddColumn(new TableColumn(E(A.EvalColMedian)).RightAligned());
        table.AddColumn(new TableColumn(E(A.EvalColPit)).RightAligned());
        table.AddColumn(E(A.EvalColBand50));
        table.AddColumn(E(A.EvalColBand90));
        table.AddColumn(new TableColumn(E(A.EvalColCrps)).RightAligned());
        table.AddColumn(new TableColumn(E(A.EvalColCrpsRatio)).RightAligned());
        table.AddColumn(new TableColumn(E(A.EvalColInterval)).RightAligned());
        for (int k = 0; k < e.Scored.Count; k++)
        {
            var s = e.Scored[k];
            string bound = s.ScoresAreBounds ? "≥ " : "";
            string flags = (s.Duplicate ? " [yellow]" + E(A.EvalTwoSources) + "[/]" : "") + (s.Mapped ? " [grey]" + E(W(A.EvalMappedAs, s.Actual.Indicator)) + "[/]" : "");
            table.AddRow(
                (k + 1).ToString(CultureInfo.InvariantCulture),
                E(Name(s.IndicatorId)) + flags,
                s.Actual.Year.ToString(CultureInfo.InvariantCulture),
                E(s.Actual.ValueText),
                $"{H(s.Median)} [grey]({H(s.Band90.Lower)}-{H(s.Band90.Upper)})[/]",
                Pit(s.Pit),
                Band(s.In50),
                Band(s.In90),
                bound + H(s.Crps),
                bound + Ratio(s.CrpsRatio),
                bound + H(s.IntervalScore));
        }
        console.Write(table);

        var decided = e.Targets.Where(t => t.Outcome != TargetOutcome.Undecided || t.Evidence.Count > 0).ToList();
        if (decided.Count > 0)
        {
            var targets = new Table().Border(TableBorder.Rounded).Title("[bold]" + E(A.EvalTargetsTitle) + "[/]");
            targets.AddColumn(E(A.EvalColTarget));
            targets.AddColumn(new TableColumn(E(A.EvalColProbability)).RightAligned());
            targets.AddColumn(E(A.EvalColResult));
            targets.AddColumn(E(A.EvalColWhy));
            targets.AddColumn(new TableColumn(E(A.EvalColBrier)).RightAligned());
            foreach (var t in decided)
                targets.AddRow(E(Name(t.IndicatorId)) + " " + E(TargetText(t)), Numbers.Percent(t.Probability), Outcome(t.Outcome), E(t.Explanation),
                    double.IsNaN(t.Brier) ? "" : t.Brier.ToString("0.000", CultureInfo.InvariantCulture));
            console.Write(targets);
        }
        int silent = e.Targets.Count - decided.Count;

        console.MarkupLine(Coverage(e.Coverage50));
        console.MarkupLine(Coverage(e.Coverage90));
        int exact = e.Scored.Count(s => !s.ScoresAreBounds);
        console.MarkupLine(exact == 0 ? $"[bold]{E(A.EvalMeanCrpsNoneHead)}[/]{Sp}{E(A.EvalMeanCrpsNone)}"
            : $"[bold]{E(A.EvalMeanCrpsHead)}[/]{Sp}{E(W(A.EvalMeanCrps, exact, Ratio(e.MeanCrpsRatio)))}{Sp}[grey]{E(A.EvalMeanCrpsNote)}[/]");
        console.MarkupLine(e.TargetsDecided == 0 ? $"[bold]{E(A.EvalBrierNoneHead)}[/]{Sp}{E(W(A.EvalBrierNone, silent))}"
            : $"[bold]{E(A.EvalBrierHead)}[/]{Sp}{E(W(A.EvalBrier, e.TargetsDecided, e.Brier.ToString("0.000", CultureInfo.InvariantCulture)))}{Sp}[grey]{E(A.EvalBrierNote)}[/]{E(W(A.EvalBrierOthers, silent))}");
        console.MarkupLine($"[bold]{E(A.EvalPitHead)}[/]{Sp}[grey]{E(A.EvalPitNote)}[/]{E(A.Colon)}"
            + string.Join("  ", e.PitHistogram.Select((w, b) => F($"{b / 10.0:0.0}-{(b + 1) / 10.0:0.0}: {w:0.#}"))));

        var notes = e.Scored.Select((s, k) => (k + 1, s)).Where(x => x.s.Actual.Note is not null).ToList();
        if (notes.Count > 0)
        {
            console.MarkupLine($"[bold]{E(A.EvalNotesHead)}[/]{Sp}[grey]{E(A.EvalNotesNote)}[/]{E(A.Colon.TrimEnd())}");
            foreach (var (k, s) in notes) console.MarkupLine(F($"  [grey]{k}.[/] {E(s.Actual.Note!)}"));
        }
        if (e.NotScored.Count > 0)
        {
            console.MarkupLine($"[bold]{E(A.EvalNotScoredHead)}[/]{E(W(A.EvalCount, e.NotScored.Count))}{E(A.Colon.TrimEnd())}");
            foreach (var n in e.NotScored)
                console.MarkupLine(F($"  {E(n.Actual.Indicator)} {n.Actual.Year} = {E(n.Actual.ValueText)}{E(A.Colon)}[grey]{E(n.Explanation)}[/]"));
        }
    }

    internal static string TargetText(TargetAssessment t)
    {
        string sign = t.Target.Direction == Direction.AtLeast ? "≥" : "≤";
        return t.Target.Period == TargetPeriod.EveryYear
            ? W(A.EvalTargetEveryYear, sign, H(t.Target.Value), t.BaseYear + 1, t.Target.Year)
            : W(A.EvalTargetIn, sign, H(t.Target.Value), t.Target.Year);
    }

    internal static string Pit(Pit p) => p.IsPoint ? p.Mid.ToString("0.000", CultureInfo.InvariantCulture)
        : F($"{p.Mid:0.000} [grey][[{p.Lower:0.000}, {p.Upper:0.000}]][/]");

    private static string Ratio(double x) => double.IsNaN(x) ? "-" : x.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Band(BandPosition p) => p switch
    {
        BandPosition.Inside => "[green]" + E(AnalysisWords.Band(p)) + "[/]",
        BandPosition.Below or BandPosition.Above => "[red]" + E(AnalysisWords.Band(p)) + "[/]",
        _ => "[grey]" + E(AnalysisWords.Band(p)) + "[/]",
    };

    private static string Outcome(TargetOutcome o) => o switch
    {
        TargetOutcome.Met => "[green]" + E(AnalysisWords.Outcome(o)) + "[/]",
        TargetOutcome.Missed => "[red]" + E(AnalysisWords.Outcome(o)) + "[/]",
        _ => "[grey]" + E(AnalysisWords.Outcome(o)) + "[/]",
    };

    private static string Coverage(BandCoverage c)
    {
        string Pct(double x) => Numbers.Percent(x, 0);
        string head = "[bold]" + E(W(A.EvalCoverageHead, Pct(c.Nominal))) + "[/]" + Sp;
        string exact = c.Count == 0 ? A.EvalCoverageNone
            : W(A.EvalCoverage, c.Inside, c.Count, Pct(c.Share), Pct(c.Ci95.Lower), Pct(c.Ci95.Upper), Pct(c.Nominal));
        string bounds = c.BoundsOutside + c.BoundsUndecided == 0 ? "" : W(A.EvalCoverageBounds, c.BoundsOutside, c.BoundsUndecided);
        return head + E(exact + bounds + A.FullStop);
    }
}
