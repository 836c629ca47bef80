using System.Text.Encodings.Web;
using System.Text.Json;
using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using static Forecast.Runner.Output.JsonNumbers;

namespace Forecast.Runner.Calibration;

/// <summary>
/// Writes calibration.json: per indicator the model, the data used, the estimates with standard errors and 95%
/// intervals, fit statistics, model choice, backtest, identifiability, driver changes, fitted curve, projected
/// fan and warnings. camelCase keys, invariant numbers, null where a value is not defined.
/// </summary>
internal static class CalibrationJsonWriter
{
    public static void Write(Stream stream, ScenarioCalibration calibration, CalibrationRun run, IReadOnlyDictionary<string, IReadOnlyList<YearStatistics>> fans)
    {
        // In Chinese the prose is written as characters, as summary.json and evaluation.json write theirs, so that the file reads
        // as it is; in English the file keeps the escaping it has always had (\u0026 for &), byte for byte with earlier files.
        var options = new JsonWriterOptions { Indented = true, Encoder = Output.Language.IsChinese ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null };
        using var w = new Utf8JsonWriter(stream, options);
        w.WriteStartObject();
        w.WriteString("baseScenario", calibration.Base.Name);
        w.WriteString("baseScenarioFile", run.ScenarioFile);
        w.WriteString("calibratedScenario", calibration.Calibrated.Name);
        w.WriteString("calibratedScenarioFile", run.CalibratedFileName);
        w.WriteStartArray("history");
        foreach (string file in run.HistoryFiles) w.WriteStringValue(file);
        w.WriteEndArray();
        w.WriteString("region", calibration.Options.Region);
        Number(w, "priorVolatility", calibration.Options.StatedVolatility?.Volatility ?? double.NaN);
        w.WriteNumber("backtestHorizon", calibration.Options.BacktestHorizon);
        w.WriteNumber("fanPaths", CalibrationFan.Paths);
        w.WriteStartArray("indicators");
        foreach (IndicatorCalibration c in calibration.Indicators)
        {
            fans.TryGetValue(c.Indicator, out var fan);
            WriteIndicator(w, calibration.Base.Indicator(c.Indicator), c, fan);
        }
        w.WriteEndArray();
        w.WriteStartArray("unusedSeries");
        foreach (string s in calibration.UnusedSeries) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteIndicator(Utf8JsonWriter w, Indicator indicator, IndicatorCalibration c, IReadOnlyList<YearStatistics>? fan)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Indicator);
        w.WriteString("nameZh", indicator.Name.Zh);
        w.WriteString("nameEn", indicator.Name.En);
        w.WriteString("model", c.ModelKind);
        w.WriteString("outcome", Outcome(c.Outcome));
        w.WriteString("method", c.Method);
        w.WriteString("dataSource", c.DataSource);

