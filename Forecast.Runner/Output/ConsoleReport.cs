using Forecast.Engine.Consistency;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Runner.Resources;
using Spectre.Console;

namespace Forecast.Runner.Output;

/// <summary>The run's summary table and notes on the console.</summary>
internal static class ConsoleReport
{
    /// <summary>
    /// The run's table. The compact form (the default) fits 120 columns: indicator, target, required growth, median
    /// with its 5-95% range, probability with its interval, status. <paramref name="wide"/> adds the base value, the
    /// units and the history's growth (about 190 columns). On a console narrower than 100 columns the compact table
    /// leaves out the required growth too, so that no word has to be broken (an 80-column terminal).
    /// </summary>
    public static Table Table(SimulationResult result, bool chinese, bool wide = true, int width = 200)
    {
        bool required = wide || width >= 100;
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(result.Scenario)}[/]");
        // On a narrow console the target goes under the name (one column less) and the numbers do not wrap: the name
        // column takes what is left, where its words wrap whole (Spectre would otherwise cut long words of every column).
        bool narrow = !required;
        table.AddColumn(Markup.Escape(narrow ? Strings.ColIndicator + " / " + Strings.ColTarget : Strings.ColIndicator));
        if (wide) table.AddColumn(new TableColumn(Markup.Escape(Strings.ColBase)).RightAligned());
        if (!narrow) table.AddColumn(new TableColumn(Markup.Escape(Strings.ColTarget)).RightAligned());
        if (required) table.AddColumn(new TableColumn(Markup.Escape(wide ? Strings.ColRequiredHistory : Strings.ColRequired)).RightAligned());
        table.AddColumn(Narrow(new TableColumn(Markup.Escape(Strings.ColMedian)).RightAligned(), narrow));
        table.AddColumn(Narrow(new TableColumn(Markup.Escape(Strings.ColProbability)).RightAligned(), narrow));
        table.AddColumn(Narrow(new TableColumn(Markup.Escape(Strings.ColStatus)), narrow));
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
            string name = Markup.Escape(i.Name.In(chinese)) + (wide ? $" [grey]({Markup.Escape(i.Unit.In(chinese))})[/]" : "");
            var cells = new List<string> { name };
            if (narrow) cells[0] += $"\n[grey]{Markup.Escape(Words.Target(i.Target, wide))}[/]";
            if (wide) cells.Add($"{Numbers.Human(i.BaseValue)} [grey]({i.BaseYear})[/]");
            if (!narrow) cells.Add(Markup.Escape(Words.Target(i.Target, wide)));
            if (required) cells.Add(Growth(o, wide));
            Func<double, string> v = wide ? Numbers.Human : x => x == Math.Round(x) ? Numbers.Human(x) : Numbers.Significant(x, 3);
            cells.Add($"{v(t.P50)} [grey]({v(t.P5)}-{v(t.P95)})[/]");
            cells.Add(wide
                ? $"{Numbers.Percent(o.Probability)} [grey][[{Numbers.Percent(o.ProbabilityCi95.Lower)}, {Numbers.Percent(o.ProbabilityCi95.Upper)}]][/]"
                : $"{Numbers.Percent(o.Probability)} [grey][[{Numbers.Percent(o.ProbabilityCi95.Lower).TrimEnd('%')}, {Numbers.Percent(o.ProbabilityCi95.Upper).TrimEnd('%')}]][/]");
            cells.Add(Status(o.Status));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    private static TableColumn Narrow(TableColumn column, bool narrow) => narrow ? column.NoWrap() : column;

    private static string Growth(IndicatorOutcome o, bool wide)
    {
        var g = o.Growth;
        if (g.PerYear)
        {
            string required = Words.F(Strings.PerYear, Numbers.Human(g.RequiredRate));
            return double.IsNaN(g.HistoricalRate) || !wide ? required : $"{required} [grey]/ {Words.F(Strings.PerYear, Numbers.Human(g.HistoricalRate))}[/]";
        }
        string r = Words.F(Strings.PerYear, Numbers.Percent(g.RequiredRate));
        return double.IsNaN(g.HistoricalRate) || !wide ? r : $"{r} [grey]/ {Numbers.Percent(g.HistoricalRate)}[/]";
    }

    private static string Status(TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => $"[green]{Markup.Escape(Words.Status(status))}[/]",
        TargetStatus.AtRisk => $"[yellow]{Markup.Escape(Words.Status(status))}[/]",
        _ => $"[red]{Markup.Escape(Words.Status(status))}[/]",
    };

