using System.Globalization;
using System.Text;
using System.Text.Json;
using Forecast.Engine.Sensitivity;
using Forecast.Engine.Statistics;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;
using Forecast.Runner.Resources;
using static Forecast.Runner.Output.JsonNumbers;

namespace Forecast.Runner.WhatIf;

/// <summary>
/// The files of the what-if commands, all under the invariant culture, numbers in shortest round-trip form and
/// empty (CSV) or null (JSON) where a value is not defined: compare.csv and compare.json; sweep.csv; goal.csv and
/// goal.json; tornado.csv, sobol.csv and spearman.csv.
/// </summary>
/// <remarks>
/// As run's CSV files (<see cref="CsvWriters"/>): the header row is in the invocation's language (<c>Csv_*</c> of
/// <see cref="WhatIfStrings"/>, else of <see cref="Strings"/>), ids (indicator, driver, lever, scenario) stay as columns,
/// and rates, probabilities and variance shares stay fractions, their headers saying so. The JSON files keep their keys.
/// </remarks>
internal static class WhatIfFiles
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public static void Write(OutputFolder folder, string name, Action<TextWriter> write)
    {
        using var w = new StreamWriter(folder.StagedFile(name), false, Utf8);
        write(w);
    }

    public static void WriteJson(OutputFolder folder, string name, Action<Utf8JsonWriter> write)
    {
        using var stream = File.Create(folder.StagedFile(name));
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        write(w);
    }

    /// <summary>The header line for the comma-separated column keys, in the invocation's language.</summary>
    public static string Header(string keys) =>
        string.Join(',', keys.Split(',').Select(key => Numbers.CsvText(
            WhatIfStrings.ResourceManager.GetString("Csv_" + key, CultureInfo.CurrentUICulture)
            ?? Strings.ResourceManager.GetString("Csv_" + key, CultureInfo.CurrentUICulture) ?? key))) + "\n";

    private static string C(double x) => Numbers.Csv(x);
    private static string C(long x) => x.ToString(CultureInfo.InvariantCulture);

    // --- compare ---------------------------------------------------------------------------------

    public static void ComparisonCsv(TextWriter w, ComparisonResult r)
    {
        w.Write(Header("indicator,scenario,reference,target_year,target,probability,ci95_low,ci95_high,median,probability_difference,difference_ci95_low,difference_ci95_high,paths_gained,paths_lost,median_difference,median_difference_ci95_low,median_difference_ci95_high"));
        foreach (var t in r.Targets.Append(r.AllTargets).Append(r.AllHeadlineTargets))
        {
            for (int s = 0; s < t.Outcomes.Count; s++)
            {
                var o = t.Outcomes[s];
                var ci = o.Probability.Ci95;
                string year = o.Target is null ? "" : C(o.Target.Year);
                string target = o.Target is null ? "" : C(o.Target.Value);
                string diff = ",,,,,,,";
                if (s > 0)
                {
                    var d = t.Differences[s - 1];
                    diff = string.Join(',', C(d.ProbabilityDifference), C(d.ProbabilityDifferenceCi95.Lower), C(d.ProbabilityDifferenceCi95.Upper),
                        C(d.Gained), C(d.Lost), C(d.MedianDifference), C(d.MedianDifferenceCi95.Lower), C(d.MedianDifferenceCi95.Upper));
                }
                w.Write(string.Join(',', t.Id, Numbers.CsvText(o.Scenario), Numbers.CsvText(r.Scenarios[0]), year, target,
                    C(o.Probability.Value), C(ci.Lower), C(ci.Upper), C(o.Median), diff));
                w.Write('\n');
            }
        }
    }

    public static void ComparisonJson(Utf8JsonWriter w, ComparisonResult r)
    {
        w.WriteStartObject();
        w.WriteStartArray("scenarios");
        foreach (var s in r.Scenarios) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteNumber("paths", r.Paths);
        w.WriteNumber("seed", r.Seed);
        w.WriteNumber("sections", r.Sections);
        w.WriteStartArray("targets");
        foreach (var t in r.Targets.Append(r.AllTargets).Append(r.AllHeadlineTargets))
        {
            w.WriteStartObject();
            w.WriteString("id", t.Id);
            w.WriteString("name", t.Name.En);
            w.WriteStartArray("outcomes");
            foreach (var o in t.Outcomes)
            {
                w.WriteStartObject();
                w.WriteString("scenario", o.Scenario);
                Number(w, "probability", o.Probability.Value);
                Pair(w, "probabilityCi95", o.Probability.Ci95);
                Number(w, "median", o.Median);
                if (o.Target is null) { w.WriteNull("targetYear"); w.WriteNull("target"); }
                else { w.WriteNumber("targetYear", o.Target.Year); Number(w, "target", o.Target.Value); }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("differences");
            foreach (var d in t.Differences)
            {
                w.WriteStartObject();
                w.WriteString("scenario", d.Scenario);
                w.WriteString("reference", d.Reference);
                Number(w, "probabilityDifference", d.ProbabilityDifference);
                Pair(w, "probabilityDifferenceCi95", d.ProbabilityDifferenceCi95);
                w.WriteNumber("pathsGained", d.Gained);
                w.WriteNumber("pathsLost", d.Lost);
                Number(w, "medianDifference", d.MedianDifference);
                Pair(w, "medianDifferenceCi95", d.MedianDifferenceCi95);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("leftOut");
        foreach (var id in r.LeftOut) w.WriteStringValue(id);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // --- sweep -----------------------------------------------------------------------------------

    /// <param name="w">Where the file goes.</param>
    /// <param name="r">The sweep.</param>
    /// <param name="scenario">The scenario swept: a lever that sets a rate says in its header that its values are fractions.</param>
    public static void SweepCsv(TextWriter w, SweepResult r, Forecast.Engine.Model.Scenario scenario)
    {
        string levers = string.Join(',', r.Axes.Select(a => Numbers.CsvText(WhatIfConsole.IsRateLever(scenario, a.Lever)
            ? Words.F(WhatIfStrings.Csv_lever_rate, a.Lever) : a.Lever.ToString())));
        w.Write(levers + "," + Header("indicator,probability,ci95_low,ci95_high"));
        foreach (var p in r.Points)
        {
            string values = string.Join(',', p.LeverValues.Select(C));
            for (int m = 0; m < r.IndicatorIds.Count; m++) Row(r.IndicatorIds[m], p.Targets[m]);
            Row(ScenarioComparison.AllTargetsId, p.AllTargets);
            Row(ScenarioComparison.AllHeadlineTargetsId, p.AllHeadlineTargets);

            void Row(string id, ProbabilityEstimate e) =>
                w.Write($"{values},{id},{C(e.Value)},{C(e.Ci95.Lower)},{C(e.Ci95.Upper)}\n");
        }
    }

    // --- goal ------------------------------------------------------------------------------------

    public static void GoalCsv(TextWriter w, GoalSeekResult r)
    {
        w.Write(Header("indicator,lever,wanted_probability,range_low,range_high,goal_status,lever_raises_probability,value,value_ci95_low,value_ci95_low_beyond_range,value_ci95_high,value_ci95_high_beyond_range,probability_at_value,current_value,probability_at_current,best_probability,paths,evaluations,seed"));
        w.Write(string.Join(',', r.IndicatorId, r.Lever.ToString(), C(r.WantedProbability), C(r.Low), C(r.High), Numbers.CsvText(StatusWords(r.Status)),
            r.LeverRaisesProbability ? "true" : "false", C(r.Value), C(r.Lower.Value), r.Lower.BeyondRange ? "true" : "false",
            C(r.Upper.Value), r.Upper.BeyondRange ? "true" : "false", C(r.ProbabilityAtValue.Value), C(r.CurrentValue),
            C(r.ProbabilityAtCurrent.Value), C(r.Best.Value), C(r.Paths), C(r.Evaluations), r.Seed.ToString(CultureInfo.InvariantCulture)));
        w.Write('\n');
    }

    public static void GoalJson(Utf8JsonWriter w, GoalSeekResult r)
    {
        w.WriteStartObject();
        w.WriteString("scenario", r.Scenario);
        w.WriteString("indicator", r.IndicatorId);
        w.WriteString("lever", r.Lever.ToString());
        Number(w, "wantedProbability", r.WantedProbability);
        w.WriteStartArray("range");
        w.WriteNumberValue(r.Low);
        w.WriteNumberValue(r.High);
        w.WriteEndArray();
        w.WriteString("status", Status(r.Status));
        w.WriteBoolean("leverRaisesProbability", r.LeverRaisesProbability);
        Number(w, "value", r.Value);
        w.WriteStartObject("valueCi95");
        Number(w, "low", r.Lower.Value);
        w.WriteBoolean("lowBeyondRange", r.Lower.BeyondRange);
        Number(w, "high", r.Upper.Value);
        w.WriteBoolean("highBeyondRange", r.Upper.BeyondRange);
        w.WriteEndObject();
        Estimate(w, "probabilityAtValue", r.ProbabilityAtValue);
        Number(w, "currentValue", r.CurrentValue);
        Estimate(w, "probabilityAtCurrent", r.ProbabilityAtCurrent);
        Estimate(w, "bestProbability", r.Best);
        w.WriteNumber("paths", r.Paths);
        w.WriteNumber("evaluations", r.Evaluations);
        w.WriteNumber("seed", r.Seed);
        w.WriteEndObject();
    }

    /// <summary>The status in the invocation's language, for goal.csv (goal.json keeps <see cref="Status"/>).</summary>
    public static string StatusWords(GoalSeekStatus status) => status switch
    {
        GoalSeekStatus.Reached => WhatIfStrings.GoalStatusReached,
        GoalSeekStatus.AlreadyReached => WhatIfStrings.GoalStatusAlreadyReached,
        _ => WhatIfStrings.GoalStatusNotReachable,
    };

    public static string Status(GoalSeekStatus status) => status switch
    {
        GoalSeekStatus.Reached => "reached",
        GoalSeekStatus.AlreadyReached => "already-reached",
        _ => "not-reachable",
    };

    // --- sensitivity -----------------------------------------------------------------------------

    public static void TornadoCsv(TextWriter w, TornadoResult r)
    {
        w.Write(Header("indicator,rank,driver,low_level,high_level,probability_at_low,probability_at_high,probability_swing,probability_centre,median_at_low,median_at_high,median_swing,median_centre"));
        foreach (var t in r.Targets)
        {
            for (int j = 0; j < t.Bars.Count; j++)
            {
                var b = t.Bars[j];
                w.Write(string.Join(',', t.IndicatorId, C(j + 1), b.DriverId, C(b.LowLevel), C(b.HighLevel), C(b.ProbabilityAtLow.Value),
                    C(b.ProbabilityAtHigh.Value), C(b.ProbabilitySwing), C(t.Centre.Value), C(b.MedianAtLow), C(b.MedianAtHigh),
                    C(b.MedianSwing), C(t.CentreMedian)));
                w.Write('\n');
            }
        }
    }

    public static void SobolCsv(TextWriter w, GlobalSensitivityResult r)
    {
        w.Write(Header("indicator,output,input,first_order,first_order_ci95_low,first_order_ci95_high,total,total_ci95_low,total_ci95_high,output_variance,base_samples"));
        foreach (var o in r.Outputs)
        {
            foreach (var input in o.Sobol.Inputs)
            {
                IndexEstimate s1 = input.FirstOrder, st = input.Total;
                w.Write(string.Join(',', o.IndicatorId, Output(o.Kind), Numbers.CsvText(r.Inputs[input.Input]), C(s1.Estimate), C(s1.Lower), C(s1.Upper),
                    C(st.Estimate), C(st.Lower), C(st.Upper), C(o.Sobol.OutputVariance), C(o.Sobol.BaseSamples)));
                w.Write('\n');
            }
        }
    }

    public static void SpearmanCsv(TextWriter w, GlobalSensitivityResult r)
    {
        w.Write(Header("indicator,output,driver,spearman_rho,paths"));
        foreach (var o in r.Outputs)
            for (int i = 0; i < r.Inputs.Count - 1; i++)
                w.Write($"{o.IndicatorId},{Output(o.Kind)},{r.Inputs[i]},{C(o.Spearman[i])},{C(r.SpearmanPaths)}\n");
    }

    public static string Output(SensitivityOutputKind kind) => kind == SensitivityOutputKind.TargetMet ? "target_met" : "target_year_value";

    // --- JSON helpers ----------------------------------------------------------------------------

    private static void Pair(Utf8JsonWriter w, string name, Interval ci)
    {
        if (double.IsNaN(ci.Lower) || double.IsNaN(ci.Upper))
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartArray(name);
        w.WriteNumberValue(ci.Lower);
        w.WriteNumberValue(ci.Upper);
        w.WriteEndArray();
    }

    private static void Estimate(Utf8JsonWriter w, string name, ProbabilityEstimate e)
    {
        w.WriteStartObject(name);
        Number(w, "probability", e.Value);
        Pair(w, "ci95", e.Ci95);
        w.WriteEndObject();
    }
}
