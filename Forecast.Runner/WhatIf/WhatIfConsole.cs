using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;
using Spectre.Console;

namespace Forecast.Runner.WhatIf;

/// <summary>The console tables and sentences of the what-if commands.</summary>
internal static class WhatIfConsole
{
    private static string E(string s) => Markup.Escape(s);
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
        IsRate(scenario, driverId) ? x => Words.F(Resources.Strings.RateAYear, Numbers.Percent(x)) : H;

    /// <summary>How a lever's values read: a rate's level parameters (mean, mode, bounds, sd) as percentages; a count's, or a log-scale parameter, as numbers.</summary>
    internal static Func<double, string> LeverValue(Scenario scenario, Lever lever) =>
        lever.Parameter is "mean" or "mode" or "median" or "min" or "max" or "sd" or "low" or "high" && IsRate(scenario, lever.DriverId)
            ? x => Numbers.Percent(x) : H;

    /// <summary>Below this many paths gained or lost, the paired interval's normal approximation is rough; the table marks it.</summary>
    public const int FewDiscordantPaths = 30;

    public static Table Comparison(ComparisonResult r, Scenario reference, bool chinese)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{E(string.Join(" vs ", r.Scenarios))}[/] [grey](same {N(r.Paths)} paths, seed {r.Seed})[/]");
        table.AddColumn("Target");
        table.AddColumn(new TableColumn($"{E(r.Scenarios[0])}\nP(reach) [[95% CI]]").RightAligned());
        table.AddColumn(new TableColumn("median").RightAligned());
        for (int s = 1; s < r.Scenarios.Count; s++)
        {
            table.AddColumn(new TableColumn($"{E(r.Scenarios[s])}\nP(reach)").RightAligned());
            table.AddColumn(new TableColumn("difference [[95% CI]]").RightAligned());
            table.AddColumn(new TableColumn("median").RightAligned());
            table.AddColumn(new TableColumn("difference [[95% CI]]").RightAligned());
        }
        var rows = r.Targets.OrderBy(t => reference.Indicator(t.Id).Headline ? 0 : 1).ToList();
        bool headline = true;
        foreach (var t in rows.Append(r.AllHeadlineTargets).Append(r.AllTargets))
        {
            bool isHeadline = t.Id is ScenarioComparison.AllTargetsId or ScenarioComparison.AllHeadlineTargetsId || reference.Indicator(t.Id).Headline;
            if (headline && !isHeadline) { table.AddEmptyRow(); headline = false; }
            if (!headline && t.Id == ScenarioComparison.AllHeadlineTargetsId) table.AddEmptyRow();
            bool unchanged = t.Differences.All(d => d.Gained == 0 && d.Lost == 0 && (double.IsNaN(d.MedianDifference) || d.MedianDifference == 0));
            string name = t.Id.StartsWith("all_", StringComparison.Ordinal) ? t.Name.En : reference.Indicator(t.Id).Name.In(chinese);
            var cells = new List<string> { unchanged ? $"[grey]{E(name)}[/]" : E(name), P(t.Outcomes[0].Probability), Median(t.Outcomes[0].Median) };
            for (int s = 1; s < t.Outcomes.Count; s++)
            {
                var d = t.Differences[s - 1];
                cells.Add(P(t.Outcomes[s].Probability.Value));
                string rough = d.Gained + d.Lost < FewDiscordantPaths ? "*" : "";
                cells.Add(d.Gained == 0 && d.Lost == 0 ? "[grey]0 (same on every path)[/]"
                    : $"{Signed(d.ProbabilityDifference, P)}{rough} [grey][[{P(d.ProbabilityDifferenceCi95.Lower)}, {P(d.ProbabilityDifferenceCi95.Upper)}]][/]");
                cells.Add(Median(t.Outcomes[s].Median));
                cells.Add(double.IsNaN(d.MedianDifference) ? "" : $"{Signed(d.MedianDifference, H)} [grey][[{H(d.MedianDifferenceCi95.Lower)}, {H(d.MedianDifferenceCi95.Upper)}]][/]");
            }
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    private static string Median(double x) => double.IsNaN(x) ? "" : H(x);

    public static Table Sweep(SweepResult r, Scenario scenario, bool chinese)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{E(r.Scenario)}[/]: P(reach) by {E(string.Join(" and ", r.Axes.Select(a => a.Lever.ToString())))} [grey]({N(r.Paths)} paths per point, seed {r.Seed})[/]");
        foreach (var a in r.Axes) table.AddColumn(new TableColumn(E(a.Lever.ToString())).RightAligned());
        var shown = Enumerable.Range(0, r.IndicatorIds.Count).Where(m => scenario.Indicator(r.IndicatorIds[m]).Headline).ToList();
        if (shown.Count == 0) shown = Enumerable.Range(0, r.IndicatorIds.Count).ToList();
        foreach (int m in shown) table.AddColumn(new TableColumn(E(scenario.Indicator(r.IndicatorIds[m]).Name.In(chinese))).RightAligned());
        table.AddColumn(new TableColumn("all headline").RightAligned());
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
        string sign = indicator.Target.Direction == Direction.AtMost ? "≤" : "≥";
        string lever = E(r.Lever.ToString());
        console.MarkupLine($"[bold]Goal:[/] {E(indicator.Name.In(chinese))} {sign} {H(indicator.Target.Value)} in {indicator.Target.Year} " +
            $"with probability ≥ {P(r.WantedProbability)}, by {lever} in [[{V(r.Low)}, {V(r.High)}]]");
        switch (r.Status)
        {
            case GoalSeekStatus.Reached:
                string which = r.LeverRaisesProbability ? "≥" : "≤";
                console.MarkupLine($"  [bold]{lever} {which} {V(r.Value)}[/] reaches it (95% interval of this threshold: {Bound(r.Lower, below: true, V)} to {Bound(r.Upper, below: false, V)}); " +
                    $"P(reach) at {V(r.Value)}: {P(r.ProbabilityAtValue)}");
                break;
            case GoalSeekStatus.AlreadyReached:
                console.MarkupLine($"  Already reached at the range's weaker end, {lever} = {V(r.Value)}: P(reach) there {P(r.ProbabilityAtValue)}. " +
                    "Widen --range to find where it stops being reached.");
                break;
            case GoalSeekStatus.NotReachable when !r.LeverMovesTarget:
                console.MarkupLine($"  [red]{lever} does not move this target[/]: P(reach) is {P(r.Best)} at both ends of [[{V(r.Low)}, {V(r.High)}]]. " +
                    "Choose a lever whose driver the target depends on.");
                break;
            default:
                string end = r.LeverRaisesProbability ? V(r.High) : V(r.Low);
                console.MarkupLine($"  [red]No value of {lever} in [[{V(r.Low)}, {V(r.High)}]] reaches {P(r.WantedProbability)}[/]: " +
                    $"the most the range gives is {P(r.Best)} at {lever} = {end}.");
                break;
        }
        console.MarkupLine($"  Now: {lever} = {V(r.CurrentValue)} gives {P(r.ProbabilityAtCurrent)}.");
        string direction = r.LeverMovesTarget ? $"; {(r.LeverRaisesProbability ? "raising" : "lowering")} {lever} raises the probability" : "";
        console.MarkupLine($"[grey]{N(r.Paths)} paths per evaluation, {r.Evaluations} evaluations, seed {r.Seed}, common random numbers{direction}. " +
            "The interval is where the 95% Wilson interval of the estimate contains the wanted probability.[/]");
    }

