using Forecast.Engine.Results;

namespace Forecast.Runner.Plots;

/// <summary>The fixed words of the plots, in English and in Chinese.</summary>
internal sealed record PlotWords
{
    public required string Observed { get; init; }
    public required string Median { get; init; }
    public required string Band50 { get; init; }
    public required string Band90 { get; init; }
    public required string Target { get; init; }
    public required string RequiredPath { get; init; }
    /// <summary>"P(target met)".</summary>
    public required string Probability { get; init; }
    public required string OnTrack { get; init; }
    public required string AtRisk { get; init; }
    public required string OffTrack { get; init; }
    /// <summary>Format with {0} = first year, {1} = last year: a period total.</summary>
    public required string PeriodTotal { get; init; }
    public required string ProbabilityChartTitle { get; init; }
    public required string ProbabilityAxis { get; init; }
    public required string Interval95 { get; init; }
    public required string HeadlineMetTitle { get; init; }
    /// <summary>Format with {0} = number of headline targets.</summary>
    public required string HeadlineMetAxis { get; init; }
    public required string ShareOfPaths { get; init; }
    /// <summary>Format with {0} = number of headline targets, {1} = probability text.</summary>
    public required string AllHeadlineMet { get; init; }
    /// <summary>Format with {0} = mean number met, {1} = number of headline targets.</summary>
    public required string MeanMet { get; init; }
    /// <summary>Format with {0} = target year.</summary>
    public required string DensityTitle { get; init; }
    /// <summary>Format with {0} = the bins' width.</summary>
    public required string DensityAxis { get; init; }
    public required string DensityLegend { get; init; }
    public required string MissedSide { get; init; }
    /// <summary>Format with {0} = year, {1} = share of paths.</summary>
    public required string MissedIn { get; init; }
    /// <summary>Format with {0} = share of paths.</summary>
    public required string MissedSomeYear { get; init; }
    public required string HeadlineSheetTitle { get; init; }
    public required string FanChartCaption { get; init; }
    public required string HeadlineGroup { get; init; }
    public required string OtherGroup { get; init; }

    /// <summary>The word for a status.</summary>
    public string Status(TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => OnTrack,
        TargetStatus.AtRisk => AtRisk,
        _ => OffTrack,
    };

    /// <summary>Every word, for checking that a font covers them.</summary>
    public string AllText() => string.Concat(
        Observed, Median, Band50, Band90, Target, RequiredPath, Probability, OnTrack, AtRisk, OffTrack, PeriodTotal, ProbabilityChartTitle,
        ProbabilityAxis, Interval95, HeadlineMetTitle, HeadlineMetAxis, ShareOfPaths, AllHeadlineMet, MeanMet, DensityTitle, DensityAxis,
        DensityLegend, MissedSide, MissedIn, MissedSomeYear, HeadlineSheetTitle, FanChartCaption, HeadlineGroup, OtherGroup);

    public static PlotWords En { get; } = new()
    {
        Observed = "Observed",
        Median = "Median path",
        Band50 = "50% of paths (P25-P75)",
        Band90 = "90% of paths (P5-P95)",
        Target = "Target",
        RequiredPath = "Steady path to the target",
        Probability = "P(target met)",
        OnTrack = "on track",
        AtRisk = "at risk",
        OffTrack = "off track",
        PeriodTotal = "{0}-{1} total",
        ProbabilityChartTitle = "Probability of reaching each target",
        ProbabilityAxis = "Probability of reaching the target",
        Interval95 = "95% interval",
        HeadlineMetTitle = "How many headline targets are met together",
        HeadlineMetAxis = "Headline targets met on the same path (of {0})",
        ShareOfPaths = "Share of paths",
        AllHeadlineMet = "All {0} met: {1}",
        MeanMet = "On average {0} of {1} met",
        DensityTitle = "Value in {0}",
        DensityAxis = "Share of paths per bin (bins {0} wide)",
        DensityLegend = "Paths' values (the run's own distribution)",
        MissedSide = "Side that misses the target",
        MissedIn = "Missed in {0}: {1} of paths",
        MissedSomeYear = "Missed in at least one year: {0}",
        HeadlineSheetTitle = "Headline indicators",
        FanChartCaption = "simulated paths and target",
        HeadlineGroup = "headline targets",
        OtherGroup = "other targets",
    };

    public static PlotWords Zh { get; } = new()
    {
        Observed = "实际值",
        Median = "中位路径",
        Band50 = "50%路径区间（P25-P75）",
        Band90 = "90%路径区间（P5-P95）",
        Target = "目标",
        RequiredPath = "均衡达标路径",
        Probability = "达标概率",
        OnTrack = "有望达标",
        AtRisk = "存在风险",
        OffTrack = "难以达标",
        PeriodTotal = "{0}-{1}年合计",
        ProbabilityChartTitle = "各项目标达成概率",
        ProbabilityAxis = "达标概率",
        Interval95 = "95%区间",
        HeadlineMetTitle = "同时达成的核心目标个数",
        HeadlineMetAxis = "同一路径上达成的核心目标个数（共{0}项）",
        ShareOfPaths = "路径占比",
        AllHeadlineMet = "{0}项全部达成：{1}",
        MeanMet = "平均达成{0}项（共{1}项）",
        DensityTitle = "{0}年取值",
        DensityAxis = "每个区间的路径占比（区间宽度{0}）",
        DensityLegend = "各路径取值（本次运行的分布）",
        MissedSide = "未达标一侧",
        MissedIn = "{0}年未达标：{1}的路径",
        MissedSomeYear = "至少一年未达标：{0}",
        HeadlineSheetTitle = "核心目标",
        FanChartCaption = "模拟路径与目标",
        HeadlineGroup = "核心目标",
        OtherGroup = "其他目标",
    };
}
