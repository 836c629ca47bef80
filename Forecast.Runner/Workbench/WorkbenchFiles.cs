using System.Globalization;
using System.Text;
using System.Text.Json;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;
using Forecast.Runner.Plots;
using Forecast.Runner.Report;
using Forecast.Scenarios;
using MiniExcelLibs;

namespace Forecast.Runner.Workbench;

/// <summary>
/// What the page downloads: the levers as a what-if overlay that <c>forecast run</c> and <c>forecast compare</c> read
/// unchanged, and a run's summary as CSV and JSON (the files <c>forecast run</c> writes), an Excel workbook (one sheet
/// per table) and the HTML report.
/// </summary>
internal static class WorkbenchFiles
{
    /// <summary>
    /// The overlay: <c>base:</c> the served scenario by id when it is a shipped one (<see cref="ShippedScenarios"/>: the file
    /// runs from wherever it is saved, on any machine with the shipped scenarios, and names no folder of the server), else
    /// the served file's name (the file runs saved beside it); for every driver a lever moved, its level and later levels as
    /// the levers left them; for every structure draw whose weights moved, each of its indicators' structures and weights.
    /// </summary>
    public static string Overlay(ServedScenario served, Scenario applied, IReadOnlyDictionary<string, double> levers, IEnumerable<string> weighted)
    {
        var y = new StringBuilder();
        y.Append("# What-if saved from the forecast workbench (forecast serve) on ").Append(served.Id).Append(".\n");
        foreach (var (lever, value) in levers.OrderBy(l => l.Key, StringComparer.Ordinal))
            y.Append("#   ").Append(lever).Append(" = ").Append(R(value)).Append(" (was ")
             .Append(R(new Lever(lever[..lever.IndexOf('.', StringComparison.Ordinal)], lever[(lever.IndexOf('.', StringComparison.Ordinal) + 1)..]).CurrentValue(served.Scenario))).Append(")\n");
        var draws = served.Structures.Where(x => weighted.Contains(x.Id)).ToList();
        foreach (var draw in draws)
        {
            var now = ((MixtureModel)applied.Indicator(draw.Indicators[0].Id).Model).Components;
            y.Append("#   weights of ").Append(draw.Id).Append(": ")
             .Append(string.Join(", ", now.Select((c, j) => $"{c.Name} {R(c.Weight)} (was {R(draw.Weights[j])})"))).Append('\n');
        }
        string? id = ShippedScenarios.IdOf(served.File);
        string baseName = id ?? Path.GetFileName(served.File);
        y.Append("# Run it:     forecast run <this file>\n");
        y.Append("# Compare it: forecast compare ").Append(id is null ? Path.GetFileName(served.File) : $"scenarios/{id}.yaml").Append(" <this file>")
         .Append(id is null ? "" : "   (in the folder that holds the shipped scenarios/)").Append('\n');
        if (id is null) y.Append("# ").Append(baseName).Append(" is not a shipped scenario: save this file beside it.\n");
        y.Append("base: ").Append(Quote(baseName)).Append('\n');
        y.Append("name: ").Append(Quote(served.Id + "-workbench")).Append('\n');
        y.Append("title: {zh: ").Append(Quote(served.Scenario.Title.Zh + "（工作台情景）")).Append(", en: ").Append(Quote(served.Scenario.Title.En + " (workbench what-if)")).Append("}\n");
        var moved = levers.Keys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        var drivers = applied.Drivers.Where(d => moved.Contains(d.Id)).ToList();
        if (drivers.Count > 0) y.Append("drivers:\n");
        foreach (var d in drivers)
        {
            y.Append("  ").Append(d.Id).Append(":\n");
            y.Append("    level: ").Append(ScenarioWriter.LevelText(d.Level)).Append('\n');
            if (d.LevelChanges.Count > 0)
            {
                y.Append("    changes:\n");
                foreach (var c in d.LevelChanges)
                    y.Append("      - {from: ").Append(c.FromYear.ToString(CultureInfo.InvariantCulture)).Append(", level: ").Append(ScenarioWriter.LevelText(c.Level)).Append("}\n");
            }
        }
        if (draws.Count > 0) y.Append("indicators:\n");
        foreach (var indicator in draws.SelectMany(x => x.Indicators))
        {
            var components = ((MixtureModel)applied.Indicator(indicator.Id).Model).Components;
            y.Append("  ").Append(indicator.Id).Append(":\n");
            y.Append("    structures: {").Append(string.Join(", ", components.Select(c => Quote(c.Name) + ": " + R(c.Weight)))).Append("}\n");
        }
        return y.ToString();
    }

