using System.Text.Encodings.Web;
using System.Text.Json;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using static Forecast.Runner.Output.JsonNumbers;

namespace Forecast.Runner.Output;

/// <summary>
/// Writes summary.json, the machine-readable contract other tools read: camelCase keys, numbers in
/// shortest round-trip form (culture-independent), null for a value that is not defined; Chinese
/// names are written as UTF-8 text, not escapes.
/// </summary>
internal static class SummaryJsonWriter
{
    /// <param name="stream">Where the JSON goes.</param>
    /// <param name="result">The run.</param>
    /// <param name="repair">What --repair-correlations changed, or null (then no "correlationRepair" key).</param>
    public static void Write(Stream stream, SimulationResult result, CorrelationRepair? repair = null)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("scenario", result.Scenario);
        w.WriteNumber("paths", result.Paths);
        w.WriteNumber("seed", result.Seed);
        w.WriteStartArray("indicators");
        foreach (var o in result.Indicators) WriteIndicator(w, o);
        w.WriteEndArray();
        w.WriteString("intervalMethod", (result.Intervals ?? new IntervalMethod(Engine.Simulation.IntervalUnit.Path, result.Paths)).Name);
        w.WriteNumber("intervalUnits", result.Intervals?.Units ?? result.Paths);
        Number(w, "allTargetsProbability", result.AllTargetsProbability);
        w.WriteStartArray("allTargetsProbabilityCi95");
        w.WriteNumberValue(result.AllTargetsCi95.Lower);
        w.WriteNumberValue(result.AllTargetsCi95.Upper);
        w.WriteEndArray();
        Number(w, "allHeadlineTargetsProbability", result.AllHeadlineProbability);
        w.WriteStartArray("allHeadlineTargetsProbabilityCi95");
        w.WriteNumberValue(result.AllHeadlineCi95.Lower);
        w.WriteNumberValue(result.AllHeadlineCi95.Upper);
        w.WriteEndArray();
        w.WriteStartArray("headlineTargetsMetDistribution");
        foreach (var p in result.HeadlineMetDistribution) w.WriteNumberValue(p);
        w.WriteEndArray();
        if (result.Conditioning is { } c)
        {
            w.WriteStartObject("nowcast");
            w.WriteNumber("observations", c.Observations);
            w.WriteNumber("particles", c.Particles);
            Number(w, "effectiveSampleSize", c.EffectiveSampleSize);
            w.WriteStartArray("bandwidths");
            foreach (double b in c.Bandwidths) w.WriteNumberValue(b);
            w.WriteEndArray();
            if (c.Warning is { } warning) w.WriteString("warning", warning);
            w.WriteEndObject();
        }
        w.WriteStartArray("consistencyFindings");
        foreach (var f in result.Findings)
        {
            w.WriteStartObject();
            w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
            w.WriteStartArray("indicators");
            foreach (var id in f.IndicatorIds) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (repair is not null) CorrelationRepairReport.Write(w, repair);
        w.WriteEndObject();
    }

    private static void WriteIndicator(Utf8JsonWriter w, IndicatorOutcome o)
    {
        var ind = o.Indicator;
        w.WriteStartObject();
        w.WriteString("id", ind.Id);
        w.WriteString("nameZh", ind.Name.Zh);
        w.WriteString("nameEn", ind.Name.En);
        w.WriteString("unit", ind.Unit.En);
        w.WriteBoolean("headline", ind.Headline);
        w.WriteString("model", ind.Model.KindName);
        w.WriteNumber("baseYear", ind.BaseYear);
        Number(w, "baseValue", ind.BaseValue);
        w.WriteNumber("targetYear", ind.Target.Year);
        Number(w, "target", ind.Target.Value);
        w.WriteString("direction", ind.Target.Direction == Direction.AtLeast ? "at-least" : "at-most");
        w.WriteString("period", ind.Target.Period == TargetPeriod.EveryYear ? "every-year" : "target-year");
        Number(w, "probability", o.Probability);
        if (!double.IsNaN(o.ProbabilityAtStart)) Number(w, "probabilityAtStart", o.ProbabilityAtStart);
        w.WriteStartArray("probabilityCi95");
        w.WriteNumberValue(o.ProbabilityCi95.Lower);
        w.WriteNumberValue(o.ProbabilityCi95.Upper);
        w.WriteEndArray();
        Number(w, "effectivePaths", o.EffectivePaths);
        w.WriteString("status", o.Status.Words());
        Number(w, "expectedShortfall", o.ExpectedShortfall);
        w.WriteBoolean("growthPerYear", o.Growth.PerYear);
        Number(w, "requiredAnnualGrowth", o.Growth.RequiredRate);
        Number(w, "historicalAnnualGrowth", o.Growth.HistoricalRate);
        Number(w, "progressRatio", o.Growth.Ratio);
        w.WriteString("progressCategory", Words.Progress(o.Growth.Category));
        if (Engine.Projection.SignalCheck.Why(o) is { } why) w.WriteString("signalsDisagree", why);
        w.WriteStartArray("years");
        foreach (var y in o.Years)
        {
            w.WriteStartObject();
            w.WriteNumber("year", y.Year);
            Number(w, "mean", y.Mean);
            Number(w, "sd", y.Sd);
            Number(w, "p5", y.P5);
            Number(w, "p25", y.P25);
            Number(w, "p50", y.P50);
            Number(w, "p75", y.P75);
            Number(w, "p95", y.P95);
            Number(w, "probability", y.Probability);
            Number(w, "deterministic", y.Deterministic);
            if (y.Variance is { } v)
            {
                // The law of total variance over the paths: model choice + parameters + year-to-year = total.
                w.WriteStartObject("variance");
                Number(w, "total", v.Total);
                Number(w, "modelChoice", v.ModelChoice);
                Number(w, "parameters", v.Parameters);
                Number(w, "yearToYear", v.YearToYear);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
