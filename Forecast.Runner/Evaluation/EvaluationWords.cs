namespace Forecast.Runner.Evaluation;

/// <summary>The fixed words of the evaluation's plots, in English and in Chinese.</summary>
internal sealed record EvaluationWords
{
    public required string Outcome { get; init; }
    public required string OutcomeAtLeast { get; init; }
    public required string OutcomeAtMost { get; init; }
    public required string FanCaption { get; init; }
    public required string PitTitle { get; init; }
    public required string PitAxis { get; init; }
    public required string PitCount { get; init; }
    /// <summary>Format with {0} = the number of outcomes.</summary>
    public required string PitExpected { get; init; }
    public required string PitChance { get; init; }

    /// <summary>Every word, for checking that a font covers them.</summary>
    public string AllText() => string.Concat(Outcome, OutcomeAtLeast, OutcomeAtMost, FanCaption, PitTitle, PitAxis, PitCount, PitExpected, PitChance);

    public static EvaluationWords En { get; } = new()
    {
        Outcome = "Outcome reported",
        OutcomeAtLeast = "Outcome reported as at least",
        OutcomeAtMost = "Outcome reported as at most",
        FanCaption = "forecast and the outcomes reported since",
        PitTitle = "Where the outcomes fell in their forecasts (PIT histogram)",
        PitAxis = "PIT: share of the forecast below the outcome",
        PitCount = "Outcomes (a bound spread over its possible PITs)",
        PitExpected = "A calibrated forecast: {0} per bin on average",
        PitChance = "Where a calibrated forecast's bins fall 90% of the time",
    };

    public static EvaluationWords Zh { get; } = new()
    {
        Outcome = "实际公布值",
        OutcomeAtLeast = "公布值（至少）",
        OutcomeAtMost = "公布值（至多）",
        FanCaption = "预测与此后公布的实际值",
        PitTitle = "实际值落在预测分布中的位置（PIT直方图）",
        PitAxis = "PIT：预测分布中低于实际值的比例",
        PitCount = "实际值个数（区间值按可能的PIT均摊）",
        PitExpected = "校准良好的预测：平均每组{0}个",
        PitChance = "校准良好时90%的分组落在此范围",
    };
}
