using Forecast.Engine.Resources;
using T = Forecast.Engine.Resources.CalibrationText;

namespace Forecast.Engine.Calibration;

/// <summary>
/// The calibration's names (parameters, model forms) as a person reads them, in the UI culture: the results keep the English
/// names as ids (the JSON files, the scenario's notes), and the console shows them through these.
/// </summary>
public static class CalibrationWords
{
    /// <summary>A parameter's name (e.g. "drift", "logit step (panel)") in the UI culture; an unknown name as it is.</summary>
    public static string Parameter(string name) => name switch
    {
        "drift" => T.ParamDrift,
        "CAGR" => T.ParamCagr,
        "volatility" => T.ParamVolatility,
        "logit volatility" => T.ParamLogitVolatility,
        "logit step" => T.ParamLogitStep,
        "drift (panel)" => T.ParamDriftPanel,
        "logit step (panel)" => T.ParamLogitStepPanel,
        "arithmetic rate (panel)" => T.ParamArithmeticRatePanel,
        "arithmetic rate" => T.ParamArithmeticRate,
        "yearly rate" => T.ParamYearlyRate,
        "entries a year" => T.ParamEntriesAYear,
        "exit rate (assumed)" => T.ParamExitRateAssumed,
        "dispersion" => T.ParamDispersion,
        "log rate" => T.ParamLogRate,
        "trend" => T.ParamTrend,
        _ => name,
    };

    /// <summary>A model's display name (<see cref="ModelForms.Describe"/>, or a count model's "Poisson") in the UI culture.</summary>
    public static string Model(string name) => name switch
    {
        "random walk with drift" => T.ModelRandomWalkWithDrift,
        "log-linear trend" => T.ModelLogLinearTrend,
        "logit random walk" => T.ModelLogitRandomWalk,
        "logit-linear trend" => T.ModelLogitLinearTrend,
        "Poisson, constant rate" => T.ModelPoissonConstantRate,
        "negative binomial, constant rate" => T.ModelNegativeBinomialConstantRate,
        "Poisson, log-linear trend" => T.ModelPoissonTrendRate,
        "negative binomial, log-linear trend" => T.ModelNegativeBinomialTrendRate,
        "Poisson" => T.ModelPoisson,
        "negative binomial (NB2)" => T.ModelNegativeBinomialNb2,
        _ => name,
    };

    /// <summary>A count driver's role (the id "yearly count", "yearly flow", "entries") in the UI culture; another role as it is.</summary>
    public static string Role(string role) => role switch
    {
        "yearly count" => T.RoleYearlyCount,
        "yearly flow" => T.RoleYearlyFlow,
        "entries" => T.RoleEntries,
        _ => role,
    };

    /// <summary>A candidate structure's name in the UI culture (<see cref="CandidateStructures.Describe"/> stays the English id that the scenario file keeps).</summary>
    public static string Text(this CandidateStructure s) => s switch
    {
        CandidateStructure.LinearTrend => T.StructureLinear,
        CandidateStructure.CompoundGrowth => T.StructureCompound,
        CandidateStructure.DampedGrowth => T.StructureDamped,
        CandidateStructure.LogisticSaturation => T.StructureLogistic,
        CandidateStructure.StockFlowConstantEntries => T.StructureEntriesConstant,
        _ => T.StructureEntriesGrowing,
    };

    /// <summary>True when the UI culture is Chinese: the calibration's texts that carry a <see cref="Model.LocalizedText"/> pick its Chinese side.</summary>
    internal static bool IsChinese => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>The model form's name in the UI culture.</summary>
    internal static string Text(this ModelForm form) => Model(form.Describe());

    /// <summary>A template of <see cref="T"/> filled with invariant numbers.</summary>
    internal static string F(string template, params object?[] args) => MessageText.Format(template, args);

    /// <summary>"n point(s)" in the UI culture.</summary>
    internal static string Points(int n) => n == 1 ? T.OnePoint : F(T.NPoints, n);
}
