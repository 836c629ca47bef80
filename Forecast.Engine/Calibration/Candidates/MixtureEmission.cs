using System.Globalization;
using Forecast.Engine.Model;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Writes the candidate structures of a calibration into the scenario: every indicator with a <see cref="CandidateSet"/>
/// becomes a mixture of its structures with their weights and basis, each structure with drivers of its own for its
/// parameters (levels, trends, level correlations); indicators that count the same entries as a replaced stock (the
/// "new in five years" of its certifications) follow the stock's structure on every path (a shared structure draw).
/// Drivers no indicator reads any more are dropped, and so are correlations with them.
/// </summary>
/// <remarks>
/// The mapping, structure by structure (growth rates are log growth g in the calibration, arithmetic in the scenario:
/// 1 + r = exp(g + σ²/2), the growth factor of mean 1 + r whose median is e^g; its sd by the delta method):
/// <list type="bullet">
/// <item>constant increments: <c>linear</c> kind, increment driver Normal(b) with yearly normal σ;</item>
/// <item>constant growth: <c>compound</c> kind, growth driver with yearly growth σ;</item>
/// <item>damped growth: <c>compound</c> kind, growth driver with a <c>damped</c> trend (long-run growth and decay φ) from the
/// first forecast year, its growth and long-run growth correlated as the fit says;</item>
/// <item>logistic: <c>share</c> kind, logit step driver Normal(b) with yearly normal σ;</item>
/// <item>stock-flow, constant or growing entries: <c>stock-flow</c> kind with the scenario's exit driver, entries driver
/// LogNormal with the scenario's yearly variation of entries; growing entries add a <c>growth</c> trend (rate e^ρ − 1,
/// normal by the delta method) from the year the entries refer to, their level correlated with the rate.</item>
/// </list>
/// </remarks>
public static class MixtureEmission
{
    /// <summary>The scenario with a mixture for every indicator that has candidates.</summary>
    public static Scenario Apply(Scenario scenario, IReadOnlyList<IndicatorCalibration> results)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(results);
        var drivers = scenario.Drivers.ToList();
        var indicators = scenario.Indicators.ToList();
        var correlations = scenario.Correlations.ToList();
        var replacedEntries = new Dictionary<string, (string Key, MixtureModel Stock)>(StringComparer.Ordinal);

        foreach (var result in results)
        {
            if (result.Candidates is not { } set || set.Candidates.Length < 1) continue;
            int i = indicators.FindIndex(x => x.Id == result.Indicator);
            if (i < 0) continue;
            var indicator = indicators[i];
            string key = indicator.Id;
            var components = new List<MixtureComponent>();
            foreach (var weighted in set.Candidates)
            {
                var (model, added, levelCorrelations) = Emit(scenario, indicator, set, weighted.Fit);
                if (model is null) continue;
                drivers.AddRange(added);
                correlations.AddRange(levelCorrelations);
                components.Add(new MixtureComponent(weighted.Fit.Structure.Describe(), weighted.Weight, model));
            }
            if (components.Count == 0) continue;
            double total = components.Sum(c => c.Weight);
            components = components.Select(c => c with { Weight = c.Weight / total }).ToList();
            string basis = F(set.Basis == WeightBasis.PriorWeights ? T.MixBasisPrior : T.MixBasisScore, set.Why);
            IndicatorModel newModel = components.Count == 1 ? components[0].Model : new MixtureModel(components, basis, key);
            indicators[i] = indicator with { Model = newModel, Note = Join(indicator.Note, F(T.MixStructuresNote, Describe(set), basis)) };
            if (indicator.Model is StockFlowModel old && newModel is MixtureModel stock) replacedEntries[old.Entries] = (key, stock);
        }

