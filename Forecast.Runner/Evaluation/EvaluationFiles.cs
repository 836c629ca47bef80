using System.Globalization;
using System.Text.Json;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Statistics;
using Forecast.Runner.Output;
using static Forecast.Runner.Output.JsonNumbers;

namespace Forecast.Runner.Evaluation;

/// <summary>evaluation.json and evaluation.csv (invariant culture, numbers in shortest round-trip form, null or empty where not defined).</summary>
internal static class EvaluationFiles
{
    /// <summary>What was evaluated against what.</summary>
    public sealed record Context(RunFolder Run, IReadOnlyList<string> ActualsFiles, string? Region, IReadOnlyDictionary<string, string> Mappings);

    public static string Bound(ActualBound bound) => bound switch
    {
        ActualBound.AtLeast => "at-least",
        ActualBound.AtMost => "at-most",
        _ => "",
    };

    public static string Position(BandPosition p) => p switch
    {
        BandPosition.Inside => "inside",
        BandPosition.Below => "below",
        BandPosition.Above => "above",
        _ => "undecided",
    };

    public static string Outcome(TargetOutcome o) => o switch
    {
        TargetOutcome.Met => "met",
        TargetOutcome.Missed => "missed",
        _ => "undecided",
    };

    public static string Reason(NotScoredReason r) => r switch
    {
        NotScoredReason.OtherRegion => "other-region",
        NotScoredReason.NotInForecast => "not-in-forecast",
        NotScoredReason.BaseYearOrEarlier => "base-year-or-earlier",
        _ => "after-forecast",
    };

