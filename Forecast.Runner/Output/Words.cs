using System.Globalization;
using Forecast.Engine.Projection;
using Forecast.Engine.Results;
using Forecast.Runner.Resources;

namespace Forecast.Runner.Output;

/// <summary>Words for engine enums and formatted sentences, in the invocation's language (<see cref="Language"/>).</summary>
internal static class Words
{
    /// <summary>A resource format filled with invariant-culture numbers.</summary>
    public static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>"Wrote 1 file to …" or "Wrote 5 files to …" (one form in Chinese).</summary>
    public static string WroteFiles(int count, string folder) => F(count == 1 ? Strings.WroteFile : Strings.WroteFiles, count, folder);

    public static string Progress(ProgressCategory category) => category switch
    {
        ProgressCategory.OnTrack => Strings.ProgressOnTrack,
        ProgressCategory.AccelerationNeeded => Strings.ProgressAccelerationNeeded,
        ProgressCategory.LimitedProgress => Strings.ProgressLimitedProgress,
        ProgressCategory.MovingAway => Strings.ProgressMovingAway,
        ProgressCategory.TargetMet => Strings.ProgressTargetMet,
        _ => Strings.ProgressNoHistory,
    };

    public static string Status(TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => Strings.StatusOnTrack,
        TargetStatus.AtRisk => Strings.StatusAtRisk,
        _ => Strings.StatusOffTrack,
    };

    /// <summary>The target in words: "≥600 in 2025", "≥45 every year to 2025" (or the Chinese).</summary>
    /// <summary>The independent units a run's intervals come from, in words.</summary>
    public static string Units(Forecast.Engine.Simulation.IntervalUnit unit) => unit switch
    {
        Forecast.Engine.Simulation.IntervalUnit.AntitheticPair => Strings.UnitAntitheticPairs,
        Forecast.Engine.Simulation.IntervalUnit.Block => Strings.UnitHypercubeBlocks,
        Forecast.Engine.Simulation.IntervalUnit.SobolReplicate => Strings.UnitSobolReplicates,
        Forecast.Engine.Simulation.IntervalUnit.ParameterDraws => Strings.UnitParameterDraws,
        _ => Strings.UnitPaths,
    };

    /// <summary>Why history and the probability disagree, in the invocation's language; null where they agree.</summary>
    public static string? SignalsDisagree(Forecast.Engine.Results.IndicatorOutcome outcome)
    {
        if (SignalCheck.Conflict(outcome) is not { } c) return null;
        string Rate(double r) => F(Strings.RateAYear, c.PerYear ? Numbers.Significant(r, 3, keepZeros: false) : Numbers.Percent(r));
        return F(c.ScenarioPessimistic ? Strings.SignalWhyPessimistic : Strings.SignalWhyOptimistic, Rate(c.Implied), Rate(c.Historical), Rate(c.Required));
    }

    /// <summary>A finding between two targets, in the invocation's language (the engine's English where its numbers are not known).</summary>
    public static string Finding(Forecast.Engine.Consistency.ConsistencyFinding finding, Forecast.Engine.Model.Scenario? scenario)
    {
        if (finding.Gap is not { } g || scenario is null || finding.IndicatorIds.Count != 2 || !Language.IsChinese) return finding.Message;
        string Name(string id) => scenario.Indicators.FirstOrDefault(i => i.Id == id) is { } i ? i.Name.In(true) + "（" + id + "）" : id;
        string N(double x) => Math.Round(x).ToString("0", CultureInfo.InvariantCulture);
        string rate = Numbers.Percent(g.ExitRate);
        return finding.Severity == Forecast.Engine.Consistency.FindingSeverity.Inconsistent
            ? F(Strings.GapInconsistent, Name(finding.IndicatorIds[0]), Name(finding.IndicatorIds[1]), N(g.BaseValue), g.BaseYear, N(g.Added), N(g.Reach),
                N(g.TargetValue - g.Reach), N(g.TargetValue), g.TargetYear, rate, N(g.ExpectedExits), N(g.TargetValue - g.BaseValue + g.ExpectedExits))
            : F(Strings.GapTight, Name(finding.IndicatorIds[0]), Name(finding.IndicatorIds[1]), N(g.BaseValue), g.BaseYear, N(g.Added), N(g.Reach),
                N(g.Reach - g.TargetValue), N(g.TargetValue), g.TargetYear, N(g.Reach - g.TargetValue + 1), g.Years, rate, N(g.ExpectedExits));
    }

    /// <param name="target">The target.</param>
    /// <param name="wide">False for the compact "≥45/yr to 2025".</param>
    public static string Target(Forecast.Engine.Model.Target target, bool wide = true)
    {
        string sign = target.Direction == Forecast.Engine.Model.Direction.AtMost ? "≤" : "≥";
        return F(target.Period == Forecast.Engine.Model.TargetPeriod.EveryYear ? wide ? Strings.TargetEveryYear : Strings.TargetEveryYearShort : Strings.TargetIn,
            sign, Numbers.Human(target.Value), target.Year);
    }
}