        // Counts of the same entries (cumulative "new in five years", yearly flows) follow their stock's structure.
        for (int i = 0; i < indicators.Count; i++)
        {
            var indicator = indicators[i];
            string? driver = indicator.Model switch { CumulativeModel c => c.Driver, FlowModel f => f.Driver, _ => null };
            if (driver is null || !replacedEntries.TryGetValue(driver, out var stock)) continue;
            var components = stock.Stock.Components.Select(c => c with
            {
                Model = indicator.Model switch
                {
                    CumulativeModel => new CumulativeModel(((StockFlowModel)c.Model).Entries),
                    FlowModel f => f with { Driver = ((StockFlowModel)c.Model).Entries },
                    _ => c.Model,
                },
            }).ToList();
            indicators[i] = indicator with { Model = new MixtureModel(components, stock.Stock.Basis, stock.Key) };
        }

        var used = indicators.SelectMany(x => x.Model.DriverIds).ToHashSet(StringComparer.Ordinal);
        drivers = drivers.Where(d => used.Contains(d.Id)).GroupBy(d => d.Id).Select(g => g.First()).ToList();
        // A level correlation may name a trend parameter (driver.rate): it is kept while its driver is.
        string DriverOf(string member) => drivers.Any(d => d.Id == member) ? member : member[..Math.Max(0, member.LastIndexOf('.'))];
        correlations = correlations.Where(c => used.Contains(DriverOf(c.First)) && used.Contains(DriverOf(c.Second))).ToList();
        return scenario with { Drivers = drivers, Indicators = indicators, Correlations = correlations };
    }

    private static string Describe(CandidateSet set) =>
        set.Own.Count >= 2
            ? F(T.SeriesSpan, set.Own.Region ?? T.MixOwn, set.Own.Observations[0].Year, set.OriginYear, set.Own.Count)
            : F(T.MixOnePoint, set.OriginYear);

    private static string? Join(string? a, string b) => string.IsNullOrWhiteSpace(a) ? b : a + "\n" + b;

    private static (IndicatorModel? Model, List<Driver> Drivers, List<Correlation> Correlations) Emit(Scenario scenario, Indicator indicator, CandidateSet set, CandidateFit fit)
    {
        Distribution P(string name) => fit.Parameters.First(p => p.Name == name).Distribution;
        double Sigma() => fit.Parameters.FirstOrDefault(p => p.Name == "volatility")?.Distribution.Mean ?? 0;
        // Readable, stable ids: rd_intensity_increment, rd_intensity_growth, rd_intensity_damped_growth, hightech_output_share_step;
        // a stock's entries keep the template's driver name with the structure: hightech_new_constant, hightech_new_growing.
        string Id(string part) => indicator.Model is StockFlowModel s
            ? s.Entries + (fit.Structure == CandidateStructure.StockFlowGrowingEntries ? "_growing" : "_constant")
            : fit.Structure == CandidateStructure.DampedGrowth ? $"{indicator.Id}_damped_{part}" : $"{indicator.Id}_{part}";
        string Note(LocalizedText what) => F(T.MixDriverNote, fit.Structure.Text(), Describe(set), what.In(IsChinese), fit.Note);
        // The fit's correlation of two parameters (on their normal scores), kept through the level copula.
        List<Correlation> Keep(string first, string second, string firstMember, string secondMember) =>
            fit.Correlations.FirstOrDefault(c => c.First == first && c.Second == second || c.First == second && c.Second == first) is { } kept && kept.Rho != 0
                ? [new Correlation(firstMember, secondMember, Math.Clamp(kept.Rho, -0.999, 0.999), CorrelationScope.Levels)]
                : [];
        Driver D(string id, LocalizedText what, Distribution level, YearlyVariation yearly, LevelTrend? trend = null) =>
            new(id, new LocalizedText(indicator.Name.Zh + "：" + what.Zh, indicator.Name.En + ": " + what.En), level, yearly, null, Note(what), trend);
        var none = new List<Correlation>();

        switch (fit.Structure)
        {
            case CandidateStructure.LinearTrend:
            {
                var driver = D(Id("increment"), new("每年增量", "increment a year"), P("drift"), YearlyVariation.Normal(Sigma()));
                return (new LinearTrendModel(driver.Id), [driver], none);
            }
            case CandidateStructure.CompoundGrowth:
            {
                double sigma = Sigma();
                var driver = D(Id("growth"), new("年增长率", "growth rate a year"), Arithmetic(P("drift"), sigma), YearlyVariation.Growth(sigma));
                return (new CompoundGrowthModel(driver.Id), [driver], none);
            }
            case CandidateStructure.DampedGrowth:
            {
                double sigma = Sigma();
                var trend = new DampedLevel(Arithmetic(P("long-run growth"), sigma), P("damping factor"), set.OriginYear + 1);
                var driver = D(Id("growth"), new("年增长率（逐年减弱）", "growth rate a year, damped"), Arithmetic(P("growth"), sigma), YearlyVariation.Growth(sigma), trend);
                return (new CompoundGrowthModel(driver.Id), [driver], Keep("growth", "long-run growth", driver.Id, driver.Id + ".long-run"));
            }
            case CandidateStructure.LogisticSaturation:
            {
                var driver = D(Id("step"), new("每年对数几率步长", "logit step a year"), P("drift"), YearlyVariation.Normal(Sigma()));
                return (new BoundedShareModel(driver.Id), [driver], none);
            }
            default:
            {
                if (indicator.Model is not StockFlowModel stock) return (null, [], none);
                var yearly = scenario.Driver(stock.Entries).Yearly;
                bool growing = fit.Structure == CandidateStructure.StockFlowGrowingEntries;
                LevelTrend? trend = null;
                var correlations = new List<Correlation>();
                if (growing)
                {
                    int from = (set.Own.Count >= 2 ? set.Own.Observations[0].Year : set.OriginYear) + 1;
                    trend = new GrowingLevel(Rate(P("entries growth")), from);
                }
                var driver = D(Id("entries"), growing ? new("每年新增（递增）", "new entries a year, growing") : new LocalizedText("每年新增", "new entries a year"), P("entries"), yearly, trend);
                // Two stock levels tie the entries to their growth (more growth, fewer early entries): keep it.
                if (growing) correlations.AddRange(Keep("entries", "entries growth", driver.Id, driver.Id + ".rate"));
                return (new StockFlowModel(driver.Id, stock.ExitRate, stock.Capacity), [driver], correlations);
            }
        }
    }

    /// <summary>The arithmetic rate r = exp(g + σ²/2) − 1 of a normal log growth g ~ N(m, s²): Normal(exp(m + σ²/2) − 1, exp(m + σ²/2)·s).</summary>
    private static Distribution Arithmetic(Distribution logGrowth, double sigma)
    {
        double m = logGrowth.Mean, s = Math.Sqrt(Math.Max(0, Variance(logGrowth)));
        double factor = Math.Exp(m + sigma * sigma / 2);
        return s > 0 ? new NormalDistribution(factor - 1, factor * s) : new FixedDistribution(factor - 1);
    }

    /// <summary>The rate e^ρ − 1 of a normal log rate ρ ~ N(m, s²): Normal(e^m − 1, e^m·s).</summary>
    private static Distribution Rate(Distribution logRate)
    {
        double m = logRate.Mean, s = Math.Sqrt(Math.Max(0, Variance(logRate)));
        return s > 0 ? new NormalDistribution(Math.Exp(m) - 1, Math.Exp(m) * s) : new FixedDistribution(Math.Exp(m) - 1);
    }

    private static double Variance(Distribution d) => d switch
    {
        NormalDistribution n => n.StdDev * n.StdDev,
        FixedDistribution => 0,
        _ => Math.Pow((d.Quantile(0.8413447460685429) - d.Quantile(0.15865525393145707)) / 2, 2),
    };
}