    public static void Json(Utf8JsonWriter w, ForecastEvaluation e, Context c)
    {
        w.WriteStartObject();
        w.WriteStartObject("run");
        w.WriteString("folder", c.Run.Folder);
        w.WriteString("scenario", c.Run.Result.Scenario);
        w.WriteNumber("paths", c.Run.Result.Paths);
        w.WriteNumber("seed", c.Run.Result.Seed);
        w.WriteNumber("distributionFormatVersion", RunDistribution.FormatVersion);
        w.WriteEndObject();
        w.WriteStartArray("actualsFiles");
        foreach (string f in c.ActualsFiles) w.WriteStringValue(f);
        w.WriteEndArray();
        if (c.Region is null) w.WriteNull("region");
        else w.WriteString("region", c.Region);
        w.WriteStartObject("mappings");
        foreach (var (from, to) in c.Mappings) w.WriteString(from, to);
        w.WriteEndObject();

        w.WriteStartArray("scored");
        foreach (var s in e.Scored)
        {
            w.WriteStartObject();
            w.WriteString("indicator", s.IndicatorId);
            w.WriteString("actualIndicator", s.Actual.Indicator);
            w.WriteBoolean("mapped", s.Mapped);
            WriteActual(w, s.Actual);
            w.WriteBoolean("duplicate", s.Duplicate);
            Number(w, "median", s.Median);
            Pair(w, "band50", s.Band50);
            Pair(w, "band90", s.Band90);
            Number(w, "pit", s.Pit.Mid);
            Pair(w, "pitInterval", new Interval(s.Pit.Lower, s.Pit.Upper));
            w.WriteString("in50", Position(s.In50));
            w.WriteString("in90", Position(s.In90));
            Number(w, "crps", s.Crps);
            Number(w, "expectedCrps", s.ExpectedCrps);
            Number(w, "crpsRatio", s.CrpsRatio);
            Number(w, "intervalScore90", s.IntervalScore);
            w.WriteBoolean("scoresAreLowerBounds", s.ScoresAreBounds);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("notScored");
        foreach (var n in e.NotScored)
        {
            w.WriteStartObject();
            w.WriteString("actualIndicator", n.Actual.Indicator);
            WriteActual(w, n.Actual);
            w.WriteString("reason", Reason(n.Reason));
            w.WriteString("explanation", n.Explanation);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("targets");
        foreach (var t in e.Targets)
        {
            w.WriteStartObject();
            w.WriteString("indicator", t.IndicatorId);
            w.WriteNumber("targetYear", t.Target.Year);
            Number(w, "target", t.Target.Value);
            w.WriteString("direction", t.Target.Direction == Direction.AtLeast ? "at-least" : "at-most");
            w.WriteString("period", t.Target.Period == TargetPeriod.EveryYear ? "every-year" : "target-year");
            Number(w, "probability", t.Probability);
            w.WriteString("outcome", Outcome(t.Outcome));
            Number(w, "brier", t.Brier);
            w.WriteString("explanation", t.Explanation);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartObject("summary");
        w.WriteNumber("scored", e.Scored.Count);
        w.WriteNumber("exact", e.Scored.Count(s => !s.ScoresAreBounds));
        w.WriteNumber("bounds", e.Scored.Count(s => s.ScoresAreBounds));
        w.WriteNumber("notScored", e.NotScored.Count);
        Coverage(w, "coverage50", e.Coverage50);
        Coverage(w, "coverage90", e.Coverage90);
        Number(w, "meanCrpsRatio", e.MeanCrpsRatio);
        w.WriteStartArray("byIndicator");
        foreach (var b in e.ByIndicator)
        {
            w.WriteStartObject();
            w.WriteString("indicator", b.IndicatorId);
            w.WriteNumber("exact", b.Count);
            Number(w, "meanCrps", b.MeanCrps);
            Number(w, "meanCrpsRatio", b.MeanCrpsRatio);
            Number(w, "meanIntervalScore90", b.MeanIntervalScore);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Number(w, "brier", e.Brier);
        w.WriteNumber("targetsDecided", e.TargetsDecided);
        w.WriteStartObject("pitHistogram");
        w.WriteNumber("bins", ForecastEvaluator.PitBins);
        w.WriteStartArray("weights");
        foreach (double b in e.PitHistogram) w.WriteNumberValue(b);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteActual(Utf8JsonWriter w, Actual a)
    {
        w.WriteNumber("year", a.Year);
        Number(w, "value", a.Value);
        w.WriteString("bound", a.Bound == ActualBound.Exact ? "exact" : Bound(a.Bound));
        Text(w, "region", a.Region);
        Text(w, "unit", a.Unit);
        Text(w, "note", a.Note);
        Text(w, "source", a.Source);
        w.WriteString("file", a.File);
        w.WriteNumber("line", a.Line);
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void Coverage(Utf8JsonWriter w, string name, BandCoverage c)
    {
        w.WriteStartObject(name);
        w.WriteNumber("nominal", c.Nominal);
        w.WriteNumber("inside", c.Inside);
        w.WriteNumber("exact", c.Count);
        Number(w, "share", c.Share);
        Pair(w, "shareCi95", c.Ci95);
        w.WriteNumber("boundsOutside", c.BoundsOutside);
        w.WriteNumber("boundsUndecided", c.BoundsUndecided);
        w.WriteEndObject();
    }

    public static void Csv(TextWriter w, ForecastEvaluation e)
    {
        w.Write(AnalysisWords.CsvHeader("indicator,actual_indicator,year,value,bound,region,scored,reason,duplicate,median,p5,p25,p75,p95,pit,pit_low,pit_high,in50,in90,crps,expected_crps,crps_ratio,interval_score90,scores_are_lower_bounds,note,source,file,line"));
        foreach (var s in e.Scored)
        {
            var a = s.Actual;
            w.Write(string.Join(',', s.IndicatorId, a.Indicator, I(a.Year), C(a.Value), Bound(a.Bound), T(a.Region), "true", "", s.Duplicate ? "true" : "false",
                C(s.Median), C(s.Band90.Lower), C(s.Band50.Lower), C(s.Band50.Upper), C(s.Band90.Upper), C(s.Pit.Mid), C(s.Pit.Lower), C(s.Pit.Upper),
                Position(s.In50), Position(s.In90), C(s.Crps), C(s.ExpectedCrps), C(s.CrpsRatio), C(s.IntervalScore), s.ScoresAreBounds ? "true" : "false",
                T(a.Note), T(a.Source), T(a.File), I(a.Line)));
            w.Write('\n');
        }
        foreach (var n in e.NotScored)
        {
            var a = n.Actual;
            w.Write(string.Join(',', "", a.Indicator, I(a.Year), C(a.Value), Bound(a.Bound), T(a.Region), "false", Reason(n.Reason), "",
                "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", T(a.Note), T(a.Source), T(a.File), I(a.Line)));
            w.Write('\n');
        }
    }

    private static string C(double x) => Numbers.Csv(x);
    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);
    private static string T(string? s) => s is null ? "" : Numbers.CsvText(s);
}
