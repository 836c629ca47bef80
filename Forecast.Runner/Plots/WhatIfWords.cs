namespace Forecast.Runner.Plots;

/// <summary>The fixed words of the what-if plots (compare, sweep, goal, sensitivity), in English and in Chinese.</summary>
internal sealed record WhatIfWords
{
    public required string CompareTitle { get; init; }
    /// <summary>The row of every headline target met on the same path.</summary>
    public required string AllHeadlineMet { get; init; }
    /// <summary>The title of the joint headline row's heatmap.</summary>
    public required string AllHeadlineTitle { get; init; }
    /// <summary>Format with {0} = the target's name.</summary>
    public required string SweepTitle { get; init; }
    /// <summary>Format with {0} = the lever.</summary>
    public required string SweepLinesTitle { get; init; }
    /// <summary>The 0.8 line or contour.</summary>
    public required string Line80 { get; init; }
    /// <summary>The levers' values in the scenario.</summary>
    public required string Now { get; init; }
    /// <summary>Format with {0} = the target's name, {1} and {2} = the low and high percentiles (10, 90).</summary>
    public required string TornadoTitle { get; init; }
    /// <summary>Format with {0} = percentile.</summary>
    public required string DriverAt { get; init; }
    /// <summary>Format with {0} = probability.</summary>
    public required string AllAtMedians { get; init; }
    /// <summary>Format with {0} = number of drivers.</summary>
    public required string OthersUnmoved { get; init; }
    /// <summary>Format with {0} = number of drivers.</summary>
    public required string NoneMoves { get; init; }
    /// <summary>Format with {0} = number of drivers.</summary>
    public required string SmallerSwings { get; init; }
    /// <summary>Format with {0} = the target's name.</summary>
    public required string SobolTitle { get; init; }
    public required string SobolMet { get; init; }
    /// <summary>Format with {0} = target year.</summary>
    public required string SobolValue { get; init; }
    public required string FirstOrder { get; init; }
    public required string TotalOrder { get; init; }
    public required string SobolAxis { get; init; }
    public required string YearToYear { get; init; }
    /// <summary>Format with {0} = number of inputs left out.</summary>
    public required string OthersLeftOut { get; init; }
    /// <summary>Format with {0} = the target's name, {1} = wanted probability.</summary>
    public required string GoalTitle { get; init; }
    /// <summary>Format with {0} = wanted probability.</summary>
    public required string Wanted { get; init; }
    public required string Estimated { get; init; }
    /// <summary>Format with {0} = the answer, {1}-{2} = its interval.</summary>
    public required string Answer { get; init; }
    public required string NotReached { get; init; }
    /// <summary>The tornado's second title line. Format with {0} = the centre's probability, {1} = the run's.</summary>
    public required string TornadoQuestion { get; init; }
    /// <summary>As <see cref="TornadoQuestion"/> without the run's probability. Format with {0} = the centre's probability.</summary>
    public required string TornadoQuestionNoRun { get; init; }
    public required string TornadoAxis { get; init; }
    /// <summary>Format with {0} = the run's probability.</summary>
    public required string RunProbability { get; init; }
    /// <summary>Format with {0} = the run's probability (outside the zoomed axis).</summary>
    public required string RunProbabilityOffAxis { get; init; }
    /// <summary>The note on a Sobol chart with a negative first-order estimate or a total below its first order.</summary>
    public required string SobolNoise { get; init; }

    /// <summary>The Chinese words when <paramref name="language"/> is Chinese, the English otherwise.</summary>
    public static WhatIfWords Of(PlotLanguage language) => language.Chinese ? Zh : En;

    /// <summary>Every word, for checking that a font covers them.</summary>
    public string AllText() => string.Concat(CompareTitle, AllHeadlineMet, AllHeadlineTitle, SweepTitle, SweepLinesTitle, Line80, Now, TornadoTitle, DriverAt,
        AllAtMedians, OthersUnmoved, NoneMoves, SmallerSwings, SobolTitle, SobolMet, SobolValue, FirstOrder, TotalOrder, SobolAxis, YearToYear, OthersLeftOut, GoalTitle,
        Wanted, Estimated, Answer, NotReached, TornadoQuestion, TornadoQuestionNoRun, TornadoAxis, RunProbability,
        RunProbabilityOffAxis, SobolNoise);

