using Forecast.Engine.Consistency;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Spectre.Console;

namespace Forecast.Runner.Output;

/// <summary>The run's summary table and notes on the console.</summary>
internal static class ConsoleReport
{
    public static Table Table(SimulationResult result, bool chinese)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(result.Scenario)}[/]");
        table.AddColumn("Indicator");
        table.AddColumn(new TableColumn("Base").RightAligned());
        table.AddColumn(new TableColumn("Target").RightAligned());
        table.AddColumn(new TableColumn("Required / history").RightAligned());
        table.AddColumn(new TableColumn("Median (5-95%)").RightAligned());
        table.AddColumn(new TableColumn("P(reach) [[95% CI]]").RightAligned());
        table.AddColumn("Status");
        bool headlineSection = true;
        foreach (var o in result.Indicators.OrderBy(o => o.Indicator.Headline ? 0 : 1))
        {
            var i = o.Indicator;
            if (headlineSection && !i.Headline)
            {
                table.AddEmptyRow();
                headlineSection = false;
            }
            var t = o.TargetYear;
            string name = Markup.Escape(i.Name.In(chinese)) + $" [grey]({Markup.Escape(i.Unit.In(chinese))})[/]";
            string sign = i.Target.Direction == Direction.AtMost ? "≤" : "≥";
            string target = i.Target.Period == TargetPeriod.EveryYear
                ? $"{sign}{Numbers.Human(i.Target.Value)} every year to {i.Target.Year}"
                : $"{sign}{Numbers.Human(i.Target.Value)} in {i.Target.Year}";
            table.AddRow(
                name,
                $"{Numbers.Human(i.BaseValue)} [grey]({i.BaseYear})[/]",
                target,
                Growth(o),
                $"{Numbers.Human(t.P50)} [grey]({Numbers.Human(t.P5)}-{Numbers.Human(t.P95)})[/]",
                $"{Numbers.Percent(o.Probability)} [grey][[{Numbers.Percent(o.ProbabilityCi95.Lower)}, {Numbers.Percent(o.ProbabilityCi95.Upper)}]][/]",
                Status(o.Status));
        }
        return table;
    }

    private static string Growth(IndicatorOutcome o)
    {
        var g = o.Growth;
        if (g.PerYear)
        {
            string required = $"{Numbers.Human(g.RequiredRate)}/yr";
            return double.IsNaN(g.HistoricalRate) ? required : $"{required} [grey]/ {Numbers.Human(g.HistoricalRate)}/yr[/]";
        }
        string r = Numbers.Percent(g.RequiredRate);
        return double.IsNaN(g.HistoricalRate) ? r + "/yr" : $"{r}/yr [grey]/ {Numbers.Percent(g.HistoricalRate)}[/]";
    }

    private static string Status(TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => "[green]on track[/]",
        TargetStatus.AtRisk => "[yellow]at risk[/]",
        _ => "[red]off track[/]",
    };

    /// <summary>A nowcast's lines: each target's probability at the start and after the observations, the weights' effective sample size, what was left out.</summary>
    public static void Nowcast(IAnsiConsole console, SimulationResult result, IReadOnlyList<string> leftOut)
    {
        if (result.Conditioning is not { } c) return;
        console.MarkupLine($"[bold]Nowcast from {c.Observations} observed value(s):[/] probability at the start → after the observations");
        foreach (var o in result.Indicators.Where(o => !double.IsNaN(o.ProbabilityAtStart)))
            console.MarkupLine($"  {Markup.Escape(o.Indicator.Name.En)}: {Numbers.Percent(o.ProbabilityAtStart)} → {Numbers.Percent(o.Probability)}");
        console.MarkupLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"[grey]The paths' parameters are weighted by how well they explain the observations: {c.Particles:N0} draws, worth {c.EffectiveSampleSize:N0} independent ones (effective sample size), resampled.[/]"));
        if (c.Warning is { } warning) console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(warning)}");
        foreach (string row in leftOut) console.MarkupLine($"[grey]Not used: {Markup.Escape(row)}[/]");
    }

    public static void Notes(IAnsiConsole console, SimulationResult result, TimeSpan elapsed)
    {
        int headline = result.HeadlineMetDistribution.Count - 1;
        console.MarkupLine($"[bold]All {headline} headline targets met together:[/] {Numbers.Percent(result.AllHeadlineProbability, 2)} " +
            $"[grey][[{Numbers.Percent(result.AllHeadlineCi95.Lower, 2)}, {Numbers.Percent(result.AllHeadlineCi95.Upper, 2)}]][/]; every target of the scenario: {Numbers.Percent(result.AllTargetsProbability, 2)} " +
            $"[grey][[{Numbers.Percent(result.AllTargetsCi95.Lower, 2)}, {Numbers.Percent(result.AllTargetsCi95.Upper, 2)}]][/]");
        var parts = result.HeadlineMetDistribution.Select((p, k) => $"{k}: {Numbers.Percent(p)}");
        console.MarkupLine($"[bold]How many headline targets are met:[/] {string.Join("  ", parts)}");
        foreach (var o in result.Indicators)
            if (Engine.Projection.SignalCheck.Why(o) is { } why)
                console.MarkupLine($"[yellow]Signals disagree[/] for {Markup.Escape(o.Indicator.Name.En)} (history: {Markup.Escape(Words.Progress(o.Growth.Category))}; probability: {Numbers.Percent(o.Probability)}): {Markup.Escape(why)}");
        var split = result.Indicators.Where(o => o.Indicator.Headline && o.TargetYear.Variance is { Total: > 0 }).ToList();
        if (split.Count > 0)
        {
            console.MarkupLine("[bold]Where the spread of each headline target's value comes from[/] [grey](share of its variance in the target year: model choice / parameters / year-to-year)[/]:");
            foreach (var o in split)
            {
                var v = o.TargetYear.Variance!;
                console.MarkupLine($"  {Markup.Escape(o.Indicator.Name.En)}: {Numbers.Percent(v.Share(v.ModelChoice))} / {Numbers.Percent(v.Share(v.Parameters))} / {Numbers.Percent(v.Share(v.YearToYear))}");
            }
        }
        foreach (var f in result.Findings)
        {
            string tag = f.Severity == FindingSeverity.Inconsistent ? "[red]Inconsistent targets[/]" : "[yellow]Tight targets[/]";
            console.MarkupLine($"{tag}: {Markup.Escape(f.Message)}");
        }
        string intervals = result.Intervals is { Unit: not Engine.Simulation.IntervalUnit.Path } method
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" Intervals from the spread of {method.Units:N0} {method.Name} (the paths are not independent).")
            : "";
        console.MarkupLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"[grey]{result.Paths:N0} paths, seed {result.Seed}, {elapsed.TotalSeconds:F2} s.{intervals} Required / history: the average annual growth the target needs / the growth of the indicator's history (per year for counts).[/]"));
    }
}