    /// <summary>summary.csv as <c>forecast run</c> writes it.</summary>
    public static byte[] SummaryCsv(SimulationResult result)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        CsvWriters.WriteSummary(w, result);
        return Encoding.UTF8.GetBytes(w.ToString());
    }

    /// <summary>summary.json as <c>forecast run</c> writes it.</summary>
    public static byte[] SummaryJson(SimulationResult result)
    {
        using var stream = new MemoryStream();
        SummaryJsonWriter.Write(stream, result);
        return stream.ToArray();
    }

    /// <summary>An Excel workbook with one sheet per table: targets, trajectories, levers.</summary>
    public static byte[] Workbook(SimulationResult result, IReadOnlyDictionary<string, double> levers, Scenario baseline) =>
        Workbook(result, levers, baseline, [], new Dictionary<string, double[]?>());

    /// <summary>The workbook, its levers sheet with a row per structure of each moved structure draw ("weights:draw/structure").</summary>
    public static byte[] Workbook(SimulationResult result, IReadOnlyDictionary<string, double> levers, Scenario baseline,
        IReadOnlyList<StructureLevers> structures, IReadOnlyDictionary<string, double[]?> weights)
    {
        var targets = result.Indicators.Select(o => new Dictionary<string, object?>
        {
            ["indicator"] = o.Indicator.Id,
            ["name_zh"] = o.Indicator.Name.Zh,
            ["name_en"] = o.Indicator.Name.En,
            ["unit"] = o.Indicator.Unit.En,
            ["headline"] = o.Indicator.Headline,
            ["target_year"] = o.Indicator.Target.Year,
            ["direction"] = o.Indicator.Target.Direction == Direction.AtLeast ? "at-least" : "at-most",
            ["target"] = o.Indicator.Target.Value,
            ["probability"] = o.Probability,
            ["ci95_low"] = o.ProbabilityCi95.Lower,
            ["ci95_high"] = o.ProbabilityCi95.Upper,
            ["status"] = StatusWord(o.Status),
            ["median"] = Finite(o.TargetYear.P50),
            ["p5"] = Finite(o.TargetYear.P5),
            ["p95"] = Finite(o.TargetYear.P95),
        }).ToList();
        var trajectories = result.Indicators.SelectMany(o => o.Years.Select(y => new Dictionary<string, object?>
        {
            ["indicator"] = o.Indicator.Id,
            ["year"] = y.Year,
            ["mean"] = Finite(y.Mean),
            ["p5"] = Finite(y.P5),
            ["p25"] = Finite(y.P25),
            ["p50"] = Finite(y.P50),
            ["p75"] = Finite(y.P75),
            ["p95"] = Finite(y.P95),
            ["probability"] = Finite(y.Probability),
        })).ToList();
        var leverRows = levers.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l =>
        {
            int dot = l.Key.IndexOf('.', StringComparison.Ordinal);
            var lever = new Lever(l.Key[..dot], l.Key[(dot + 1)..]);
            return new Dictionary<string, object?> { ["lever"] = l.Key, ["baseline"] = lever.CurrentValue(baseline), ["value"] = l.Value };
        }).ToList();
        foreach (var draw in structures.Where(x => weights.ContainsKey(x.Id)))
            for (int j = 0; j < draw.Names.Count; j++)
                leverRows.Add(new Dictionary<string, object?> { ["lever"] = $"weights:{draw.Id}/{draw.Names[j]}", ["baseline"] = draw.Weights[j], ["value"] = weights[draw.Id]![j] });
        if (leverRows.Count == 0) leverRows.Add(new Dictionary<string, object?> { ["lever"] = "(none: the baseline)", ["baseline"] = null, ["value"] = null });
        var sheets = new Dictionary<string, object>
        {
            ["targets"] = targets,
            ["trajectories"] = trajectories,
            ["levers"] = leverRows,
            ["run"] = new[] { new Dictionary<string, object?> { ["scenario"] = result.Scenario, ["paths"] = result.Paths, ["seed"] = result.Seed.ToString(CultureInfo.InvariantCulture),
                ["all_headline_probability"] = result.AllHeadlineProbability, ["all_headline_ci95_low"] = result.AllHeadlineCi95.Lower, ["all_headline_ci95_high"] = result.AllHeadlineCi95.Upper } },
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The HTML report of <c>forecast report</c>, for the run with the levers set.</summary>
    public static byte[] Report(SimulationResult result, Scenario scenario, ServedScenario served, bool chinese)
    {
        var language = chinese ? PlotLanguage.For("zh", scenario.Indicators).Language : PlotLanguage.English();
        using var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        HtmlReport.Write(w, result, scenario, served.Text, language, PlotSet.Figures(result, language));
        return Encoding.UTF8.GetBytes(w.ToString());
    }

    public static string StatusWord(TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => "on track",
        TargetStatus.AtRisk => "at risk",
        _ => "off track",
    };

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A YAML double-quoted scalar (JSON string escapes are valid YAML).</summary>
    private static string Quote(string s) => JsonSerializer.Serialize(s, Relaxed);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
