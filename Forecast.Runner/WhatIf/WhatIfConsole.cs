using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.Sensitivity;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;
using Forecast.Runner.Resources;
using Spectre.Console;

namespace Forecast.Runner.WhatIf;

/// <summary>
/// The console tables and sentences of the what-if commands, in the invocation's language (<see cref="WhatIfStrings"/>):
/// indicator names in that language, driver and lever ids as typed on the command line.
/// </summary>
internal static class WhatIfConsole
{
    private static string E(string s) => Markup.Escape(s);

    /// <summary>What separates two phrases: a space in English, nothing in Chinese (its full-width punctuation carries the space).</summary>
    internal static string Gap => Language.IsChinese ? "" : " ";

    /// <summary>A resource format filled with markup: the format's own brackets are escaped, the arguments are markup already.</summary>
    private static string M(string format, params object?[] args) => Words.F(E(format), args);

    /// <summary>A percentage with one decimal, or more for a small nonzero probability (joint targets are often below 0.1%).</summary>
    private static string P(double p) => Numbers.Percent(p, p != 0 && Math.Abs(p) < 0.001 ? 3 : p != 0 && Math.Abs(p) < 0.01 ? 2 : 1);
    private static string P(ProbabilityEstimate e) => $"{P(e.Value)} [grey][[{P(e.Ci95.Lower)}, {P(e.Ci95.Upper)}]][/]";
    private static string H(double x) => Numbers.Human(x);
    private static string Signed(double x, Func<double, string> format) => x > 0 ? "+" + format(x) : x < 0 ? "−" + format(-x) : format(0);
    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// True when the driver is a rate (a fraction a year: growth, exit, lapse, a yearly chance): the plan's Chinese name
    /// says 率 (增长率, 失效率, 退出率, 概率) for every such driver, and never for a count.
    /// </summary>
    internal static bool IsRate(Scenario scenario, string driverId) =>
        scenario.Drivers.FirstOrDefault(d => d.Id == driverId) is { } d && d.Name.Zh.Contains('率', StringComparison.Ordinal);

    /// <summary>How a driver's level reads: "18.1% a year" for a rate, else the number.</summary>
    internal static Func<double, string> Level(Scenario scenario, string driverId) =>
        IsRate(scenario, driverId) ? x => Words.F(Strings.RateAYear, Numbers.Percent(x)) : H;

    /// <summary>True when a lever's values are a rate's level (mean, mode, bounds, sd), read as percentages.</summary>
    internal static bool IsRateLever(Scenario scenario, Lever lever) =>
        lever.Parameter is "mean" or "mode" or "median" or "min" or "max" or "sd" or "low" or "high" && IsRate(scenario, lever.DriverId);

    /// <summary>How a lever's values read: a rate's level parameters as percentages; a count's, or a log-scale parameter, as numbers.</summary>
    internal static Func<double, string> LeverValue(Scenario scenario, Lever lever) =>
        IsRateLever(scenario, lever) ? x => Numbers.Percent(x) : H;

    /// <summary>As <see cref="LeverValue"/>, with the unit a person reads a rate in: "18.1% a year".</summary>
    internal static Func<double, string> LeverValueWithUnit(Scenario scenario, Lever lever) =>
        IsRateLever(scenario, lever) ? x => Words.F(Strings.RateAYear, Numbers.Percent(x)) : H;

    /// <summary>A target's name in the invocation's language; the joint rows by their own words.</summary>
    internal static string TargetName(string id, Scenario scenario, bool chinese) => id switch
    {
        ScenarioComparison.AllHeadlineTargetsId => WhatIfStrings.AllHeadlineTargets,
        ScenarioComparison.AllTargetsId => WhatIfStrings.AllTargets,
        _ => scenario.Indicator(id).Name.In(chinese),
    };

    /// <summary>A Sobol input's name: a driver id as typed, the year-to-year variation in words.</summary>
    internal static string InputName(string input) => input == GlobalSensitivity.YearToYearInput ? WhatIfStrings.YearToYear : input;

    /// <summary>Below this many paths gained or lost, the paired interval's normal approximation is rough; the table marks it.</summary>
    public const int FewDiscordantPaths = 30;

