using Forecast.Runner.Output;
using A = Forecast.Runner.Resources.AnalysisStrings;

namespace Forecast.Runner.Evaluation;

/// <summary>
/// The fixed words of the evaluation's plots (<c>Plot*</c> in AnalysisStrings), in the plots' language: it can be English
/// in a Chinese invocation when no installed font covers the Chinese.
/// </summary>
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

    public static EvaluationWords For(bool chinese) => new()
    {
        Outcome = AnalysisWords.In(chinese, nameof(A.PlotOutcome)),
        OutcomeAtLeast = AnalysisWords.In(chinese, nameof(A.PlotOutcomeAtLeast)),
        OutcomeAtMost = AnalysisWords.In(chinese, nameof(A.PlotOutcomeAtMost)),
        FanCaption = AnalysisWords.In(chinese, nameof(A.PlotFanCaption)),
        PitTitle = AnalysisWords.In(chinese, nameof(A.PlotPitTitle)),
        PitAxis = AnalysisWords.In(chinese, nameof(A.PlotPitAxis)),
        PitCount = AnalysisWords.In(chinese, nameof(A.PlotPitCount)),
        PitExpected = AnalysisWords.In(chinese, nameof(A.PlotPitExpected)),
        PitChance = AnalysisWords.In(chinese, nameof(A.PlotPitChance)),
    };
}