    private static string Bound(GoalBound b, bool below, Func<double, string> value) => b.BeyondRange ? (below ? $"≤ {value(b.Value)}" : $"≥ {value(b.Value)}") : value(b.Value);

    public static Table Tornado(TornadoResult r, Scenario scenario, bool chinese, int top)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]Tornado[/]: each driver from its {P(r.LowQuantile)} to its {P(r.HighQuantile)} level, the others at their medians [grey]({N(r.Paths)} paths per run, seed {r.Seed})[/]");
        table.AddColumn("Target");
        table.AddColumn("Driver");
        table.AddColumn(new TableColumn("level low → high").RightAligned());
        table.AddColumn(new TableColumn("P(reach) low → high").RightAligned());
        table.AddColumn(new TableColumn("swing").RightAligned());
        table.AddColumn(new TableColumn("median low → high").RightAligned());
        foreach (var t in r.Targets.Where(t => t.IndicatorId == ScenarioComparison.AllHeadlineTargetsId || scenario.Indicator(t.IndicatorId).Headline))
        {
            string name = t.IndicatorId == ScenarioComparison.AllHeadlineTargetsId ? t.Name.En : scenario.Indicator(t.IndicatorId).Name.In(chinese);
            bool first = true;
            string centre = double.IsNaN(t.CentreMedian) ? $"centre {P(t.Centre.Value)}" : $"centre {P(t.Centre.Value)}, median {Median(t.CentreMedian)}";
            var moving = t.Bars.Where(b => b.ProbabilitySwing != 0 || (b.MedianSwing != 0 && !double.IsNaN(b.MedianSwing))).Take(top).ToList();
            if (moving.Count == 0) table.AddRow($"{E(name)}\n[grey]{centre}[/]", "[grey]no driver moves it[/]", "", "", "", "");
            foreach (var b in moving)
            {
                table.AddRow(first ? $"{E(name)}\n[grey]{centre}[/]" : "",
                    E(b.DriverId), $"{Level(scenario, b.DriverId)(b.LowLevel)} → {Level(scenario, b.DriverId)(b.HighLevel)}", $"{P(b.ProbabilityAtLow.Value)} → {P(b.ProbabilityAtHigh.Value)}",
                    Signed(b.ProbabilitySwing, P), double.IsNaN(b.MedianAtLow) ? "" : $"{H(b.MedianAtLow)} → {H(b.MedianAtHigh)}");
                first = false;
            }
            table.AddEmptyRow();
        }
        return table;
    }

    public static Table Sobol(GlobalSensitivityResult r, Scenario scenario, bool chinese, int top)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]Sobol indices[/] of the target-year value and of meeting the target [grey](N = {N(r.Outputs[0].Sobol.BaseSamples)}, {(r.Outputs[0].Sobol.IsQuasiRandom ? $"scrambled Sobol design, 95% intervals from {r.Outputs[0].Sobol.DesignReplicates} replicates" : "95% bootstrap intervals")}; ρ: Spearman, {N(r.SpearmanPaths)} paths)[/]");
        table.AddColumn("Target");
        table.AddColumn("Input");
        table.AddColumn(new TableColumn("value: first order").RightAligned());
        table.AddColumn(new TableColumn("total").RightAligned());
        table.AddColumn(new TableColumn("met: first order").RightAligned());
        table.AddColumn(new TableColumn("total").RightAligned());
        table.AddColumn(new TableColumn("ρ(level, value)").RightAligned());
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
                table.AddRow(first ? E(scenario.Indicator(id).Name.In(chinese)) : "", E(r.Inputs[input.Input]),
                    Index(input.FirstOrder), Index(input.Total), Index(m.FirstOrder), Index(m.Total),
                    input.Input < value.Spearman.Count && !double.IsNaN(value.Spearman[input.Input]) ? Math.Round(value.Spearman[input.Input], 2).ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "");
                first = false;
            }
            table.AddEmptyRow();
        }
        return table;
    }

    private static string Index(Forecast.Engine.Sensitivity.IndexEstimate e) =>
        double.IsNaN(e.Estimate) ? "-" : $"{e.Estimate.ToString("0.00", CultureInfo.InvariantCulture)} [grey][[{Fmt(e.Lower)}, {Fmt(e.Upper)}]][/]";

    private static string Fmt(double x) => double.IsNaN(x) ? "-" : x.ToString("0.00", CultureInfo.InvariantCulture);
}
