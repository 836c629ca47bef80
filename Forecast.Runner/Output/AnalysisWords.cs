using System.Globalization;
using Forecast.Engine.Calibration;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Runner.Resources;
using A = Forecast.Runner.Resources.AnalysisStrings;

namespace Forecast.Runner.Output;

/// <summary>
/// Words of the analyses (evaluate, targets, calibrate) and of the report's assumptions, in the invocation's language
/// (<c>Resources/AnalysisStrings.resx</c>), for the pieces the engine hands over as enums or numbers.
/// </summary>
internal static class AnalysisWords
{
    /// <summary>
    /// A CSV header line for comma-separated column ids, as <see cref="CsvWriters.Header"/> writes run's: the analyses'
    /// columns (<c>Csv_*</c> in AnalysisStrings), then run's shared ones (Strings), else the id itself.
    /// </summary>
    public static string CsvHeader(string ids) =>
        string.Join(',', ids.Split(',').Select(id => Numbers.CsvText(
            A.ResourceManager.GetString("Csv_" + id, CultureInfo.CurrentUICulture)
            ?? Strings.ResourceManager.GetString("Csv_" + id, CultureInfo.CurrentUICulture) ?? id))) + "\n";

    /// <summary>A word in a given language rather than the invocation's: the plots fall back to English without a CJK font.</summary>
    public static string In(bool chinese, string key) =>
        A.ResourceManager.GetString(key, Language.CultureOf(chinese ? "zh" : "en")) ?? throw new ArgumentException($"no resource '{key}'", nameof(key));

    public static string Band(BandPosition p) => p switch
    {
        BandPosition.Inside => A.BandInside,
        BandPosition.Below => A.BandBelow,
        BandPosition.Above => A.BandAbove,
        _ => A.BandUndecided,
    };

    public static string Outcome(TargetOutcome o) => o switch
    {
        TargetOutcome.Met => A.OutcomeMet,
        TargetOutcome.Missed => A.OutcomeMissed,
        _ => A.OutcomeUndecided,
    };

    /// <summary>A list of years or values in the language's way: "2022, 2023" or "2022、2023" (lists of ids keep ", ", where a long line can wrap).</summary>
    public static string List<T>(IEnumerable<T> items) =>
        string.Join(A.ListSeparator, items.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)));

    /// <summary>A candidate structure's name ("compound" in English, as calibration.json keys it).</summary>
    public static string Structure(CandidateStructure s) => s switch
    {
        CandidateStructure.LinearTrend => A.StructureLinear,
        CandidateStructure.CompoundGrowth => A.StructureCompound,
        CandidateStructure.DampedGrowth => A.StructureDamped,
        CandidateStructure.LogisticSaturation => A.StructureLogistic,
        CandidateStructure.StockFlowConstantEntries => A.StructureEntriesConstant,
        _ => A.StructureEntriesGrowing,
    };

    /// <summary>
    /// A model description with the names calibrate gives a mixture's components (the engine's English descriptions of the
    /// candidate structures, kept in the scenario file) put in the invocation's language.
    /// </summary>
    public static string WithStructureNames(string description)
    {
        if (!Language.IsChinese) return description;
        foreach (var s in Enum.GetValues<CandidateStructure>()) description = description.Replace(s.Describe(), Structure(s), StringComparison.Ordinal);
        return description;
    }

    /// <summary>A model kind (the scenario file's <c>kind</c>) in words: the id itself in English.</summary>
    public static string Kind(string kind) => A.ResourceManager.GetString(
        "Kind" + string.Concat(kind.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])), CultureInfo.CurrentUICulture) ?? kind;

    public static string VolatilityBasis(VolatilityPriorBasis b) => b switch
    {
        VolatilityPriorBasis.SameIndicatorPanel => A.CalVolSameIndicator,
        VolatilityPriorBasis.WholePanel => A.CalVolWholePanel,
        VolatilityPriorBasis.Stated => A.CalVolStated,
        _ => A.CalVolFallback,
    };

    public static string CalibrationOutcome(Forecast.Engine.Calibration.CalibrationOutcome outcome) => outcome switch
    {
        Forecast.Engine.Calibration.CalibrationOutcome.Calibrated => A.CalCalibrated,
        Forecast.Engine.Calibration.CalibrationOutcome.Unchanged => A.Unchanged,
        _ => A.CalNoHistory,
    };

    /// <summary>A distribution in words; English is the engine's own notation ("normal(mean 0.12, sd 0.03)").</summary>
    public static string Distribution(Distribution d)
    {
        if (!Language.IsChinese) return d.Describe();
        return d switch
        {
            NormalDistribution n => Words.F(A.DistNormal, N(n.MeanValue), N(n.StdDev)),
            LogNormalDistribution l => Words.F(A.DistLogNormal, N(l.Mu), N(l.Sigma)),
            PertDistribution p => Words.F(A.DistPert, N(p.Min), N(p.Mode), N(p.Max)),
            BetaDistribution b => Words.F(A.DistBeta, N(b.Alpha), N(b.Beta), N(b.Min), N(b.Max)),
            TriangularDistribution t => Words.F(A.DistTriangular, N(t.Min), N(t.Mode), N(t.Max)),
            UniformDistribution u => Words.F(A.DistUniform, N(u.Min), N(u.Max)),
            FixedDistribution f => Words.F(A.DistFixed, N(f.Value)),
            PoissonDistribution p => Words.F(A.DistPoisson, N(p.Lambda)),
            NegativeBinomialDistribution nb => Words.F(A.DistNegativeBinomial, N(nb.MeanValue), N(nb.Dispersion)),
            _ => d.Describe(),
        };
    }

    /// <summary>A parameter as the engine's descriptions write it: six significant digits.</summary>
    private static string N(double x) => x.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>A driver's yearly variation in words.</summary>
    public static string Yearly(YearlyVariation yearly) => yearly.Kind switch
    {
        YearlyVariationKind.None => A.YearlyNone,
        YearlyVariationKind.Normal => Words.F(A.YearlyNormal, N(yearly.Scale)),
        YearlyVariationKind.Growth => Words.F(A.YearlyGrowth, N(yearly.Scale)),
        YearlyVariationKind.Poisson => A.YearlyPoisson,
        YearlyVariationKind.NegativeBinomial => Words.F(A.YearlyNegativeBinomial, N(yearly.Scale)),
        _ => yearly.Kind.ToString(),
    };
}
