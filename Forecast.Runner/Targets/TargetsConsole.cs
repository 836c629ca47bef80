using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.Targets;
using Forecast.Runner.Output;
using Spectre.Console;

namespace Forecast.Runner.Targets;

/// <summary>The targets found, on the console: every indicator at each probability, then the joint targets of the headline set.</summary>
internal static class TargetsConsole
{
    private static string E(string s) => Markup.Escape(s);
    private static string H(double x) => Numbers.Human(x);

    public static void Write(IAnsiConsole console, TargetSettingResult r, bool chinese)
    {
        string Title(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Title($"[bold]{E(r.Scenario)}[/]: the most ambitious target reachable with each probability [grey]({r.Paths:N0} paths, seed {r.Seed})[/]"));
        table.AddColumn("Indicator");
        table.AddColumn(new TableColumn("Base").RightAligned());
        table.AddColumn(new TableColumn("Now: target → P").RightAligned());
        foreach (double p in r.Probabilities)
        {
            bool main = p == r.Probability;
            table.AddColumn(new TableColumn(main ? $"[bold]{Numbers.Percent(p, 0)}[/] [[95% MC interval]]" : Numbers.Percent(p, 0)).RightAligned());
            if (main) table.AddColumn(new TableColumn("implies / history").RightAligned());
        }
        bool headline = true;
        foreach (var i in r.Indicators.OrderBy(i => i.Indicator.Headline ? 0 : 1))
        {
            var ind = i.Indicator;
            if (headline && !ind.Headline) { table.AddEmptyRow(); headline = false; }
            var cells = new List<string>
            {
                E(ind.Name.In(chinese)) + $" [grey]({E(Period(ind))})[/]",
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
            .Title(Title($"[bold]Joint targets[/]: all {j.Targets.Count} met on the same path with probability {Numbers.Percent(j.Probability, 0)}"));
        joint.AddColumn("Indicator");
        joint.AddColumn(new TableColumn($"own {Numbers.Percent(j.Probability, 0)} target").RightAligned());
        joint.AddColumn(new TableColumn("joint target [[95% MC interval]]").RightAligned());
        joint.AddColumn(new TableColumn("implies / history").RightAligned());
        foreach (var t in j.Targets)
        {
            var i = r.Indicators.First(x => x.Indicator.Id == t.IndicatorId);
            joint.AddRow(E(i.Indicator.Name.In(chinese)), $"{Sign(i.Indicator)}{H(i.At(r.Probability).Value)}",
                $"[bold]{Sign(i.Indicator)}{H(t.Value)}[/] [grey][[{H(t.Ci95.Lower)}, {H(t.Ci95.Upper)}]][/]", Growth(t));
        }
        console.Write(joint);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Rule: every target of the set gets the same probability on its own, [bold]{Numbers.Percent(j.MarginalProbability)}[/], the least at which all {j.Targets.Count} are met together on {Numbers.Percent(j.Achieved)} of paths [grey][[{Numbers.Percent(j.AchievedCi95.Lower)}, {Numbers.Percent(j.AchievedCi95.Upper)}]][/] (ambition λ = {j.Ambition:0.000}: 1 keeps each indicator's own {Numbers.Percent(j.Probability, 0)} target, 0 the lowest simulated value). Each indicator's own {Numbers.Percent(j.Probability, 0)} targets are met together on only {Numbers.Percent(j.MarginalTargetsTogether)} of paths."));
    }

    private static string Sign(Indicator i) => i.Target.Direction == Direction.AtLeast ? "≥" : "≤";

    private static string Period(Indicator i) => i.Target.Period == TargetPeriod.EveryYear
        ? string.Create(CultureInfo.InvariantCulture, $"every year {i.BaseYear + 1}-{i.Target.Year}")
        : i.Target.Year.ToString(CultureInfo.InvariantCulture);

    private static string Growth(ReachableTarget t)
    {
        string implied = TargetsFiles.Growth(t.Growth);
        if (double.IsNaN(t.Growth.HistoricalRate)) return implied;
        string history = t.Growth.PerYear ? H(t.Growth.HistoricalRate) + "/yr" : Numbers.Percent(t.Growth.HistoricalRate) + "/yr";
        return $"{implied} [grey]/ {history}[/]";
    }
}
