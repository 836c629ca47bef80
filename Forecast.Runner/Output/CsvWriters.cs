using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Runner.Resources;

namespace Forecast.Runner.Output;

/// <summary>Writes trajectories.csv (indicator × year distribution) and summary.csv (one row per target).</summary>
/// <remarks>
/// The header row is in the invocation's language (<c>Csv_*</c> resources): English keeps the column ids, Chinese
/// names them; the first column holds the indicator's id in both, and the name and unit columns follow the language.
/// Rates, shares and probabilities stay fractions (0.175, not 17.5%), and their headers say so.
/// </remarks>
internal static class CsvWriters
{
    /// <summary>The header line for the comma-separated column ids, in the invocation's language.</summary>
    public static string Header(string ids) =>
        string.Join(',', ids.Split(',').Select(id => Numbers.CsvText(Strings.ResourceManager.GetString("Csv_" + id, System.Globalization.CultureInfo.CurrentUICulture) ?? id))) + "\n";

    public static void WriteTrajectories(TextWriter w, SimulationResult result)
    {
        w.Write(Header("indicator,year,mean,p5,p25,p50,p75,p95,probability,deterministic"));
        foreach (var o in result.Indicators)
            foreach (var y in o.Years)
                w.Write($"{o.Indicator.Id},{y.Year},{Numbers.Csv(y.Mean)},{Numbers.Csv(y.P5)},{Numbers.Csv(y.P25)},{Numbers.Csv(y.P50)},{Numbers.Csv(y.P75)},{Numbers.Csv(y.P95)},{Numbers.CsvProbability(y.Probability)},{Numbers.Csv(y.Deterministic)}\n");
    }

    private static string Share(VarianceDecomposition? variance, Func<VarianceDecomposition, double> part) =>
        variance is null ? "" : Numbers.CsvProbability(variance.Share(part(variance)));

    public static void WriteSummary(TextWriter w, SimulationResult result)
    {
        w.Write(Header("indicator,name,unit,headline,base_year,base_value,target_year,target,direction,period,required_growth,historical_growth,growth_per_year,progress,probability,ci95_low,ci95_high,status,p5,p50,p95,expected_shortfall,variance_share_model,variance_share_parameters,variance_share_year_to_year"));
        foreach (var o in result.Indicators)
        {
            var i = o.Indicator;
            var t = o.TargetYear;
            w.Write(string.Join(',',
                i.Id, Numbers.CsvText(i.Name.In(Language.IsChinese)), Numbers.CsvText(i.Unit.In(Language.IsChinese)), i.Headline ? "true" : "false",
                i.BaseYear.ToString(System.Globalization.CultureInfo.InvariantCulture), Numbers.Csv(i.BaseValue),
                i.Target.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Numbers.Csv(i.Target.Value),
                i.Target.Direction == Direction.AtLeast ? "at-least" : "at-most",
                i.Target.Period == TargetPeriod.EveryYear ? "every-year" : "target-year",
                Numbers.Csv(o.Growth.RequiredRate), Numbers.Csv(o.Growth.HistoricalRate), o.Growth.PerYear ? "true" : "false",
                Numbers.CsvText(Words.Progress(o.Growth.Category)),
                Numbers.CsvProbability(o.Probability), Numbers.CsvProbability(o.ProbabilityCi95.Lower), Numbers.CsvProbability(o.ProbabilityCi95.Upper),
                Numbers.CsvText(Words.Status(o.Status)), Numbers.Csv(t.P5), Numbers.Csv(t.P50), Numbers.Csv(t.P95), Numbers.Csv(o.ExpectedShortfall),
                Share(t.Variance, v => v.ModelChoice), Share(t.Variance, v => v.Parameters), Share(t.Variance, v => v.YearToYear)));
            w.Write('\n');
        }
    }
}
