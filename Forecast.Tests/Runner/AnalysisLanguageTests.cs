using System.Net;
using System.Text.RegularExpressions;
using Forecast.Scenarios;
using Forecast.Scenarios.History;

namespace Forecast.Tests.Runner;

/// <summary>
/// evaluate, targets, calibrate and the report in the language asked for, as the README runs them on the shipped files:
/// with <c>--lang zh</c> no English word a planner reads, outside a short list of names that stay as they are; with
/// <c>--lang en</c> no Chinese. Text quoted from the user's own files (an actuals file's notes, a scenario's notes and
/// sources) is in its author's language and is taken out first.
/// </summary>
public sealed partial class AnalysisLanguageTests
{
    private static readonly string Baseline = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
    private static readonly string Template = RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml");
    private static readonly string Outcomes = RepositoryFiles.Path("scenarios", "history", "liaocheng-outcomes.csv");
    private static readonly string PlanHistory = RepositoryFiles.Path("scenarios", "history", "liaocheng-plan-history.csv");
    private static readonly string PublicHistory = RepositoryFiles.Path("scenarios", "history", "public-history-to-2020.csv");

    /// <summary>
    /// English words that may stay in a Chinese page: method acronyms and names (CRPS, PIT, AIC, REML, RMSE, MAPE, Brier,
    /// Wilson, Sobol, PERT, copula, logistic, SHA, UTF), the formulas' functions (exp, max, round, logit, Binomial), the
    /// files named (distribution.json, scenario.yaml, evaluation.json, liaocheng-outcomes.csv, backtest.md), the command's
    /// own name and options (forecast, run, map, paths, seed, lang).
    /// Ids, scenario names and regions are added per test from the files themselves.
    /// </summary>
    internal static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "CRPS", "PIT", "AIC", "AICc", "BIC", "REML", "RMSE", "MAPE", "Brier", "Wilson", "Sobol", "PERT", "copula", "logistic", "SHA", "UTF",
        "exp", "max", "round", "logit", "Binomial",
        "json", "yaml", "csv", "png", "html", "distribution", "scenario", "evaluation", "outcomes", "backtest",
        "forecast", "run", "map", "paths", "seed", "lang",
    };

    [GeneratedRegex(@"\b[A-Za-z]{3,}\b")]
    internal static partial Regex EnglishWord();

    internal static bool HasCjk(string s) => s.Any(c => c is >= '\u2E80' and < '\uD800' or >= '\uFF00' and <= '\uFFEF');

    /// <summary>The English words of <paramref name="text"/> that are neither allowed nor among <paramref name="names"/>.</summary>
    internal static List<string> Stray(string text, IEnumerable<string> names)
    {
        var allowed = new HashSet<string>(Allowed.Concat(names), StringComparer.OrdinalIgnoreCase);
        return EnglishWord().Matches(text).Select(m => m.Value).Where(w => !allowed.Contains(w)).Distinct().ToList();
    }

    /// <summary>The ids, scenario names and regions of the shipped files: names, not words, in either language.</summary>
    internal static IEnumerable<string> Names()
    {
        var scenario = ScenarioReader.Read(Baseline);
        var actuals = ActualsCsvReader.Read(Outcomes);
        return scenario.Indicators.Select(i => i.Id).Concat(scenario.Drivers.Select(d => d.Id)).Concat(actuals.Select(a => a.Indicator))
            .Concat(actuals.Select(a => a.Region).OfType<string>())
            .SelectMany(n => n.Split('-', '_')).Append("liaocheng").Append("assumptions").Append("calibrated");
    }

    /// <summary>The text with the actuals file's notes taken out: they are quoted as the file writes them.</summary>
    private static string WithoutNotes(string text)
    {
        foreach (var a in ActualsCsvReader.Read(Outcomes))
            if (a.Note is { Length: > 0 } note) text = text.Replace(note, "", StringComparison.Ordinal);
        return text;
    }

    /// <summary>
    /// What a reader of report.html sees: the text outside tags, without the style, the embedded images, code (commands and
    /// ids) and what the page marks as quoted from the user's files (class "quoted": notes, sources, the scenario file).
    /// </summary>
    private static string VisibleText(string html)
    {
        html = Regex.Replace(html, "<style>.*?</style>", " ", RegexOptions.Singleline);
        html = Regex.Replace(html, "<code>.*?</code>", " ", RegexOptions.Singleline);
        html = Regex.Replace(html, "<(span|td|p|pre)[^>]*class=\"quoted\"[^>]*>.*?</\\1>", " ", RegexOptions.Singleline);
        html = Regex.Replace(html, "<[^>]+>", " ");
        return WebUtility.HtmlDecode(html);
    }

    /// <summary>One small run of the baseline, shared: evaluate reads it in both languages.</summary>
    private static readonly Lazy<Task<string>> SharedRun = new(async () =>
    {
        string folder = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Baseline, "--paths", "2000", "--no-plots", "--out", folder);
        Assert.Equal(0, outcome.ExitCode);
        return folder;
    });

    [Fact]
    public async Task Evaluate_InChinese_ConsoleCsvAndReport_HaveNoEnglishWords()
    {
        string run = await SharedRun.Value;
        string outDir = CliHarness.TempFolder();
        var zh = await CliHarness.Run("evaluate", run, Outcomes, "--out", outDir, "--report", "--no-plots", "--lang", "zh");
        Assert.True(zh.ExitCode == 0, zh.Error);

        string console = WithoutNotes(zh.Out + zh.Error).Replace(outDir, "", StringComparison.Ordinal);
        Assert.Empty(Stray(console, Names()));
        foreach (string word in new[] { "预测与实际值对照", "实际值可判定的目标", "已达成", "高于区间", "区间内", "名义覆盖率", "Brier评分", "未计分", "基期：预测从2020年的268起步", "本次预测无此指标", "已写入" })
            Assert.Contains(word, zh.Out, StringComparison.Ordinal);

        string[] csv = File.ReadAllLines(Path.Combine(outDir, "evaluation.csv"));
        Assert.StartsWith("指标代码,实际值文件中的指标代码,年份,实际值,", csv[0], StringComparison.Ordinal);
        Assert.Contains("PIT值（小数）", csv[0], StringComparison.Ordinal);
        Assert.Empty(Stray(csv[0], []));
        Assert.StartsWith("hightech_enterprises,", csv[1], StringComparison.Ordinal);   // the id stays as the first column

        string page = VisibleText(File.ReadAllText(Path.Combine(outDir, "report.html")));
        Assert.Empty(Stray(page, Names()));
        foreach (string word in new[] { "预测与实际值对照评估", "已计分的实际值", "驱动因素", "水平（每条路径抽取一次）", "年度波动", "方法与复现", "蒙特卡洛模拟", "Wilson得分区间" })
            Assert.Contains(word, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_InEnglish_HasNoChinese()
    {
        string run = await SharedRun.Value;
        var en = await CliHarness.Run("evaluate", run, Outcomes, "--out", CliHarness.TempFolder(), "--no-plots", "--lang", "en");
        Assert.True(en.ExitCode == 0, en.Error);
        Assert.False(HasCjk(WithoutNotes(en.Out + en.Error)), en.Out);
        Assert.Contains("Targets the outcomes speak to", en.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_SpeaksTheChosenLanguage_OnTheConsoleAndInItsCsv()
    {
        string outZh = CliHarness.TempFolder();
        var zh = await CliHarness.Run("targets", Baseline, "--paths", "2000", "--out", outZh, "--lang", "zh");
        Assert.True(zh.ExitCode == 0, zh.Error);
        Assert.Empty(Stray((zh.Out + zh.Error).Replace(outZh, "", StringComparison.Ordinal), Names()));
        foreach (string word in new[] { "各概率下可达的最高目标", "现行目标", "隐含增速", "联合目标", "规则：", "进取系数", "%/年" })
            Assert.Contains(word, zh.Out, StringComparison.Ordinal);
        string header = File.ReadLines(Path.Combine(outZh, "targets.csv")).First();
        Assert.StartsWith("指标代码,目标组,基期年份,", header, StringComparison.Ordinal);
        Assert.Contains("隐含年增速（小数；计数类为每年增量）", header, StringComparison.Ordinal);
        Assert.Empty(Stray(header, []));

        var en = await CliHarness.Run("targets", Baseline, "--paths", "2000", "--out", CliHarness.TempFolder(), "--lang", "en");
        Assert.True(en.ExitCode == 0, en.Error);
        Assert.False(HasCjk(en.Out + en.Error), en.Out);
        Assert.Contains("Joint targets", en.Out, StringComparison.Ordinal);
    }

    /// <summary>
    /// calibrate's whole console output in Chinese: the tables (titles, headers and every cell: methods, data, estimates,
    /// backtests, drivers, candidates), the warnings and the closing lines. Printed wide, so that no cell wraps, and with what is
    /// quoted from the user's files taken out first: the sources of the history files and of the scenario's history points.
    /// The regions and indicators of the history files are names. Greek letters written out (sigma, tau, rho, alpha) are symbols.
    /// </summary>
    [Fact]
    public async Task Calibrate_InChinese_WholeConsoleOutput_HasNoEnglishWords()
    {
        string outDir = CliHarness.TempFolder();
        var zh = await CliHarness.RunAtWidth(1000, "calibrate", PlanHistory, PublicHistory, "--scenario", Template, "--out", outDir, "--no-plots", "--force", "--lang", "zh");
        Assert.True(zh.ExitCode == 0, zh.Error);
        var lines = zh.Out.Replace(outDir, "", StringComparison.Ordinal).Split('\n');
        string title = lines.First(l => l.Contains("基于历史数据的校准", StringComparison.Ordinal));
        string header = lines.First(l => l.Contains("驱动因素水平", StringComparison.Ordinal));
        string candidates = lines.First(l => l.Contains("候选结构：权重", StringComparison.Ordinal));
        string[] closing = lines.Where(l => l.StartsWith("已校准", StringComparison.Ordinal) || l.StartsWith("运行校准后的情景", StringComparison.Ordinal)
            || l.StartsWith("警告", StringComparison.Ordinal) || l.Contains("项指标无历史数据", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, closing.Length);
        Assert.Empty(Stray(string.Join('\n', closing.Prepend(candidates).Prepend(header).Prepend(title)), Names()));
        var history = new[] { PlanHistory, PublicHistory }.SelectMany(f => HistoryCsvReader.Read(f).PanelOrThrow().Series).ToList();
        var quoted = history.SelectMany(s => s.Observations).Select(o => o.Source)
            .Concat(ScenarioReader.Read(Template).Indicators.SelectMany(i => i.HistoryPoints).Select(h => h.Source))
            .OfType<string>().Where(q => q.Length > 0).Distinct().OrderByDescending(q => q.Length);
        string whole = zh.Out.Replace(outDir, "", StringComparison.Ordinal);
        foreach (string q in quoted) whole = whole.Replace(q, "", StringComparison.Ordinal);
        var names = Names().Concat(history.SelectMany(s => new[] { s.Indicator, s.Region ?? "" }).SelectMany(n => n.Split('-', '_', ' ')))
            .Concat(["sigma", "tau", "rho", "alpha", "AICc", "Cameron", "Trivedi"]);
        Assert.Empty(Stray(whole, names));
        foreach (string word in new[] { "未变", "已校准", "（比率）", "候选结构（模型不确定性）", "线性趋势：", "复合增长：", "先验权重" })
            Assert.Contains(word, zh.Out, StringComparison.Ordinal);

        var en = await CliHarness.Run("calibrate", PlanHistory, PublicHistory, "--scenario", Template, "--out", CliHarness.TempFolder(), "--no-plots", "--force", "--lang", "en");
        Assert.True(en.ExitCode == 0, en.Error);
        Assert.False(HasCjk(en.Out + en.Error), en.Out);
        Assert.Contains("Run the calibrated scenario with: forecast run", en.Out, StringComparison.Ordinal);
    }
}