        w.WriteStartArray("observations");
        foreach (Observation o in c.Observations) WriteObservation(w, o);
        w.WriteEndArray();
        w.WriteStartArray("panel");
        foreach (HistoricalSeries s in c.PanelSeries)
        {
            w.WriteStartObject();
            w.WriteString("region", s.Region);
            w.WriteStartArray("observations");
            foreach (Observation o in s.Observations) WriteObservation(w, o);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("counts");
        foreach (CountObservation x in c.Counts)
        {
            w.WriteStartObject();
            Number(w, "centreYear", x.Year);
            Number(w, "count", x.Count);
            Number(w, "exposureYears", x.ExposureYears);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("parameters");
        foreach (ParameterEstimate p in c.Parameters)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            Number(w, "estimate", p.Estimate);
            Number(w, "standardError", p.StandardError);
            Number(w, "lower95", p.Lower95);
            Number(w, "upper95", p.Upper95);
            w.WriteString("meaning", p.Meaning);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (c.Statistics is { } s1)
        {
            w.WriteStartObject("fitStatistics");
            WriteStatistics(w, s1);
            w.WriteEndObject();
        }
        else w.WriteNull("fitStatistics");

        if (c.Ranking is { } r)
        {
            w.WriteStartObject("modelChoice");
            w.WriteString("bestByAic", r.BestByAic);
            w.WriteString("bestByBic", r.BestByBic);
            w.WriteStartArray("models");
            foreach (RankedModel m in r.Models)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                WriteStatistics(w, m.Statistics);
                Number(w, "deltaAic", m.DeltaAic);
                Number(w, "akaikeWeight", m.AkaikeWeight);
                Number(w, "deltaBic", m.DeltaBic);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Strings(w, "warnings", r.Warnings);
            w.WriteEndObject();
        }
        else w.WriteNull("modelChoice");

        if (c.Backtest is { } b)
        {
            w.WriteStartObject("backtest");
            w.WriteString("model", b.Model);
            w.WriteNumber("forecasts", b.Forecasts.Length);
            Number(w, "mapePercent", b.Mape);
            Number(w, "rmse", b.Rmse);
            Number(w, "coverage50", b.Coverage50);
            Number(w, "coverage90", b.Coverage90);
            w.WriteNumber("intervalCount", b.IntervalCount);
            Strings(w, "warnings", b.Warnings);
            w.WriteEndObject();
        }
        else w.WriteNull("backtest");
        w.WriteString("backtestNote", c.BacktestNote);

        if (c.Identifiability is { } id)
        {
            w.WriteStartObject("identifiability");
            w.WriteString("summary", id.Summary);
            w.WriteStartArray("items");
            foreach (IdentifiabilityItem item in id.Items)
            {
                w.WriteStartObject();
                w.WriteString("quantity", item.Quantity);
                w.WriteBoolean("identified", item.Identified);
                w.WriteString("explanation", item.Explanation);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else w.WriteNull("identifiability");

        w.WriteStartArray("drivers");
        foreach (DriverCalibration d in c.Drivers)
        {
            w.WriteStartObject();
            w.WriteString("id", d.Driver);
            w.WriteString("role", d.Role);
            w.WriteBoolean("calibrated", d.Changed);
            w.WriteString("levelBefore", d.Before.Describe());
            w.WriteString("levelAfter", d.After.Describe());
            Number(w, "levelMeanAfter", d.After.Mean);
            Number(w, "levelLower95After", d.After.Quantile(0.025));
            Number(w, "levelUpper95After", d.After.Quantile(0.975));
            w.WriteString("yearlyBefore", Describe(d.YearlyBefore));
            w.WriteString("yearlyAfter", Describe(d.YearlyAfter));
            w.WriteString("note", d.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("fittedCurve");
        foreach (CurvePoint p in c.FittedCurve)
        {
            w.WriteStartObject();
            w.WriteNumber("year", p.Year);
            Number(w, "value", p.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("projection");
        foreach (YearStatistics y in fan ?? [])
        {
            w.WriteStartObject();
            w.WriteNumber("year", y.Year);
            Number(w, "p5", y.P5);
            Number(w, "p25", y.P25);
            Number(w, "p50", y.P50);
            Number(w, "p75", y.P75);
            Number(w, "p95", y.P95);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        CandidateJson.Write(w, c);
        Strings(w, "warnings", c.Warnings);
        w.WriteEndObject();
    }

    public static string Outcome(CalibrationOutcome outcome) => outcome switch
    {
        CalibrationOutcome.Calibrated => "calibrated",
        CalibrationOutcome.Unchanged => "unchanged",
        _ => "no history",
    };

    public static string Describe(YearlyVariation y) => y.Kind switch
    {
        YearlyVariationKind.None => "none",
        YearlyVariationKind.Poisson => "poisson",
        YearlyVariationKind.Normal => FormattableString.Invariant($"normal(sd {y.Scale})"),
        YearlyVariationKind.Growth => FormattableString.Invariant($"growth(sd {y.Scale})"),
        _ => FormattableString.Invariant($"negbin(dispersion {y.Scale})"),
    };

    private static void WriteObservation(Utf8JsonWriter w, Observation o)
    {
        w.WriteStartObject();
        w.WriteString("region", o.Region);
        w.WriteNumber("year", o.Year);
        Number(w, "value", o.Value);
        w.WriteString("source", o.Source);
        w.WriteEndObject();
    }

    private static void WriteStatistics(Utf8JsonWriter w, FitStatistics s)
    {
        w.WriteNumber("n", s.ObservationCount);
        w.WriteNumber("parameters", s.ParameterCount);
        Number(w, "logLikelihood", s.LogLikelihood);
        Number(w, "aic", double.IsFinite(s.LogLikelihood) ? s.Aic : double.NaN);
        Number(w, "bic", double.IsFinite(s.LogLikelihood) ? s.Bic : double.NaN);
        Number(w, "aicc", double.IsFinite(s.LogLikelihood) ? s.Aicc : double.NaN);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}

/// <summary>The files of a calibration run, for the outputs.</summary>
/// <param name="ScenarioFile">The base scenario file as given.</param>
/// <param name="HistoryFiles">The history files as given.</param>
/// <param name="CalibratedFileName">The calibrated scenario's file name in the output folder.</param>
internal sealed record CalibrationRun(string ScenarioFile, IReadOnlyList<string> HistoryFiles, string CalibratedFileName);
