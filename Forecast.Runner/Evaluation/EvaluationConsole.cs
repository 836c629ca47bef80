using System.Globalization;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Runner.Output;
using Spectre.Console;

namespace Forecast.Runner.Evaluation;

/// <summary>The evaluation on the console: one row per outcome scored, the targets the outcomes decide, the summary, what was not scored.</summary>
internal static class EvaluationConsole
{
    private static string E(string s) => Markup.Escape(s);
    private static string H(double x) => Numbers.Human(x);
    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static void Write(IAnsiConsole console, ForecastEvaluation e, EvaluationFiles.Context c, bool chinese)
    {
        var run = c.Run;
        string Name(string id) => run.Scenario.Indicators.FirstOrDefault(i => i.Id == id)?.Name.In(chinese) ?? id;
        var table = new Table().Border(TableBorder.Rounded).Title(F($"[bold]{E(run.Result.Scenario)}[/] against the outcomes [grey]({run.Result.Paths:N0} paths, seed {run.Result.Seed})[/]"));
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn("Indicator");
        table.AddColumn(new TableColumn("Year").RightAligned());
        table.AddColumn(new TableColumn("Outcome").RightAligned());
        table.AddColumn(new TableColumn("Forecast median (5-95%)").RightAligned());
        table.AddColumn(new TableColumn("PIT").RightAligned());
        table.AddColumn("50% band");
        table.AddColumn("90% band");
        table.AddColumn(new TableColumn("CRPS").RightAligned());
        table.AddColumn(new TableColumn("÷ expected").RightAligned());
        table.AddColumn(new TableColumn("Interval score 90%").RightAligned());
        for (int k = 0; k < e.Scored.Count; k++)
        {
            var s = e.Scored[k];
            string bound = s.ScoresAreBounds ? "≥ " : "";
            string flags = (s.Duplicate ? " [yellow]two sources[/]" : "") + (s.Mapped ? $" [grey](as {E(s.Actual.Indicator)})[/]" : "");
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
            var targets = new Table().Border(TableBorder.Rounded).Title("[bold]Targets the outcomes speak to[/]");
            targets.AddColumn("Target");
            targets.AddColumn(new TableColumn("Forecast P(reach)").RightAligned());
            targets.AddColumn("Outcome");
            targets.AddColumn("Why");
            targets.AddColumn(new TableColumn("Brier").RightAligned());
            foreach (var t in decided)
                targets.AddRow(E(Name(t.IndicatorId)) + " " + E(TargetText(t)), Numbers.Percent(t.Probability), Outcome(t.Outcome), E(t.Explanation),
                    double.IsNaN(t.Brier) ? "" : t.Brier.ToString("0.000", CultureInfo.InvariantCulture));
            console.Write(targets);
        }
        int silent = e.Targets.Count - decided.Count;

        console.MarkupLine(Coverage(e.Coverage50));
        console.MarkupLine(Coverage(e.Coverage90));
        int exact = e.Scored.Count(s => !s.ScoresAreBounds);
        console.MarkupLine(exact == 0 ? "[bold]Mean CRPS:[/] no exact outcome to average (bounds give only lower bounds)."
            : F($"[bold]Mean CRPS ÷ expected CRPS[/] over {exact} exact outcome(s): {Ratio(e.MeanCrpsRatio)} [grey](about 1 for a calibrated forecast; per indicator in its own unit in evaluation.json)[/]"));
        console.MarkupLine(e.TargetsDecided == 0 ? F($"[bold]Brier score:[/] no target is decided by the outcomes yet ({silent} targets have none).")
            : F($"[bold]Brier score[/] over {e.TargetsDecided} decided target(s): {e.Brier:0.000} [grey](0 is perfect; saying 50% every time scores 0.25)[/]; {silent} other targets have no outcome."));
        console.MarkupLine("[bold]PIT histogram[/] [grey](tenths of the forecast distribution; bounds spread over their possible PITs)[/]: "
            + string.Join("  ", e.PitHistogram.Select((w, b) => F($"{b / 10.0:0.0}-{(b + 1) / 10.0:0.0}: {w:0.#}"))));

        var notes = e.Scored.Select((s, k) => (k + 1, s)).Where(x => x.s.Actual.Note is not null).ToList();
        if (notes.Count > 0)
        {
            console.MarkupLine("[bold]Where an outcome's definition differs[/] [grey](as the actuals file notes it)[/]:");
            foreach (var (k, s) in notes) console.MarkupLine(F($"  [grey]{k}.[/] {E(s.Actual.Note!)}"));
        }
        if (e.NotScored.Count > 0)
        {
            console.MarkupLine(F($"[bold]Not scored[/] ({e.NotScored.Count}):"));
            foreach (var n in e.NotScored)
                console.MarkupLine(F($"  {E(n.Actual.Indicator)} {n.Actual.Year} = {E(n.Actual.ValueText)}: [grey]{E(n.Explanation)}[/]"));
        }
    }

    internal static string TargetText(TargetAssessment t)
    {
        string sign = t.Target.Direction == Direction.AtLeast ? "≥" : "≤";
        return t.Target.Period == TargetPeriod.EveryYear
            ? F($"{sign}{H(t.Target.Value)} every year {t.BaseYear + 1}-{t.Target.Year}")
            : F($"{sign}{H(t.Target.Value)} in {t.Target.Year}");
    }

    internal static string Pit(Pit p) => p.IsPoint ? p.Mid.ToString("0.000", CultureInfo.InvariantCulture)
        : F($"{p.Mid:0.000} [grey][[{p.Lower:0.000}, {p.Upper:0.000}]][/]");

    private static string Ratio(double x) => double.IsNaN(x) ? "-" : x.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Band(BandPosition p) => p switch
    {
        BandPosition.Inside => "[green]inside[/]",
        BandPosition.Below => "[red]below[/]",
        BandPosition.Above => "[red]above[/]",
        _ => "[grey]cannot say[/]",
    };

    private static string Outcome(TargetOutcome o) => o switch
    {
        TargetOutcome.Met => "[green]met[/]",
        TargetOutcome.Missed => "[red]missed[/]",
        _ => "[grey]undecided[/]",
    };

    private static string Coverage(BandCoverage c)
    {
        string head = $"[bold]{Numbers.Percent(c.Nominal, 0)} band:[/] ";
        string exact = c.Count == 0 ? "no exact outcome"
            : F($"{c.Inside} of {c.Count} exact outcome(s) inside ({Numbers.Percent(c.Share, 0)}; 95% interval {Numbers.Percent(c.Ci95.Lower, 0)}-{Numbers.Percent(c.Ci95.Upper, 0)}; nominal {Numbers.Percent(c.Nominal, 0)})");
        string bounds = c.BoundsOutside + c.BoundsUndecided == 0 ? ""
            : F($"; bounds: {c.BoundsOutside} outside whatever the value, {c.BoundsUndecided} cannot say");
        return head + exact + bounds + ".";
    }
}
