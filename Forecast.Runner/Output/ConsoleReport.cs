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
        bool required = ShowsRequired(wide, width);
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(result.Scenario)}[/]");
        // On a narrow console the target goes under the name (one column less) and the numbers do not wrap: the name
        // column takes what is left, where its words wrap whole (Spectre would otherwise cut long words of every column).
        bool narrow = !required;
        var headers = new List<string>();
        TableColumn Column(string header)
        {
            headers.Add(header);
            return new TableColumn(Markup.Escape(header));
        }
        table.AddColumn(Column(narrow ? Strings.ColIndicator + " / " + Strings.ColTarget : Strings.ColIndicator));
        if (wide) table.AddColumn(Column(Strings.ColBase).RightAligned());
        if (!narrow) table.AddColumn(Column(Strings.ColTarget).RightAligned());
        if (required) table.AddColumn(Column(wide ? Strings.ColRequiredHistory : Strings.ColRequired).RightAligned());
        table.AddColumn(Narrow(Column(Strings.ColMedian).RightAligned(), narrow));
        table.AddColumn(Narrow(Column(Strings.ColProbability).RightAligned(), narrow));
        table.AddColumn(Narrow(Column(Strings.ColStatus), narrow));
        var rows = new List<(bool Headline, List<string> Cells)>();
        foreach (var o in result.Indicators.OrderBy(o => o.Indicator.Headline ? 0 : 1))
        {
            var i = o.Indicator;
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
            rows.Add((i.Headline, cells));
        }
        if (chinese && !narrow) BreakChineseNames(headers, rows, width);
        bool headlineSection = true;
        foreach (var (headline, cells) in rows)
        {
            if (headlineSection && !headline)
            {
                table.AddEmptyRow();
                headlineSection = false;
            }
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    /// <summary>
    /// Chinese names broken into lines by <see cref="ChineseLines"/> (no line starting with "）" or ending with "（"),
    /// at the width the name column has left once the other columns take their widest cell; Spectre would otherwise
    /// cut a name at its column's edge, whatever the character. A rounded table takes 1 + Σ(column + 3) cells.
    /// </summary>
    private static void BreakChineseNames(List<string> headers, List<(bool Headline, List<string> Cells)> rows, int width)
    {
        int others = 0;
        for (int c = 1; c < headers.Count; c++)
        {
            int widest = ChineseLines.Cells(headers[c]);
            foreach (var (_, cells) in rows) widest = Math.Max(widest, ChineseLines.Cells(Markup.Remove(cells[c])));
            others += widest + 3;
        }
        int room = width - 1 - others - 3;
        if (room < 8) return;
        foreach (var (_, cells) in rows)
        {
            string name = Markup.Remove(cells[0]);
            if (ChineseLines.Cells(name) > room) cells[0] = string.Join("\n", ChineseLines.Break(name, room).Select(Markup.Escape));
        }
    }

    /// <summary>Whether the table has the required-growth column: the wide table, and the compact one from 100 columns.</summary>
    public static bool ShowsRequired(bool wide, int width) => wide || width >= 100;

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
        console.MarkupLine($"[bold]{E(Words.F(Strings.NowcastHeading, c.Observations))}[/]{(chinese ? "" : " ")}{E(Strings.NowcastLegend)}");
        foreach (var o in result.Indicators.Where(o => !double.IsNaN(o.ProbabilityAtStart)))
            console.MarkupLine($"  {E(o.Indicator.Name.In(chinese))}{E(Strings.ColonSep)}{Numbers.Percent(o.ProbabilityAtStart)} → {Numbers.Percent(o.Probability)}");
        Paragraph(console, "grey", "", Words.F(Strings.NowcastWeights, Numbers.Count(c.Particles), Numbers.Count(c.EffectiveSampleSize)), "grey");
        if (c.Warning is { } warning) Paragraph(console, "yellow", Strings.Warning + (chinese ? "" : " "), warning);
        foreach (string row in leftOut) Paragraph(console, "grey", "", Words.F(Strings.NotUsed, row), "grey");
    }

    private static string E(string s) => Markup.Escape(s);

    /// <summary>The precision a <c>--precision</c> run reached: the widest 95% half-width of a target's probability, against the one asked.</summary>
    public static void Precision(IAnsiConsole console, SimulationResult result, double asked)
    {
        double widest = result.Indicators.Count == 0 ? 0 : result.Indicators.Max(o => o.ProbabilityCi95.HalfWidth);
        string format = widest <= asked ? Strings.PrecisionReached : Strings.PrecisionNotReached;
        console.MarkupLine($"[grey]{E(Words.F(format, Numbers.Fixed(widest, 4), Numbers.Fixed(asked, 4), Numbers.Count(result.Paths)))}[/]");
    }

    /// <summary>The notes under the run's table: the joint probabilities, disagreeing signals, the spread's sources, findings, the footer.</summary>
    /// <param name="console">The console.</param>
    /// <param name="result">The run.</param>
    /// <param name="elapsed">The simulation's time.</param>
    /// <param name="scenario">The scenario (for the findings' names in Chinese).</param>
    /// <param name="wide">Whether the table above was the wide one (its footer explains the growth columns it showed).</param>
    /// <param name="width">The console's width: the compact table leaves out the required growth below 100 columns.</param>
    public static void Notes(IAnsiConsole console, SimulationResult result, TimeSpan elapsed, Forecast.Engine.Model.Scenario? scenario = null,
        bool wide = true, int width = 200)
    {
        bool chinese = Language.IsChinese;
        string gap = chinese ? "" : " "; // after a heading that ends in "：" (Chinese) or before the text (English)
        int headline = result.HeadlineMetDistribution.Count - 1;
        console.MarkupLine($"[bold]{E(Words.F(Strings.AllHeadlineMet, headline))}[/]{gap}{Numbers.Percent(result.AllHeadlineProbability, 2)} " +
            $"[grey][[{Numbers.Percent(result.AllHeadlineCi95.Lower, 2)}, {Numbers.Percent(result.AllHeadlineCi95.Upper, 2)}]][/]{E(Strings.ListSep)}{E(Words.F(Strings.EveryTarget, Numbers.Percent(result.AllTargetsProbability, 2)))} " +
            $"[grey][[{Numbers.Percent(result.AllTargetsCi95.Lower, 2)}, {Numbers.Percent(result.AllTargetsCi95.Upper, 2)}]][/]");
        Items(console, Strings.HowManyMet + gap, result.HeadlineMetDistribution.Select((p, k) => Words.F(Strings.HowManyMetItem, k, Numbers.Percent(p))).ToList());
        foreach (var o in result.Indicators)
            if (Words.SignalsDisagree(o) is { } why)
                Paragraph(console, "yellow", Strings.SignalsDisagree + gap, Words.F(Strings.SignalsDisagreeFor,
                    o.Indicator.Name.In(chinese), Words.Progress(o.Growth.Category), Numbers.Percent(o.Probability), why));
        var split = result.Indicators.Where(o => o.Indicator.Headline && o.TargetYear.Variance is { Total: > 0 }).ToList();
        if (split.Count > 0)
        {
            console.MarkupLine($"[bold]{E(Strings.SpreadHeading)}[/]{gap}[grey]{E(Strings.SpreadLegend)}[/]{E(chinese ? Strings.ColonSep : ":")}");
            foreach (var o in split)
            {
                var v = o.TargetYear.Variance!;
                console.MarkupLine($"  {E(o.Indicator.Name.In(chinese))}{E(Strings.ColonSep)}{Numbers.Percent(v.Share(v.ModelChoice))} / {Numbers.Percent(v.Share(v.Parameters))} / {Numbers.Percent(v.Share(v.YearToYear))}");
            }
        }
        foreach (var f in result.Findings)
            Paragraph(console, f.Severity == FindingSeverity.Inconsistent ? "red" : "yellow",
                (f.Severity == FindingSeverity.Inconsistent ? Strings.InconsistentTargets : Strings.TightTargets) + Strings.ColonSep, Words.Finding(f, scenario));
        string intervals = result.Intervals is { Unit: not Engine.Simulation.IntervalUnit.Path } method
            ? Words.F(Strings.IntervalsFrom, Numbers.Count(method.Units), Words.Units(method.Unit))
            : "";
        string columns = wide ? Strings.FooterRequiredHistory : ShowsRequired(wide, width) ? Strings.FooterRequired : "";
        Paragraph(console, "grey", "", Words.F(Strings.RunFooter, Numbers.Count(result.Paths), result.Seed,
            elapsed.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture), intervals, columns), "grey");
    }

    /// <summary>
    /// A bold heading and a list of short items ("0项：0.0%  1项：0.5% ..."), two spaces apart: on the heading's line when
    /// they all fit the console, else under it, indented, as many to a line as fit. An item is never split, and no line is
    /// left for the console to wrap (it would start an item at the margin, after a line ending in spaces).
    /// </summary>
    private static void Items(IAnsiConsole console, string heading, IReadOnlyList<string> items)
    {
        const string Indent = "  ", Gap = "  ";
        int width = Math.Max(20, console.Profile.Width);
        string all = string.Join(Gap, items);
        if (ChineseLines.Cells(heading) + ChineseLines.Cells(all) <= width)
        {
            console.MarkupLine($"[bold]{E(heading)}[/]{E(all)}");
            return;
        }
        console.MarkupLine($"[bold]{E(heading.TrimEnd())}[/]");
        var line = new List<string>();
        int cells = Indent.Length;
        foreach (string item in items)
        {
            int w = ChineseLines.Cells(item) + (line.Count > 0 ? Gap.Length : 0);
            if (line.Count > 0 && cells + w > width)
            {
                console.MarkupLine(E(Indent + string.Join(Gap, line)));
                line.Clear();
                cells = Indent.Length;
                w = ChineseLines.Cells(item);
            }
            line.Add(item);
            cells += w;
        }
        if (line.Count > 0) console.MarkupLine(E(Indent + string.Join(Gap, line)));
    }

    /// <summary>
    /// A heading in <paramref name="style"/> and its text. In Chinese the text is broken into lines here, by the
    /// console's width, so that no line starts with closing punctuation ("：", "，", "）"...) nor ends with opening
    /// punctuation, and a run of Latin letters or digits ("19.8%", "R&amp;D") stays whole: Spectre breaks only at
    /// spaces, so a Chinese sentence is one "word" to it, moved whole to the next line and then cut anywhere.
    /// </summary>
    private static void Paragraph(IAnsiConsole console, string style, string heading, string text, string? textStyle = null)
    {
        string head = heading.Length == 0 ? "" : $"[{style}]{E(heading)}[/]";
        string body = Language.IsChinese
            ? string.Join("\n", ChineseLines.Break(text, Math.Max(20, console.Profile.Width), ChineseLines.Cells(heading)).Select(E))
            : E(text);
        console.MarkupLine(head + (textStyle is null ? body : $"[{textStyle}]{body}[/]"));
    }
}