    public static Table Comparison(ComparisonResult r, Scenario reference, bool chinese)
    {
        if (r.Scenarios.Count > 2) return ComparisonOfMany(r, reference, chinese);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{E(string.Join(WhatIfStrings.CompareVs, r.Scenarios))}[/]{Gap}[grey]{E(Words.F(WhatIfStrings.CompareSamePaths, N(r.Paths), r.Seed))}[/]");
        table.AddColumn(E(WhatIfStrings.ColTarget));
        table.AddColumn(new TableColumn($"{E(r.Scenarios[0])}\n{E(Strings.ColProbability)}").RightAligned());
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColMedian)).RightAligned());
        for (int s = 1; s < r.Scenarios.Count; s++)
        {
            table.AddColumn(new TableColumn($"{E(r.Scenarios[s])}\n{E(WhatIfStrings.ColProbability)}").RightAligned());
            table.AddColumn(new TableColumn(E(WhatIfStrings.ColDifference)).RightAligned());
            table.AddColumn(new TableColumn(E(WhatIfStrings.ColMedian)).RightAligned());
            table.AddColumn(new TableColumn(E(WhatIfStrings.ColDifference)).RightAligned());
        }
        var rows = r.Targets.OrderBy(t => reference.Indicator(t.Id).Headline ? 0 : 1).ToList();
        bool headline = true;
        foreach (var t in rows.Append(r.AllHeadlineTargets).Append(r.AllTargets))
        {
            bool isHeadline = t.Id is ScenarioComparison.AllTargetsId or ScenarioComparison.AllHeadlineTargetsId || reference.Indicator(t.Id).Headline;
            if (headline && !isHeadline) { table.AddEmptyRow(); headline = false; }
            if (!headline && t.Id == ScenarioComparison.AllHeadlineTargetsId) table.AddEmptyRow();
            bool unchanged = t.Differences.All(d => d.Gained == 0 && d.Lost == 0 && (double.IsNaN(d.MedianDifference) || d.MedianDifference == 0));
            string name = TargetName(t.Id, reference, chinese);
            var cells = new List<string> { unchanged ? $"[grey]{E(name)}[/]" : E(name), P(t.Outcomes[0].Probability), Median(t.Outcomes[0].Median) };
            for (int s = 1; s < t.Outcomes.Count; s++)
            {
                var d = t.Differences[s - 1];
                cells.Add(P(t.Outcomes[s].Probability.Value));
                string rough = d.Gained + d.Lost < FewDiscordantPaths ? "*" : "";
                cells.Add(d.Gained == 0 && d.Lost == 0 ? $"[grey]{E(WhatIfStrings.SameOnEveryPath)}[/]"
                    : $"{Signed(d.ProbabilityDifference, P)}{rough} [grey][[{P(d.ProbabilityDifferenceCi95.Lower)}, {P(d.ProbabilityDifferenceCi95.Upper)}]][/]");
                cells.Add(Median(t.Outcomes[s].Median));
                cells.Add(double.IsNaN(d.MedianDifference) ? "" : $"{Signed(d.MedianDifference, H)} [grey][[{H(d.MedianDifferenceCi95.Lower)}, {H(d.MedianDifferenceCi95.Upper)}]][/]");
            }
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    private static string Median(double x) => double.IsNaN(x) ? "" : H(x);

    /// <summary>
    /// Three scenarios or more: four columns each would not fit a console, so each what-if gets one column, its probability
    /// over its difference from the first, for the headline targets and the joint rows (the rest, the medians and the
    /// differences' intervals are in compare.csv; <see cref="WhatIfStrings.CompareMany"/> says so under the table).
    /// </summary>
    private static Table ComparisonOfMany(ComparisonResult r, Scenario reference, bool chinese)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{E(string.Join(WhatIfStrings.CompareVs, r.Scenarios))}[/]{Gap}[grey]{E(Words.F(WhatIfStrings.CompareSamePaths, N(r.Paths), r.Seed))}[/]");
        table.AddColumn(E(WhatIfStrings.ColTarget));
        // Scenario names have no spaces to wrap at: fold them rather than cut them.
        TableColumn Column(string name, string below) => new TableColumn(new Markup($"{E(name)}\n[grey]{E(below)}[/]") { Overflow = Overflow.Fold }).RightAligned();
        table.AddColumn(Column(r.Scenarios[0], Strings.ColProbability));
        for (int s = 1; s < r.Scenarios.Count; s++) table.AddColumn(Column(r.Scenarios[s], WhatIfStrings.ColProbability + "\n" + WhatIfStrings.ColDifferenceBelow));
        var rows = r.Targets.Where(t => reference.Indicator(t.Id).Headline).ToList();
        if (rows.Count == 0) rows = [.. r.Targets];
        foreach (var t in rows.Append(r.AllHeadlineTargets).Append(r.AllTargets))
        {
            if (t.Id == ScenarioComparison.AllHeadlineTargetsId) table.AddEmptyRow();
            var reach = t.Outcomes[0].Probability;
            var cells = new List<string> { E(TargetName(t.Id, reference, chinese)), $"{P(reach.Value)}\n[grey][[{P(reach.Ci95.Lower)}, {P(reach.Ci95.Upper)}]][/]" };
            for (int s = 1; s < t.Outcomes.Count; s++)
            {
                var d = t.Differences[s - 1];
                string rough = d.Gained + d.Lost < FewDiscordantPaths ? "*" : "";
                cells.Add($"{P(t.Outcomes[s].Probability.Value)}\n[grey]{(d.Gained == 0 && d.Lost == 0 ? E(WhatIfStrings.SameShort) : Signed(d.ProbabilityDifference, P) + rough)}[/]");
            }
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    /// <summary>
    /// The sweep's table: one column per headline target the levers move (every target when none is headline); the
    /// targets they do not move (one probability over the whole grid) go to <paramref name="unmoved"/>, one line instead
    /// of a column of equal numbers, so the table fits the console.
    /// </summary>
    public static Table Sweep(SweepResult r, Scenario scenario, bool chinese, out string? unmoved)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{E(Words.F(WhatIfStrings.SweepTitle, r.Scenario, string.Join(WhatIfStrings.And, r.Axes.Select(a => a.Lever.ToString()))))}[/]{Gap}" +
                $"[grey]{E(Words.F(WhatIfStrings.SweepDetails, N(r.Paths), r.Seed))}[/]");
        foreach (var a in r.Axes)
            table.AddColumn(new TableColumn(E(a.Lever.ToString()) + (IsRateLever(scenario, a.Lever) ? "\n" + E(WhatIfStrings.PercentAYear) : "")).RightAligned());
        var targets = Enumerable.Range(0, r.IndicatorIds.Count).Where(m => scenario.Indicator(r.IndicatorIds[m]).Headline).ToList();
        if (targets.Count == 0) targets = Enumerable.Range(0, r.IndicatorIds.Count).ToList();
        bool Moved(int m) => r.Points.Any(p => p.Targets[m].Value != r.Points[0].Targets[m].Value);
        var shown = targets.Where(Moved).ToList();
        var still = targets.Where(m => !Moved(m)).ToList();
        unmoved = still.Count == 0 ? null
            : Words.F(WhatIfStrings.SweepUnmoved, string.Join(chinese ? "；" : "; ",
                still.Select(m => $"{scenario.Indicator(r.IndicatorIds[m]).Name.In(chinese)} {P(r.Points[0].Targets[m].Value)}")));
        foreach (int m in shown) table.AddColumn(new TableColumn(E(scenario.Indicator(r.IndicatorIds[m]).Name.In(chinese))).RightAligned());
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColAllHeadline)).RightAligned());
        foreach (var p in r.Points)
        {
            var cells = p.LeverValues.Select((v, k) => LeverValue(scenario, r.Axes[k].Lever)(v)).ToList();
            cells.AddRange(shown.Select(m => P(p.Targets[m].Value)));
            cells.Add(P(p.AllHeadlineTargets.Value));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    public static void Goal(IAnsiConsole console, GoalSeekResult r, Scenario scenario, bool chinese)
    {
        var indicator = scenario.Indicator(r.IndicatorId);
        var V = LeverValue(scenario, r.Lever);
        var U = LeverValueWithUnit(scenario, r.Lever);
        string sign = indicator.Target.Direction == Direction.AtMost ? "≤" : "≥";
        string lever = E(r.Lever.ToString());
        console.MarkupLine($"[bold]{E(WhatIfStrings.GoalLabel)}[/]{Gap}" + M(WhatIfStrings.GoalQuestion, E(indicator.Name.In(chinese)), sign, H(indicator.Target.Value),
            indicator.Target.Year, P(r.WantedProbability), lever, V(r.Low), V(r.High)));
        switch (r.Status)
        {
            case GoalSeekStatus.Reached:
                string which = r.LeverRaisesProbability ? "≥" : "≤";
                console.MarkupLine("  " + M(WhatIfStrings.GoalReached, $"[bold]{lever} {which} {U(r.Value)}[/]",
                    Bound(r.Lower, below: true, U), Bound(r.Upper, below: false, U), U(r.Value), P(r.ProbabilityAtValue)));
                break;
            case GoalSeekStatus.AlreadyReached:
                console.MarkupLine("  " + M(WhatIfStrings.GoalAlreadyReached, lever, U(r.Value), P(r.ProbabilityAtValue)));
                break;
            case GoalSeekStatus.NotReachable when !r.LeverMovesTarget:
                console.MarkupLine($"  [red]{M(WhatIfStrings.GoalNotMoving, lever)}[/]" + M(WhatIfStrings.GoalNotMovingWhy, P(r.Best), V(r.Low), V(r.High)));
                break;
            default:
                string end = r.LeverRaisesProbability ? U(r.High) : U(r.Low);
                console.MarkupLine($"  [red]{M(WhatIfStrings.GoalNotReachable, lever, V(r.Low), V(r.High), P(r.WantedProbability))}[/]" +
                    M(WhatIfStrings.GoalNotReachableWhy, P(r.Best), lever, end));
                break;
        }
        console.MarkupLine("  " + M(WhatIfStrings.GoalNow, lever, U(r.CurrentValue), P(r.ProbabilityAtCurrent)));
        // One sentence a line: a Chinese sentence has no space to wrap at, and a wrapped "。" would stand alone.
        console.MarkupLine($"[grey]{E(Words.F(WhatIfStrings.GoalFooter, N(r.Paths), r.Evaluations, r.Seed))}[/]");
        if (r.LeverMovesTarget)
            console.MarkupLine($"[grey]{E(Words.F(r.LeverRaisesProbability ? WhatIfStrings.GoalRaising : WhatIfStrings.GoalLowering, r.Lever))}[/]");
        console.MarkupLine($"[grey]{E(WhatIfStrings.GoalInterval)}[/]");
    }

    private static string Bound(GoalBound b, bool below, Func<double, string> value) => b.BeyondRange ? (below ? $"≤ {value(b.Value)}" : $"≥ {value(b.Value)}") : value(b.Value);

    /// <summary>A driver's levels at the tornado's two ends: "-9.3% → 17.6% a year" for a rate (the unit once), else the numbers.</summary>
    private static string Levels(Scenario scenario, string driverId, double low, double high) =>
        IsRate(scenario, driverId) ? Words.F(Strings.RateAYear, $"{Numbers.Percent(low)} → {Numbers.Percent(high)}") : $"{H(low)} → {H(high)}";

    public static Table Tornado(TornadoResult r, Scenario scenario, bool chinese, int top)
    {
        int Percentile(double q) => (int)Math.Round(q * 100);
        var table = new Table().Border(TableBorder.Rounded)
            .Title(M(WhatIfStrings.TornadoTitle, $"[bold]{E(WhatIfStrings.TornadoLabel)}[/]", Percentile(r.LowQuantile), Percentile(r.HighQuantile)) +
                $"{Gap}[grey]{E(Words.F(WhatIfStrings.TornadoDetails, N(r.Paths), r.Seed))}[/]");
        table.AddColumn(E(WhatIfStrings.ColTarget));
        table.AddColumn(E(WhatIfStrings.ColDriver));
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColLevelLowHigh)).RightAligned());
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColProbabilityLowHigh)).RightAligned());
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColSwing)).RightAligned());
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColMedianLowHigh)).RightAligned());
        foreach (var t in r.Targets.Where(t => t.IndicatorId == ScenarioComparison.AllHeadlineTargetsId || scenario.Indicator(t.IndicatorId).Headline))
        {
            string name = TargetName(t.IndicatorId, scenario, chinese);
            bool first = true;
            string centre = E(double.IsNaN(t.CentreMedian) ? Words.F(WhatIfStrings.TornadoCentre, P(t.Centre.Value))
                : Words.F(WhatIfStrings.TornadoCentreMedian, P(t.Centre.Value), Median(t.CentreMedian)));
            var moving = t.Bars.Where(b => b.ProbabilitySwing != 0 || (b.MedianSwing != 0 && !double.IsNaN(b.MedianSwing))).Take(top).ToList();
            if (moving.Count == 0) table.AddRow($"{E(name)}\n[grey]{centre}[/]", $"[grey]{E(WhatIfStrings.NoDriverMoves)}[/]", "", "", "", "");
            foreach (var b in moving)
            {
                table.AddRow(first ? $"{E(name)}\n[grey]{centre}[/]" : "",
                    E(b.DriverId), E(Levels(scenario, b.DriverId, b.LowLevel, b.HighLevel)), $"{P(b.ProbabilityAtLow.Value)} → {P(b.ProbabilityAtHigh.Value)}",
                    Signed(b.ProbabilitySwing, P), double.IsNaN(b.MedianAtLow) ? "" : $"{H(b.MedianAtLow)} → {H(b.MedianAtHigh)}");
                first = false;
            }
            table.AddEmptyRow();
        }
        return table;
    }

    public static Table Sobol(GlobalSensitivityResult r, Scenario scenario, bool chinese, int top)
    {
        var sobol = r.Outputs[0].Sobol;
        string design = sobol.IsQuasiRandom ? Words.F(WhatIfStrings.SobolDesignQuasi, sobol.DesignReplicates) : WhatIfStrings.SobolDesignBootstrap;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(M(WhatIfStrings.SobolTitle, $"[bold]{E(WhatIfStrings.SobolLabel)}[/]") +
                $"{Gap}[grey]{E(Words.F(WhatIfStrings.SobolDetails, N(sobol.BaseSamples), design, N(r.SpearmanPaths)))}[/]");
        table.AddColumn(E(WhatIfStrings.ColTarget));
        table.AddColumn(E(WhatIfStrings.ColInput));
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColValueFirstOrder)).RightAligned());
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColTotal)).RightAligned());
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColMetFirstOrder)).RightAligned());
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColTotal)).RightAligned());
        table.AddColumn(new TableColumn(E(WhatIfStrings.ColRho)).RightAligned());
        foreach (var id in r.Outputs.Select(o => o.IndicatorId).Distinct())
        {
            var value = r[id, SensitivityOutputKind.TargetYearValue];
            var met = r[id, SensitivityOutputKind.TargetMet];
            bool first = true;
            // An input whose total index is exactly 0 changes no output on any design row: the target does not read it.
            foreach (var input in value.Sobol.Inputs.Where(i => i.Total.Estimate != 0 || met.Sobol.Inputs[i.Input].Total.Estimate != 0)
                         .OrderByDescending(i => double.IsNaN(i.Total.Estimate) ? -1 : i.Total.Estimate).Take(top))
            {
                var m = met.Sobol.Inputs[input.Input];
                table.AddRow(first ? E(scenario.Indicator(id).Name.In(chinese)) : "", E(InputName(r.Inputs[input.Input])),
                    Index(input.FirstOrder), Index(input.Total), Index(m.FirstOrder), Index(m.Total),
                    input.Input < value.Spearman.Count && !double.IsNaN(value.Spearman[input.Input]) ? Math.Round(value.Spearman[input.Input], 2).ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "");
                first = false;
            }
            table.AddEmptyRow();
        }
        return table;
    }

    private static string Index(IndexEstimate e) =>
        double.IsNaN(e.Estimate) ? "-" : $"{e.Estimate.ToString("0.00", CultureInfo.InvariantCulture)} [grey][[{Fmt(e.Lower)}, {Fmt(e.Upper)}]][/]";

    private static string Fmt(double x) => double.IsNaN(x) ? "-" : x.ToString("0.00", CultureInfo.InvariantCulture);
}