    /// <summary>A nowcast's lines: each target's probability at the start and after the observations, the weights' effective sample size, what was left out.</summary>
    public static void Nowcast(IAnsiConsole console, SimulationResult result, IReadOnlyList<string> leftOut)
    {
        if (result.Conditioning is not { } c) return;
        bool chinese = Language.IsChinese;
        console.MarkupLine($"[bold]{E(Words.F(Strings.NowcastHeading, c.Observations))}[/] {E(Strings.NowcastLegend)}");
        foreach (var o in result.Indicators.Where(o => !double.IsNaN(o.ProbabilityAtStart)))
            console.MarkupLine($"  {E(o.Indicator.Name.In(chinese))}: {Numbers.Percent(o.ProbabilityAtStart)} → {Numbers.Percent(o.Probability)}");
        console.MarkupLine($"[grey]{E(Words.F(Strings.NowcastWeights, Numbers.Count(c.Particles), Numbers.Count(c.EffectiveSampleSize)))}[/]");
        if (c.Warning is { } warning) console.MarkupLine($"[yellow]{E(Strings.Warning)}[/] {E(warning)}");
        foreach (string row in leftOut) console.MarkupLine($"[grey]{E(Words.F(Strings.NotUsed, row))}[/]");
    }

    private static string E(string s) => Markup.Escape(s);

    /// <summary>The precision a <c>--precision</c> run reached: the widest 95% half-width of a target's probability, against the one asked.</summary>
    public static void Precision(IAnsiConsole console, SimulationResult result, double asked)
    {
        double widest = result.Indicators.Count == 0 ? 0 : result.Indicators.Max(o => o.ProbabilityCi95.HalfWidth);
        string format = widest <= asked ? Strings.PrecisionReached : Strings.PrecisionNotReached;
        console.MarkupLine($"[grey]{E(Words.F(format, Numbers.Fixed(widest, 4), Numbers.Fixed(asked, 4), Numbers.Count(result.Paths)))}[/]");
    }

    public static void Notes(IAnsiConsole console, SimulationResult result, TimeSpan elapsed, Forecast.Engine.Model.Scenario? scenario = null)
    {
        bool chinese = Language.IsChinese;
        int headline = result.HeadlineMetDistribution.Count - 1;
        console.MarkupLine($"[bold]{E(Words.F(Strings.AllHeadlineMet, headline))}[/] {Numbers.Percent(result.AllHeadlineProbability, 2)} " +
            $"[grey][[{Numbers.Percent(result.AllHeadlineCi95.Lower, 2)}, {Numbers.Percent(result.AllHeadlineCi95.Upper, 2)}]][/]; {E(Words.F(Strings.EveryTarget, Numbers.Percent(result.AllTargetsProbability, 2)))} " +
            $"[grey][[{Numbers.Percent(result.AllTargetsCi95.Lower, 2)}, {Numbers.Percent(result.AllTargetsCi95.Upper, 2)}]][/]");
        var parts = result.HeadlineMetDistribution.Select((p, k) => $"{k}: {Numbers.Percent(p)}");
        console.MarkupLine($"[bold]{E(Strings.HowManyMet)}[/] {string.Join("  ", parts)}");
        foreach (var o in result.Indicators)
            if (Words.SignalsDisagree(o) is { } why)
                // (No space after a Chinese heading: Spectre wraps at spaces, and a CJK sentence is one "word" to it.)
                console.MarkupLine($"[yellow]{E(Strings.SignalsDisagree)}[/]" + (chinese ? "" : " ") + E(Words.F(Strings.SignalsDisagreeFor,
                    o.Indicator.Name.In(chinese), Words.Progress(o.Growth.Category), Numbers.Percent(o.Probability), why)));
        var split = result.Indicators.Where(o => o.Indicator.Headline && o.TargetYear.Variance is { Total: > 0 }).ToList();
        if (split.Count > 0)
        {
            console.MarkupLine($"[bold]{E(Strings.SpreadHeading)}[/] [grey]{E(Strings.SpreadLegend)}[/]:");
            foreach (var o in split)
            {
                var v = o.TargetYear.Variance!;
                console.MarkupLine($"  {E(o.Indicator.Name.In(chinese))}: {Numbers.Percent(v.Share(v.ModelChoice))} / {Numbers.Percent(v.Share(v.Parameters))} / {Numbers.Percent(v.Share(v.YearToYear))}");
            }
        }
        foreach (var f in result.Findings)
        {
            string tag = f.Severity == FindingSeverity.Inconsistent ? $"[red]{E(Strings.InconsistentTargets)}[/]" : $"[yellow]{E(Strings.TightTargets)}[/]";
            console.MarkupLine($"{tag}{(chinese ? "：" : ": ")}{E(Words.Finding(f, scenario))}");
        }
        string intervals = result.Intervals is { Unit: not Engine.Simulation.IntervalUnit.Path } method
            ? Words.F(Strings.IntervalsFrom, Numbers.Count(method.Units), Words.Units(method.Unit))
            : "";
        console.MarkupLine($"[grey]{E(Words.F(Strings.RunFooter, Numbers.Count(result.Paths), result.Seed, elapsed.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture), intervals))}[/]");
    }
}
