using System.Text.Json;
using Forecast.Engine.Consistency;
using Forecast.Engine.Model;
using Forecast.Engine.Projection;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;
using Forecast.Scenarios;

namespace Forecast.Runner.Report;

/// <summary>
/// Reads a run's summary.json back into a <see cref="SimulationResult"/>, taking each indicator's
/// definition (names, base, history, model, target) from the scenario the run used. Everything the
/// plots and the report show is in these two files, so <c>forecast report</c> needs no simulation.
/// </summary>
internal static class SummaryJsonReader
{
    /// <summary>Reads <paramref name="json"/> (the text of summary.json, from <paramref name="file"/>) against <paramref name="scenario"/>.</summary>
    /// <exception cref="InputException">The file is not a summary of this scenario.</exception>
    public static SimulationResult Read(string file, string json, Scenario scenario)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            string name = root.GetProperty("scenario").GetString() ?? "";
            if (name != scenario.Name)
                throw Problem(file, $"this summary is of scenario '{name}', but the scenario file is '{scenario.Name}'");
            var outcomes = new List<IndicatorOutcome>();
            foreach (var item in root.GetProperty("indicators").EnumerateArray())
            {
                string id = item.GetProperty("id").GetString() ?? "";
                var indicator = scenario.Indicators.FirstOrDefault(i => i.Id == id)
                    ?? throw Problem(file, $"indicator '{id}' is not in the scenario file; was the scenario changed after the run?");
                var years = item.GetProperty("years").EnumerateArray().Select(y => new YearStatistics(
                    y.GetProperty("year").GetInt32(), Number(y, "mean"), Number(y, "p5"), Number(y, "p25"), Number(y, "p50"),
                    Number(y, "p75"), Number(y, "p95"), Number(y, "probability"), Number(y, "deterministic"),
                    y.TryGetProperty("sd", out _) ? Number(y, "sd") : double.NaN)).ToList();
                var ci = Pair(item.GetProperty("probabilityCi95"));
                outcomes.Add(new IndicatorOutcome(indicator, Number(item, "probability"), ci, Number(item, "expectedShortfall"),
                    years, GrowthAssessment.Of(indicator), EffectivePaths: item.TryGetProperty("effectivePaths", out _) ? Number(item, "effectivePaths") : double.NaN));
            }
            var findings = root.GetProperty("consistencyFindings").EnumerateArray().Select(f => new ConsistencyFinding(
                f.GetProperty("severity").GetString() == "inconsistent" ? FindingSeverity.Inconsistent : FindingSeverity.Tight,
                [.. f.GetProperty("indicators").EnumerateArray().Select(i => i.GetString() ?? "")],
                f.GetProperty("message").GetString() ?? "")).ToList();
            // The file keeps the English sentence only; the numbers that word it in another language come from the same
            // arithmetic on the run's own scenario.
            var checkedNow = Forecast.Engine.Consistency.TargetConsistency.Check(scenario);
            findings = [.. findings.Select(f => f with
            {
                Gap = checkedNow.FirstOrDefault(c => c.Severity == f.Severity && c.IndicatorIds.SequenceEqual(f.IndicatorIds) && c.Message == f.Message)?.Gap,
            })];
            return new SimulationResult(name, root.GetProperty("paths").GetInt64(), root.GetProperty("seed").GetUInt64(), outcomes,
                Number(root, "allHeadlineTargetsProbability"), Pair(root.GetProperty("allHeadlineTargetsProbabilityCi95")),
                [.. root.GetProperty("headlineTargetsMetDistribution").EnumerateArray().Select(e => e.GetDouble())],
                Number(root, "allTargetsProbability"), findings,
                root.TryGetProperty("allTargetsProbabilityCi95", out var all) ? Pair(all) : new Interval(double.NaN, double.NaN),
                root.TryGetProperty("intervalMethod", out var method) ? new IntervalMethod(IntervalMethod.UnitNamed(method.GetString()), root.GetProperty("intervalUnits").GetInt64()) : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Problem(file, "not a summary.json written by forecast run: " + e.Message);
        }
    }

    private static double Number(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : double.NaN;

    private static Interval Pair(JsonElement array)
    {
        var values = array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return values.Length == 2 ? new Interval(values[0], values[1]) : throw new FormatException("an interval needs two numbers");
    }

    private static InputException Problem(string file, string message) => new(new InputError(file, 0, 0, "", message));
}
