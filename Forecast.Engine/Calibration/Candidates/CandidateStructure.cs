namespace Forecast.Engine.Calibration;

/// <summary>The structures an indicator's history is fitted with; each maps onto one model of the scenario format.</summary>
public enum CandidateStructure
{
    /// <summary>Constant increments: xₜ = xₜ₋₁ + b + σε (a linear trend that walks). Scenario: <c>linear</c> kind, an <c>increment</c> driver.</summary>
    LinearTrend,

    /// <summary>Constant growth rate: ln xₜ = ln xₜ₋₁ + g + σε. Scenario: <c>compound</c> kind, a growth driver.</summary>
    CompoundGrowth,

    /// <summary>
    /// Damped growth: ln xₜ = ln xₜ₋₁ + gₜ + σε, gₜ = g∞ + (g₀ − g∞)·φ^(t−1), t counted in years from the first observation; the
    /// decay φ ~ Beta prior. Scenario: <c>compound</c> kind, a growth driver with <c>damping: {long-run, factor}</c>.
    /// </summary>
    DampedGrowth,

    /// <summary>Logistic saturation of a bounded share: its logit walks with a constant step b. Scenario: <c>share</c> kind, a step driver.</summary>
    LogisticSaturation,

    /// <summary>Stock-flow count, Nₜ = Nₜ₋₁ − Binomial(Nₜ₋₁, q) + Eₜ, with constant entries E ~ Poisson(e). Scenario: <c>stock-flow</c>, entries driver.</summary>
    StockFlowConstantEntries,

    /// <summary>Stock-flow count with entries growing at r: Eₜ ~ Poisson(e·(1 + r)^(t−1)). Scenario: <c>stock-flow</c>, entries driver with a <c>growth:</c> distribution.</summary>
    StockFlowGrowingEntries,
}

/// <summary>How the weights of a <see cref="CandidateSet"/> were set.</summary>
public enum WeightBasis
{
    /// <summary>The stated prior weights (equal by default): the history cannot tell the candidates apart.</summary>
    PriorWeights,

    /// <summary>
    /// Prior weight × exp(one-step-ahead log score): each observation from the third on is scored by each candidate's predictive
    /// density fitted to the observations before it (leave-future-out cross-validation, Dawid's prequential score).
    /// </summary>
    OneStepLogScore,
}

/// <summary>Display names of <see cref="CandidateStructure"/>.</summary>
public static class CandidateStructures
{
    /// <summary>e.g. "constant increments (linear trend)".</summary>
    public static string Describe(this CandidateStructure s) => s switch
    {
        CandidateStructure.LinearTrend => "constant increments (linear trend)",
        CandidateStructure.CompoundGrowth => "constant growth rate (compound)",
        CandidateStructure.DampedGrowth => "damped growth",
        CandidateStructure.LogisticSaturation => "logistic saturation (logit random walk)",
        CandidateStructure.StockFlowConstantEntries => "stock-flow, constant entries",
        _ => "stock-flow, entries growing at a rate",
    };

    /// <summary>A short key for files and tables, e.g. "linear", "compound", "damped", "logistic", "entries-constant", "entries-growing".</summary>
    public static string Key(this CandidateStructure s) => s switch
    {
        CandidateStructure.LinearTrend => "linear",
        CandidateStructure.CompoundGrowth => "compound",
        CandidateStructure.DampedGrowth => "damped",
        CandidateStructure.LogisticSaturation => "logistic",
        CandidateStructure.StockFlowConstantEntries => "entries-constant",
        _ => "entries-growing",
    };
}
