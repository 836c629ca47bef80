using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.Targets;
using Forecast.Runner.Output;
using Spectre.Console;
using A = Forecast.Runner.Resources.AnalysisStrings;
using S = Forecast.Runner.Resources.Strings;

namespace Forecast.Runner.Targets;

/// <summary>The targets found, on the console: every indicator at each probability, then the joint targets of the headline set.</summary>
internal static class TargetsConsole
{
    private static string E(string s) => Markup.Escape(s);
    private static string H(double x) => Numbers.Human(x);
    private static string W(string format, params object?[] args) => Words.F(format, args);

    public static void Write(IAnsiConsole console, TargetSettingResult r, bool chinese)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title("[bold]" + E(W(A.TargetsTitle, r.Scenario)) + "[/]" + (Language.IsChinese ? "" : " ") + "[grey]" + E(W(A.PathsSeed, r.Paths, r.Seed)) + "[/]");
        table.AddColumn(E(S.ColIndicator));
        table.AddColumn(new TableColumn(E(A.TargetsColBase)).RightAligned());
        table.AddColumn(new TableColumn(E(A.TargetsColNow)).RightAligned());
        foreach (double p in r.Probabilities)
        {
            bool main = p == r.Probability;
            table.AddColumn(new TableColumn(main ? $"[bold]{Numbers.Percent(p, 0)}[/] {E(A.TargetsColInterval)}" : Numbers.Percent(p, 0)).RightAligned());
            if (main) table.AddColumn(new TableColumn(E(A.TargetsColGrowth)).RightAligned());
        }
        bool headline = true;
        foreach (var i in r.Indicators.OrderBy(i => i.Indicator.Headline ? 0 : 1))
        {
            var ind = i.Indicator;
            if (headline && !ind.Headline) { table.AddEmptyRow(); headline = false; }
            var cells = new List<string>
            {
                E(ind.Name.In(chinese)) + (chinese ? "" : " ") + "[grey]" + E(W(A.TargetsPeriod, Period(ind))) + "[/]",
                $"{H(ind.BaseValue)} [grey]({ind.BaseYear})[/]",
                $"{Sign(ind)}{H(ind.Target.Value)} → {Numbers.Percent(i.CurrentProbability)}",
            };
            foreach (var t in i.Targets)
            {
                if (t.Probability == r.Probability)
                {
                    cells.Add($"[bold]{Sign(ind)}{H(t.Value)}[/] [grey][[{H(t.Ci95.Lower)}, {H(t.Ci95.Upper)}]][/]");
                    cells.Add(Growth(t));
                }
                else
                {
                    cells.Add($"{Sign(ind)}{H(t.Value)}");
                }
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);

        if (r.Joint is not { } j) return;
        var joint = new Table().Border(TableBorder.Rounded)
            .Title("[bold]" + E(A.TargetsJointTitle) + "[/]" + E(W(A.TargetsJointTitleTail, j.Targets.Count, Numbers.Percent(j.Probability, 0))));
        joint.AddColumn(E(S.ColIndicator));
        joint.AddColumn(new TableColumn(E(W(A.TargetsColOwn, Numbers.Percent(j.Probability, 0)))).RightAligned());
        joint.AddColumn(new TableColumn(E(A.TargetsColJoint)).RightAligned());
        joint.AddColumn(new TableColumn(E(A.TargetsColGrowth)).RightAligned());
        foreach (var t in j.Targets)
        {
            var i = r.Indicators.First(x => x.Indicator.Id == t.IndicatorId);
            joint.AddRow(E(i.Indicator.Name.In(chinese)), $"{Sign(i.Indicator)}{H(i.At(r.Probability).Value)}",
                $"[bold]{Sign(i.Indicator)}{H(t.Value)}[/] [grey][[{H(t.Ci95.Lower)}, {H(t.Ci95.Upper)}]][/]", Growth(t));
        }
        console.Write(joint);
        // Markup goes around the escaped sentence's numbers: the bold probability and the grey interval.
        string rule = E(W(A.TargetsRule, "\u0001", j.Targets.Count, Numbers.Percent(j.Achieved), "\u0002", j.Ambition.ToString("0.000", CultureInfo.InvariantCulture),
            Numbers.Percent(j.Probability, 0), Numbers.Percent(j.MarginalTargetsTogether)));
        console.MarkupLine(rule.Replace("\u0001", "[bold]" + Numbers.Percent(j.MarginalProbability) + "[/]", StringComparison.Ordinal)
            .Replace("\u0002", $"[grey][[{Numbers.Percent(j.AchievedCi95.Lower)}, {Numbers.Percent(j.AchievedCi95.Upper)}]][/]", StringComparison.Ordinal));
    }

    private static string Sign(Indicator i) => i.Target.Direction == Direction.AtLeast ? "≥" : "≤";

    private static string Period(Indicator i) => i.Target.Period == TargetPeriod.EveryYear
        ? W(A.TargetsEveryYear, i.BaseYear + 1, i.Target.Year)
        : W(A.TargetsYear, i.Target.Year);

    private static string Growth(ReachableTarget t)
    {
        string implied = TargetsFiles.Growth(t.Growth);
        if (double.IsNaN(t.Growth.HistoricalRate)) return implied;
        string history = (t.Growth.PerYear ? H(t.Growth.HistoricalRate) : Numbers.Percent(t.Growth.HistoricalRate)) + A.PerYearSuffix;
        return $"{implied} [grey]/ {history}[/]";
    }
}
