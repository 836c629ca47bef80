using System.Globalization;
using System.Text;
using System.Text.Json;
using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Targets;
using Forecast.Runner.Output;
using static Forecast.Runner.Output.JsonNumbers;

namespace Forecast.Runner.Targets;

/// <summary>targets.json, targets.csv and the what-if overlays that set the targets found (invariant culture, shortest round-trip numbers).</summary>
internal static class TargetsFiles
{
    /// <summary>"p80" for 0.8, "p95" for 0.95, "p87.5" for 0.875.</summary>
    public static string Tag(double p) => "p" + (p * 100).ToString("0.##", CultureInfo.InvariantCulture);

    private static string C(double x) => Numbers.Csv(x);
    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public static void Json(Utf8JsonWriter w, TargetSettingResult r)
    {
        w.WriteStartObject();
        w.WriteString("scenario", r.Scenario);
        w.WriteNumber("paths", r.Paths);
        w.WriteNumber("seed", r.Seed);
        Number(w, "probability", r.Probability);
        w.WriteStartArray("probabilities");
        foreach (double p in r.Probabilities) w.WriteNumberValue(p);
        w.WriteEndArray();
        w.WriteStartArray("indicators");
        foreach (var i in r.Indicators)
        {
            var ind = i.Indicator;
            w.WriteStartObject();
            w.WriteString("id", ind.Id);
            w.WriteNumber("baseYear", ind.BaseYear);
            Number(w, "baseValue", ind.BaseValue);
            w.WriteNumber("targetYear", ind.Target.Year);
            w.WriteString("direction", ind.Target.Direction == Direction.AtLeast ? "at-least" : "at-most");
            w.WriteString("period", ind.Target.Period == TargetPeriod.EveryYear ? "every-year" : "target-year");
            Number(w, "currentTarget", ind.Target.Value);
            Number(w, "currentProbability", i.CurrentProbability);
            w.WriteStartArray("reachable");
            foreach (var t in i.Targets) Reachable(w, t);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (r.Joint is { } j)
        {
            w.WriteStartObject("joint");
            Number(w, "probability", j.Probability);
            w.WriteString("rule", Resources.AnalysisStrings.TargetsJsonRule);
            Number(w, "marginalProbability", j.MarginalProbability);
            Number(w, "ambition", j.Ambition);
            Number(w, "achieved", j.Achieved);
            Pair(w, "achievedCi95", j.AchievedCi95);
            Number(w, "ownTargetsTogether", j.MarginalTargetsTogether);
            w.WriteStartArray("targets");
            foreach (var t in j.Targets) Reachable(w, t);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("joint");
        }
        w.WriteEndObject();
    }

    private static void Reachable(Utf8JsonWriter w, ReachableTarget t)
    {
        w.WriteStartObject();
        w.WriteString("id", t.IndicatorId);
        Number(w, "probability", t.Probability);
        Number(w, "target", t.Value);
        Pair(w, "targetCi95", t.Ci95);
        Number(w, "achieved", t.Achieved);
        w.WriteBoolean("growthPerYear", t.Growth.PerYear);
        Number(w, "impliedAnnualGrowth", t.Growth.RequiredRate);
        Number(w, "historicalAnnualGrowth", t.Growth.HistoricalRate);
        Number(w, "progressRatio", t.Growth.Ratio);
        w.WriteString("progressCategory", Words.Progress(t.Growth.Category));
        w.WriteEndObject();
    }

    public static void Csv(TextWriter w, TargetSettingResult r)
    {
        w.Write(AnalysisWords.CsvHeader("indicator,set,base_year,base_value,target_year,direction,period,current_target,current_probability,probability,target,target_ci95_low,target_ci95_high,achieved,implied_growth,historical_growth,growth_per_year,progress"));
        void Row(IndicatorTargets i, string set, ReachableTarget t)
        {
            var ind = i.Indicator;
            w.Write(string.Join(',', ind.Id, set, ind.BaseYear.ToString(CultureInfo.InvariantCulture), C(ind.BaseValue), ind.Target.Year.ToString(CultureInfo.InvariantCulture),
                ind.Target.Direction == Direction.AtLeast ? "at-least" : "at-most", ind.Target.Period == TargetPeriod.EveryYear ? "every-year" : "target-year",
                C(ind.Target.Value), C(i.CurrentProbability), C(t.Probability), C(t.Value), C(t.Ci95.Lower), C(t.Ci95.Upper), C(t.Achieved),
                C(t.Growth.RequiredRate), C(t.Growth.HistoricalRate), t.Growth.PerYear ? "true" : "false", Numbers.CsvText(Words.Progress(t.Growth.Category))));
            w.Write('\n');
        }
        foreach (var i in r.Indicators)
            foreach (var t in i.Targets) Row(i, "own", t);
        if (r.Joint is { } j)
            foreach (var t in j.Targets) Row(r.Indicators.First(i => i.Indicator.Id == t.IndicatorId), "joint", t);
    }

    /// <summary>
    /// A what-if overlay of <paramref name="scenarioFile"/> (written into <paramref name="folder"/>, the base path relative to it)
    /// that sets <paramref name="targets"/> and the run's paths and seed, so that <c>forecast run</c> on it shows their probabilities.
    /// </summary>
    public static string Overlay(string scenarioFile, string folder, string name, Forecast.Engine.Model.LocalizedText title, TargetSettingResult r,
        IEnumerable<ReachableTarget> targets, string why)
    {
        string basePath = Path.GetRelativePath(folder, Path.GetFullPath(scenarioFile)).Replace('\\', '/');
        var y = new StringBuilder();
        y.Append("# ").Append(why).Append('\n');
        y.Append("# ").Append(Words.F(Resources.AnalysisStrings.TargetsOverlayWrittenBy, scenarioFile, R(r.Probability), r.Paths, r.Seed)).Append('\n');
        y.Append("# ").Append(Resources.AnalysisStrings.TargetsOverlayRunIt).Append('\n');
        y.Append("base: ").Append(Quote(basePath)).Append('\n');
        y.Append("name: ").Append(Quote(name)).Append('\n');
        y.Append("title: {zh: ").Append(Quote(title.Zh)).Append(", en: ").Append(Quote(title.En)).Append("}\n");
        y.Append("run: {paths: ").Append(r.Paths.ToString(CultureInfo.InvariantCulture)).Append(", seed: ").Append(r.Seed.ToString(CultureInfo.InvariantCulture)).Append("}\n");
        y.Append("indicators:\n");
        foreach (var t in targets)
            y.Append("  ").Append(t.IndicatorId).Append(":\n    target: {value: ").Append(R(t.Value)).Append(", source: ")
             .Append(Quote(Words.F(Resources.AnalysisStrings.TargetsOverlaySource, Numbers.Percent(t.Achieved), Numbers.Percent(t.Probability)))).Append("}\n");
        return y.ToString();
    }

    /// <summary>A YAML double-quoted scalar (JSON string escapes are valid YAML).</summary>
    private static string Quote(string s) => JsonSerializer.Serialize(s, Relaxed);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The growth a target implies, for the console: "8.2%/yr" or "+66/yr".</summary>
    public static string Growth(GrowthAssessment g)
    {
        string Rate(double r) => double.IsNaN(r) ? "-" : (g.PerYear ? (r >= 0 ? "+" : "") + Numbers.Human(r) : Numbers.Percent(r)) + Resources.AnalysisStrings.PerYearSuffix;
        return Rate(g.RequiredRate);
    }
}
