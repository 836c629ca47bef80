using System.Globalization;
using System.Text;
using Forecast.Engine.Model;

namespace Forecast.Tests.Robustness;

/// <summary>
/// The scenario-file text of a generated scenario, in the format ScenarioReader reads (flow mappings,
/// round-trip numbers). Test-side only: it gives the fuzz test seeds beyond the shipped scenario and
/// makes a failing property's scenario readable. It covers what <see cref="ScenarioGenerators"/>
/// produces (no names, notes, history or sources), and is not the product's scenario writer.
/// </summary>
internal static class GeneratedScenarioText
{
    public static string Write(Scenario scenario)
    {
        var w = new StringBuilder();
        w.Append("name: ").AppendLine(scenario.Name);
        w.Append(CultureInfo.InvariantCulture, $"run: {{paths: {scenario.Defaults.Paths}, seed: {scenario.Defaults.Seed}}}").AppendLine();
        w.AppendLine("drivers:");
        foreach (var d in scenario.Drivers)
        {
            w.Append("  - id: ").AppendLine(d.Id);
            w.Append("    level: ").AppendLine(Level(d.Level));
            w.Append("    yearly: ").AppendLine(Yearly(d.Yearly));
            if (d.LevelChanges.Count > 0)
                w.Append("    changes: [").Append(string.Join(", ", d.LevelChanges.Select(c => $"{{from: {N(c.FromYear)}, level: {Level(c.Level)}}}"))).AppendLine("]");
        }
        if (scenario.Correlations.Count > 0)
        {
            w.AppendLine("correlations:");
            foreach (var c in scenario.Correlations)
                w.Append("  - {drivers: [").Append(c.First).Append(", ").Append(c.Second).Append("], rho: ").Append(N(c.Rho)).AppendLine("}");
        }
        w.AppendLine("indicators:");
        foreach (var i in scenario.Indicators)
        {
            w.Append("  - id: ").AppendLine(i.Id);
            if (i.Headline) w.AppendLine("    headline: true");
            w.Append("    base: {year: ").Append(N(i.BaseYear)).Append(", value: ").Append(N(i.BaseValue)).AppendLine("}");
            if (i.Bounds is { } b) w.Append("    bounds: [").Append(N(b.Lower)).Append(", ").Append(N(b.Upper)).AppendLine("]");
            w.Append("    model: ").AppendLine(Model(i.Model));
            w.Append("    target: {year: ").Append(N(i.Target.Year)).Append(", value: ").Append(N(i.Target.Value));
            if (i.Target.Direction == Direction.AtMost) w.Append(", direction: at-most");
            if (i.Target.Period == TargetPeriod.EveryYear) w.Append(", period: every-year");
            w.AppendLine("}");
        }
        return w.ToString();
    }

    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string N(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Level(Distribution d) => d switch
    {
        FixedDistribution f => $"{{dist: fixed, value: {N(f.Value)}}}",
        NormalDistribution n => $"{{dist: normal, mean: {N(n.MeanValue)}, sd: {N(n.StdDev)}}}",
        LogNormalDistribution l => $"{{dist: lognormal, mu: {N(l.Mu)}, sigma: {N(l.Sigma)}}}",
        UniformDistribution u => $"{{dist: uniform, min: {N(u.Min)}, max: {N(u.Max)}}}",
        TriangularDistribution t => $"{{dist: triangular, min: {N(t.Min)}, mode: {N(t.Mode)}, max: {N(t.Max)}}}",
        PertDistribution p => $"{{dist: pert, min: {N(p.Min)}, mode: {N(p.Mode)}, max: {N(p.Max)}}}",
        BetaDistribution b => $"{{dist: beta, alpha: {N(b.Alpha)}, beta: {N(b.Beta)}, min: {N(b.Min)}, max: {N(b.Max)}}}",
        PoissonDistribution p => $"{{dist: poisson, mean: {N(p.Lambda)}}}",
        NegativeBinomialDistribution n => $"{{dist: negbin, mean: {N(n.MeanValue)}, dispersion: {N(n.Dispersion)}}}",
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "unknown distribution"),
    };

    private static string Yearly(YearlyVariation y) => y.Kind switch
    {
        YearlyVariationKind.None => "none",
        YearlyVariationKind.Poisson => "poisson",
        YearlyVariationKind.Normal => $"{{kind: normal, sd: {N(y.Scale)}}}",
        YearlyVariationKind.Growth => $"{{kind: growth, sd: {N(y.Scale)}}}",
        _ => $"{{kind: negbin, dispersion: {N(y.Scale)}}}",
    };

    private static string Side(Quantity q) => q.GrowthDriver is { } g ? $"{{growth: {g}}}" : $"{{indicator: {q.Indicator}}}";

    private static string Model(IndicatorModel m) => m switch
    {
        CompoundGrowthModel c => $"{{kind: compound, growth: {c.Growth}}}",
        RatioModel r => $"{{kind: ratio, numerator: {Side(r.Numerator)}, denominator: {Side(r.Denominator)}}}",
        BoundedShareModel s => $"{{kind: share, step: {s.Step}}}",
        StockFlowModel s => "{kind: stock-flow, entries: " + s.Entries
            + (s.ExitRate is { } x ? ", exits: " + x : "")
            + (s.Capacity is { } c ? ", capacity: " + N(c) : "") + "}",
        CumulativeModel c => $"{{kind: cumulative, driver: {c.Driver}}}",
        FlowModel f => $"{{kind: flow, driver: {f.Driver}, count: {(f.Count ? "true" : "false")}}}",
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, "unknown model"),
    };
}