    public static WhatIfWords En { get; } = new()
    {
        CompareTitle = "Probability of reaching each target, by scenario",
        AllHeadlineMet = "All headline targets met together",
        AllHeadlineTitle = "Probability that every headline target is met on the same path",
        SweepTitle = "{0}: probability of reaching the target",
        SweepLinesTitle = "Probability of reaching the headline targets as {0} varies",
        Line80 = "80% (on track)",
        Now = "Now",
        TornadoTitle = "{0}\none driver at its P{1} or P{2}, the others at their medians",
        DriverAt = "Driver at its P{0}",
        AllAtMedians = "Every driver at its median: {0}",
        OthersUnmoved = "{0} other drivers do not move it",
        NoneMoves = "None of the {0} uncertain drivers moves it",
        SmallerSwings = "{0} drivers with smaller swings are left out",
        SobolTitle = "{0}: Sobol indices with 95% intervals",
        SobolMet = "Meeting the target (yes/no)",
        SobolValue = "Value in {0}",
        FirstOrder = "First order S1 (alone)",
        TotalOrder = "Total ST (with interactions)",
        SobolAxis = "Share of the variance explained",
        YearToYear = "Year-to-year variation",
        OthersLeftOut = "{0} inputs with total indices below 1% are left out",
        GoalTitle = "{0}: lever value for a probability of {1}",
        Wanted = "Wanted: {0}",
        Estimated = "P(target met), 95% interval",
        Answer = "Answer: {0} (95% interval {1} to {2})",
        NotReached = "Not reached in the range searched",
        TornadoQuestion = "centre (every driver at its median) {0} ≠ forecast run (every driver uncertain) {1}",
        TornadoQuestionNoRun = "centre (every driver at its median) {0}, not forecast run's answer (every driver uncertain)",
        TornadoAxis = "P(target met) with the drivers fixed as stated (axis zoomed to the bars)",
        RunProbability = "forecast run (every driver uncertain): {0}",
        RunProbabilityOffAxis = "forecast run (every driver uncertain): {0}, off this axis",
        SobolNoise = "A first-order bar below 0, or a total below its first order, is sampling noise (true indices: 0 ≤ S1 ≤ ST); the 95% intervals show its size",
    };

    public static WhatIfWords Zh { get; } = new()
    {
        CompareTitle = "各情景下各项目标达成概率",
        AllHeadlineMet = "核心目标同时全部达成",
        AllHeadlineTitle = "全部核心目标同时达标的概率",
        SweepTitle = "{0}：达标概率",
        SweepLinesTitle = "核心目标达标概率随{0}的变化",
        Line80 = "80%（有望达标）",
        Now = "现状",
        TornadoTitle = "{0}\n单个驱动因素取P{1}或P{2}、其余取中位数",
        DriverAt = "驱动因素取P{0}",
        AllAtMedians = "全部取中位数：{0}",
        OthersUnmoved = "另有{0}个驱动因素不影响该目标",
        NoneMoves = "{0}个不确定的驱动因素均不影响该目标",
        SmallerSwings = "另有{0}个影响更小的驱动因素未列出",
        SobolTitle = "{0}：Sobol指数及95%区间",
        SobolMet = "是否达标",
        SobolValue = "{0}年取值",
        FirstOrder = "一阶指数S1（单独作用）",
        TotalOrder = "总效应指数ST（含交互作用）",
        SobolAxis = "解释的方差比例",
        YearToYear = "年际波动",
        OthersLeftOut = "另有{0}个总效应指数低于1%的输入未列出",
        GoalTitle = "{0}：达标概率{1}所需的取值",
        Wanted = "期望概率：{0}",
        Estimated = "达标概率及95%区间",
        Answer = "所需取值：{0}（95%区间{1}至{2}）",
        NotReached = "搜索范围内无法达到",
        TornadoQuestion = "中心线（全部取中位数）{0} ≠ 运行结果（全部不确定）{1}",
        TornadoQuestionNoRun = "中心线（全部取中位数）{0}，不同于运行结果（全部不确定）",
        TornadoAxis = "按所示取值固定驱动因素时的达标概率（坐标轴按条形范围缩放）",
        RunProbability = "运行结果（全部驱动因素不确定）：{0}",
        RunProbabilityOffAxis = "运行结果（全部驱动因素不确定）：{0}，超出本坐标轴",
        SobolNoise = "一阶指数低于0或总效应指数低于一阶指数属于抽样误差（真实值满足0 ≤ S1 ≤ ST），其大小见95%区间",
    };
}
