using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Forecast.Engine.Consistency;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;
using Forecast.Runner.Output;
using Forecast.Runner.Plots;
using YamlDotNet.RepresentationModel;
using A = Forecast.Runner.Resources.AnalysisStrings;
using S = Forecast.Runner.Resources.Strings;

namespace Forecast.Runner.Report;

/// <summary>
/// report.html: one self-contained file a planner can hand on. It holds the scenario's assumptions
/// (drivers, correlations, indicator models and the scenario file itself), the summary table, every
/// plot (embedded as base64 PNG) and a method note that says how the numbers were computed and how to
/// reproduce them. It loads nothing from anywhere.
/// </summary>
internal static class HtmlReport
{
    /// <summary>The resolution of the embedded PNGs: 1.5× the layout, sharp on high-density screens and in print.</summary>
    public const int ImageDpi = 144;

    /// <summary>Writes the report to <paramref name="path"/> through a temporary file, so that a failure leaves no half-written report.</summary>
    public static void WriteFile(string path, SimulationResult result, Scenario scenario, string scenarioText, PlotLanguage language,
        IReadOnlyList<Figure> figures, IReadOnlyList<ReportSection>? sections = null, CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
                Write(writer, result, scenario, scenarioText, language, figures, sections);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Writes the report of <paramref name="result"/>, a run of <paramref name="scenario"/> read from <paramref name="scenarioText"/>;
    /// <paramref name="sections"/> (an evaluation, say) come after the summary table.
    /// </summary>
    public static void Write(TextWriter writer, SimulationResult result, Scenario scenario, string scenarioText, PlotLanguage language,
        IReadOnlyList<Figure> figures, IReadOnlyList<ReportSection>? sections = null)
    {
        var h = new StringBuilder();
        bool chinese = Language.IsChinese;
        string title = scenario.Title.In(chinese);
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(language.Chinese ? "zh-CN" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");

        h.Append("<header>\n<h1>").Append(E(scenario.Title.Zh)).Append("</h1>\n");
        if (!chinese && scenario.Title.En != scenario.Title.Zh) h.Append("<p class=\"subtitle\">").Append(E(scenario.Title.En)).Append("</p>\n");
        if (Description(scenarioText) is { } description)
            h.Append(chinese && !PlotLanguage.HasCjk(description)
                ? "<p><strong>" + E(A.ReportDescription) + "</strong>" + Quoted("span", description) + "</p>\n"
                : Quoted("p", description) + "\n");
        h.Append("<p class=\"run\">").Append(E(F(S.ReportRunLine, result.Scenario, result.Paths, result.Seed)))
         .Append("</p>\n</header>\n");

        Contents(h, sections ?? []);
        Glance(h, result, scenario);
        SummaryTable(h, result);
        foreach (var section in sections ?? [])
            h.Append("<section id=\"").Append(E(section.Id)).Append("\">\n<h2>").Append(E(section.Title)).Append("</h2>\n").Append(section.Html).Append("</section>\n");
        var byName = figures.ToDictionary(f => f.Name);
        h.Append("<section id=\"overview\">\n<h2>").Append(E(S.ReportOverview)).Append("</h2>\n");
        foreach (string name in new[] { "target-probabilities", "headline-targets-met", "headline-fan-charts" })
            if (byName.TryGetValue(name, out var figure)) Image(h, figure);
        h.Append("</section>\n");
        Indicators(h, result, scenario, byName);
        Assumptions(h, scenario, scenarioText);
        Method(h, result, scenarioText);
        h.Append("</body>\n</html>\n");
        writer.Write(h.ToString());
    }

    private static void Contents(StringBuilder h, IReadOnlyList<ReportSection> sections) =>
        h.Append("<nav><a href=\"#glance\">").Append(E(S.ReportGlance)).Append("</a> · <a href=\"#summary\">").Append(E(S.ReportSummary)).Append("</a> · ")
         .Append(string.Concat(sections.Select(s => "<a href=\"#" + E(s.Id) + "\">" + E(s.Title) + "</a> · ")))
         .Append("<a href=\"#overview\">").Append(E(S.ReportOverview)).Append("</a> · <a href=\"#indicators\">").Append(E(S.ReportIndicators))
         .Append("</a> · <a href=\"#assumptions\">").Append(E(S.ReportAssumptions)).Append("</a> · <a href=\"#method\">").Append(E(S.ReportMethod)).Append("</a></nav>\n");

    private static void Glance(StringBuilder h, SimulationResult result, Scenario scenario)
    {
        int headline = result.HeadlineMetDistribution.Count - 1;
        double mean = result.HeadlineMetDistribution.Select((p, k) => p * k).Sum();
        var counts = result.Indicators.GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count());
        h.Append("<section id=\"glance\">\n<h2>").Append(E(S.ReportGlance)).Append("</h2>\n<ul>\n");
        h.Append("<li>").Append(E(F(S.ReportAllHeadline,
            headline, Numbers.Percent(result.AllHeadlineProbability, 2), Interval(result.AllHeadlineCi95, 2), mean))).Append("</li>\n");
        h.Append("<li>").Append(E(F(S.ReportAllTargets, Numbers.Percent(result.AllTargetsProbability, 2)))).Append("</li>\n");
        h.Append("<li>").Append(E(F(S.ReportStatusCounts,
            counts.GetValueOrDefault(TargetStatus.OnTrack), counts.GetValueOrDefault(TargetStatus.AtRisk), counts.GetValueOrDefault(TargetStatus.OffTrack))))
         .Append("</li>\n");
        h.Append("</ul>\n");
        if (result.Findings.Count > 0)
        {
            h.Append("<h3>").Append(E(S.ReportFindings)).Append("</h3>\n<ul>\n");
            foreach (var f in result.Findings)
                h.Append("<li><strong>").Append(E(f.Severity == FindingSeverity.Inconsistent ? S.ReportInconsistent : S.ReportTight)).Append("</strong> ")
                 .Append(E(Words.Finding(f, scenario))).Append("</li>\n");
            h.Append("</ul>\n");
        }
        h.Append("</section>\n");
    }

    private static void SummaryTable(StringBuilder h, SimulationResult result)
    {
        h.Append("<section id=\"summary\">\n<h2>").Append(E(S.ReportSummary)).Append("</h2>\n<p>").Append(E(S.ReportSummaryIntro)).Append("</p>\n")
         .Append("<table class=\"summary\">\n<thead><tr>")
         .Append(string.Concat(new[] { S.ReportColIndicator, S.ReportColUnit, S.ReportColBase, S.ReportColTarget, S.ReportColGrowth, S.ReportColMedian,
             S.ReportColProbability, S.ReportColInterval, S.ReportColStatus, S.ReportColShortfall }.Select(c => "<th>" + E(c) + "</th>")))
         .Append("</tr></thead>\n<tbody>\n");
        bool headlineSection = true;
        foreach (var o in TargetProbabilityChart.Order(result))
        {
            var i = o.Indicator;
            if (headlineSection && !i.Headline)
            {
                h.Append("<tr class=\"group\"><td colspan=\"10\">").Append(E(S.ReportOtherTargets)).Append("</td></tr>\n");
                headlineSection = false;
            }
            var t = o.TargetYear;
            string status = o.Status switch { TargetStatus.OnTrack => "on", TargetStatus.AtRisk => "risk", _ => "off" };
            h.Append("<tr><td><a href=\"#ind-").Append(E(i.Id)).Append("\">").Append(E(i.Name.Zh)).Append("</a>")
             .Append(Language.IsChinese ? "" : "<br><span class=\"en\">" + E(i.Name.En) + "</span>").Append("</td>")
             .Append("<td>").Append(E(i.Unit.In(Language.IsChinese))).Append("</td>")
             .Append("<td class=\"n\">").Append(E(Numbers.Human(i.BaseValue))).Append(" (").Append(i.BaseYear.ToString(CultureInfo.InvariantCulture)).Append(")</td>")
             .Append("<td class=\"n\">").Append(E(TargetText(i))).Append("</td>")
             .Append("<td class=\"n\">").Append(E(Growth(o))).Append("</td>")
             .Append("<td class=\"n\">").Append(E(F("{0} ({1}-{2})", Numbers.Human(t.P50), Numbers.Human(t.P5), Numbers.Human(t.P95)))).Append("</td>")
             .Append("<td class=\"n\">").Append(E(Numbers.Percent(o.Probability))).Append("</td>")
             .Append("<td class=\"n\">").Append(E(Interval(o.ProbabilityCi95, 1))).Append("</td>")
             .Append("<td class=\"status ").Append(status).Append("\">").Append(E(Words.Status(o.Status))).Append("</td>")
             .Append("<td class=\"n\">").Append(E(Numbers.Human(o.ExpectedShortfall))).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Indicators(StringBuilder h, SimulationResult result, Scenario scenario, Dictionary<string, Figure> figures)
    {
        h.Append("<section id=\"indicators\">\n<h2>").Append(E(S.ReportIndicators)).Append("</h2>\n<p>").Append(E(S.ReportIndicatorsIntro)).Append("</p>\n");
        foreach (var o in TargetProbabilityChart.Order(result))
        {
            var i = o.Indicator;
            h.Append("<article id=\"ind-").Append(E(i.Id)).Append("\">\n<h3>").Append(E(i.Name.Zh)).Append(Language.IsChinese ? "" : " · " + E(i.Name.En)).Append("</h3>\n<p>")
             .Append(E(F(S.ReportTargetSentence, ModelText(i, scenario), TargetText(i))));
            if (i.Target.Source is { } source) h.Append(Language.IsChinese ? "（" : " (").Append(Quoted("span", source)).Append(Language.IsChinese ? "）" : ")");
            h.Append(E(F(S.ReportProbabilitySentence, Numbers.Percent(o.Probability), Interval(o.ProbabilityCi95, 1), Words.Status(o.Status))));
            if (i.Note is { } note) h.Append(' ').Append(Quoted("span", note));
            h.Append("</p>\n<div class=\"pair\">\n");
            string id = PlotSet.FileSafe(i.Id);
            if (figures.TryGetValue("fan-" + id, out var fan)) Image(h, fan);
            if (figures.TryGetValue("distribution-" + id, out var distribution)) Image(h, distribution);
            h.Append("</div>\n</article>\n");
        }
        h.Append("</section>\n");
    }

    private static void Assumptions(StringBuilder h, Scenario scenario, string scenarioText)
    {
        bool chinese = Language.IsChinese;
        h.Append("<section id=\"assumptions\">\n<h2>").Append(E(S.ReportAssumptions)).Append("</h2>\n<h3>").Append(E(A.ReportDrivers)).Append("</h3>\n")
         .Append("<p>").Append(E(A.ReportDriversIntro)).Append("</p>\n<table>\n<thead><tr>")
         .Append(Headers(A.ReportColDriver, A.ReportColLevel, A.ReportColYearly, A.ReportColWhy)).Append("</tr></thead>\n<tbody>\n");
        foreach (var d in scenario.Drivers)
        {
            h.Append("<tr><td>").Append(E(d.Name.Zh)).Append(chinese ? "" : "<br><span class=\"en\">" + E(d.Name.En) + "</span>").Append("<br><code>").Append(E(d.Id))
             .Append("</code></td><td>").Append(E(AnalysisWords.Distribution(d.Level)));
            foreach (var change in d.LevelChanges)
                h.Append("<br>").Append(E(F(A.ReportLevelFrom, change.FromYear, AnalysisWords.Distribution(change.Level))));
            h.Append("</td><td>").Append(E(AnalysisWords.Yearly(d.Yearly))).Append("</td>").Append(Quoted("td", d.Note ?? "")).Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        if (scenario.Correlations.Count > 0)
        {
            h.Append("<h3>").Append(E(A.ReportCorrelations)).Append("</h3>\n<table>\n<thead><tr>")
             .Append(Headers(A.ReportColOf, A.ReportColFirst, A.ReportColSecond, "ρ")).Append("</tr></thead>\n<tbody>\n");
            foreach (var c in scenario.Correlations)
                h.Append("<tr><td>").Append(E(c.Scope == CorrelationScope.Levels ? A.ReportLevels : A.ReportShocks))
                 .Append("</td><td>").Append(Member(scenario, c.First)).Append("</td><td>").Append(Member(scenario, c.Second))
                 .Append("</td><td class=\"n\">").Append(E(c.Rho.ToString("0.###", CultureInfo.InvariantCulture))).Append("</td></tr>\n");
            h.Append("</tbody>\n</table>\n");
        }
        h.Append("<h3>").Append(E(A.ReportIndicatorTable)).Append("</h3>\n<table>\n<thead><tr>")
         .Append(Headers(S.ReportColIndicator, A.ReportColModel, S.ReportColBase, A.ReportColHistory, S.ReportColTarget)).Append("</tr></thead>\n<tbody>\n");
        foreach (var i in scenario.Indicators)
        {
            string history = string.Join("; ", i.HistoryPoints.Select(p =>
                E((p.Years > 1 ? F(A.ReportPeriodTotal, p.Year - p.Years + 1, p.Year) : p.Year.ToString(CultureInfo.InvariantCulture)) + ": " + Numbers.Human(p.Value))
                + (p.Source is null ? "" : " (" + Quoted("span", p.Source) + ")")));
            h.Append("<tr><td>").Append(E(i.Name.In(chinese))).Append("<br><code>").Append(E(i.Id)).Append("</code></td><td>").Append(E(ModelText(i, scenario)))
             .Append("</td><td class=\"n\">").Append(E(F("{0} ({1})", Numbers.Human(i.BaseValue), i.BaseYear))).Append("</td><td>").Append(history)
             .Append("</td><td>").Append(E(TargetText(i))).Append(i.Target.Source is null ? "" : " (" + Quoted("span", i.Target.Source) + ")").Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        h.Append("<details>\n<summary>").Append(E(A.ReportScenarioFile)).Append("</summary>\n<pre class=\"quoted\">").Append(E(scenarioText)).Append("</pre>\n</details>\n</section>\n");
    }

    private static string Headers(params string[] titles) => string.Concat(titles.Select(t => "<th>" + E(t) + "</th>"));

    /// <summary>
    /// Text quoted as written from an input file (a scenario's notes and sources, an actuals file's notes): it is in the
    /// file author's language, so it is marked as a quotation (class "quoted", and lang="en" when it has no Chinese).
    /// </summary>
    internal static string Quoted(string tag, string text) =>
        "<" + tag + " class=\"quoted\"" + (PlotLanguage.HasCjk(text) || text.Length == 0 ? "" : " lang=\"en\"") + ">" + E(text) + "</" + tag + ">";

    /// <summary>A correlation's member by name, as HTML: a driver ("R&amp;D intensity") or one of its trend's parameters ("... (rate)", the parameter's id as code).</summary>
    private static string Member(Scenario scenario, string member)
    {
        int dot = member.IndexOf('.');
        string id = dot < 0 ? member : member[..dot];
        var driver = scenario.Drivers.FirstOrDefault(d => d.Id == id);
        if (driver is null) return "<code>" + E(member) + "</code>";
        string name = E(driver.Name.In(Language.IsChinese));
        return dot < 0 ? name : name + " (<code>" + E(member[(dot + 1)..]) + "</code>)";
    }

    private static void Method(StringBuilder h, SimulationResult result, string scenarioText)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scenarioText)));
        string version = typeof(HtmlReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? A.UnknownVersion;
        h.Append("<section id=\"method\">\n<h2>").Append(E(S.ReportMethod)).Append("</h2>\n<ul>\n")
         .Append(Li(F(A.MethodMonteCarlo, result.Paths, result.Seed)))
         .Append("<li><code>").Append(E(F("forecast run scenario.yaml --paths {0} --seed {1}", result.Paths, result.Seed))).Append("</code> ")
         .Append(E(F(A.MethodHash, hash, version))).Append("</li>\n")
         .Append(Li(A.MethodDrivers))
         .Append(Li(A.MethodIndicators))
         .Append(Li(A.MethodProbability + IntervalNote(result.Intervals)))
         .Append(Li(A.MethodStatus))
         .Append(Li(A.MethodPercentiles))
         .Append(Li(A.MethodHowMany))
         .Append(Li(A.MethodDistributions))
         .Append("</ul>\n</section>\n");
    }

    /// <summary>How the intervals of a run whose paths are not independent were computed.</summary>
    private static string IntervalNote(IntervalMethod? method) => method is { Unit: not IntervalUnit.Path }
        ? F(A.MethodIntervalNote,
            method.Unit switch
            {
                IntervalUnit.AntitheticPair => A.SamplingAntithetic, IntervalUnit.Block => A.SamplingHypercube,
                IntervalUnit.ParameterDraws => A.SamplingNowcast, _ => A.SamplingSobol,
            },
            method.Units - 1, method.Units, Words.Units(method.Unit))
        : "";

    internal static void Image(StringBuilder h, Figure figure)
    {
        string png = Convert.ToBase64String(FigureWriter.Png(figure, ImageDpi));
        h.Append("<figure><img src=\"data:image/png;base64,").Append(png).Append("\" width=\"").Append(figure.Width.ToString(CultureInfo.InvariantCulture))
         .Append("\" alt=\"").Append(E(figure.Caption)).Append("\"><figcaption>").Append(E(figure.Caption)).Append("</figcaption></figure>\n");
    }

    private static string ModelText(Indicator i, Scenario scenario) => AnalysisWords.WithStructureNames(i.Model.Describe(id =>
        scenario.Drivers.FirstOrDefault(d => d.Id == id)?.Name ?? scenario.Indicators.FirstOrDefault(x => x.Id == id)?.Name ?? LocalizedText.Both(id), i).In(Language.IsChinese));

    private static string TargetText(Indicator i)
    {
        var t = i.Target;
        string sign = t.Direction == Direction.AtLeast ? "≥" : "≤";
        return t.Period == TargetPeriod.EveryYear
            ? F(S.ReportTargetEveryYear, sign, Numbers.Human(t.Value), i.BaseYear + 1, t.Year)
            : F(S.ReportTargetIn, sign, Numbers.Human(t.Value), t.Year);
    }

    private static string Growth(IndicatorOutcome o)
    {
        var g = o.Growth;
        string Rate(double r) => double.IsNaN(r) ? "-" : (g.PerYear ? Numbers.Human(r) : Numbers.Percent(r)) + S.ReportPerYear;
        return double.IsNaN(g.HistoricalRate) ? Rate(g.RequiredRate) : Rate(g.RequiredRate) + " / " + Rate(g.HistoricalRate);
    }

    private static string Interval(Interval ci, int decimals) =>
        Numbers.Percent(ci.Lower, decimals).TrimEnd('%') + "-" + Numbers.Percent(ci.Upper, decimals);

    /// <summary>The scenario file's top-level description, if it has one.</summary>
    internal static string? Description(string scenarioText)
    {
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(scenarioText));
            if (yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("description"), out var node) && node is YamlScalarNode { Value: { } text })
                return text;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            // The scenario was read and validated before; a description that cannot be found is simply left out.
        }
        return null;
    }

    private static string Li(string text) => "<li>" + E(text) + "</li>\n";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private const string Css = """
        body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "DejaVu Sans", Arial, sans-serif; max-width: 1200px; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.45; }
        h1 { font-size: 1.7em; margin-bottom: 0.1em; } .subtitle { font-size: 1.2em; margin-top: 0; color: #333; } .run { color: #555; }
        nav { margin: 1em 0; padding: 0.5em 0; border-top: 1px solid #ccc; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; } th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
        th { background: #eee; } td.n { text-align: right; white-space: nowrap; } .en { color: #444; font-size: 0.9em; } tr.group td { background: #f4f4f4; font-weight: bold; }
        td.status { white-space: nowrap; } td.name { min-width: 8em; } td.quoted { font-size: 0.85em; overflow-wrap: anywhere; min-width: 12em; } td.status.on { background: #cdeee3; } td.status.risk { background: #fbe7bd; } td.status.off { background: repeating-linear-gradient(135deg, #f6cdb3, #f6cdb3 6px, #fff 6px, #fff 9px); }
        figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #ddd; } figcaption { color: #444; font-size: 0.9em; }
        .pair { display: flex; flex-wrap: wrap; gap: 1em; } .pair figure { flex: 1 1 540px; }
        pre { white-space: pre-wrap; font-size: 0.8em; background: #f7f7f7; padding: 1em; } code { font-size: 0.95em; }
        @media print { nav { display: none; } article, figure, tr { break-inside: avoid; } }
        """;
}
