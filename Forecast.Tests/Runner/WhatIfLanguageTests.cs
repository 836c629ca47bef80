using System.Text.RegularExpressions;
using Forecast.Scenarios;

namespace Forecast.Tests.Runner;

/// <summary>
/// compare, sweep, goal and sensitivity speak the language <c>--lang</c> resolves to, on the shipped scenario: every
/// console line (tables, notes, answers, "no chart written" lines, the "wrote" line) and every CSV header.
/// </summary>
public sealed partial class WhatIfLanguageTests
{
    private static readonly string Scenario = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
    private static readonly string PlanInputs = RepositoryFiles.Path("scenarios", "whatif-plan-inputs.yaml");

    [GeneratedRegex(@"\b[A-Za-z]{3,}\b")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"[\w.-]+\.(csv|json|png|svg)\b")]
    private static partial Regex FileName();

    [GeneratedRegex(@"[\u2E80-\u9FFF\u3000-\u303F\uFF00-\uFFEF]")]
    private static partial Regex Cjk();

    /// <summary>
    /// What a Chinese console may still spell in Latin letters, each typed or read as is by a Chinese user:
    /// the scenarios' names and the driver and indicator ids (what --lever and --indicator take; snake_case ids never
    /// match the word pattern, single words such as "phds" would), a lever's parameter names (hightech_exit_rate.mean),
    /// option names (--paths) and file names (sweep.csv), the output folder's path, the method names Chinese
    /// statistics keeps in Latin (Sobol指数, Spearman秩相关, Wilson区间), and the shell command that installs a CJK font
    /// (printed when the machine has none).
    /// </summary>
    private static readonly string[] AllowedWords = ["mean", "mode", "Sobol", "Spearman", "Wilson", "Debian"];

    private static readonly string[] AllowedPhrases = ["apt-get install fonts-noto-cjk"];

    public static TheoryData<string> Commands() => ["compare", "sweep", "goal", "sensitivity"];

    /// <summary>The command on the shipped scenario, as small as it runs in a second or two; sweep draws its charts (their "not drawn" lines are console lines).</summary>
    private static string[] Arguments(string command, string lang, string outDir)
    {
        string[] args = command switch
        {
            "compare" => ["compare", Scenario, PlanInputs, "--paths", "1000", "--no-plots"],
            "sweep" => ["sweep", Scenario, "--lever", "hightech_new_constant.mean=50:110:2", "--lever", "hightech_exit_rate.mean=0.02:0.1:1", "--paths", "500"],
            "goal" => ["goal", Scenario, "--indicator", "hightech_enterprises", "--lever", "hightech_exit_rate.mean", "--paths", "1000", "--no-plots"],
            _ => ["sensitivity", Scenario, "--indicator", "hightech_enterprises", "--paths", "200", "--samples", "16", "--spearman-paths", "200", "--no-plots"],
        };
        return [.. args, "--lang", lang, "--out", outDir];
    }

    private static readonly Dictionary<string, string[]> CsvFiles = new()
    {
        ["compare"] = ["compare.csv"],
        ["sweep"] = ["sweep.csv"],
        ["goal"] = ["goal.csv"],
        ["sensitivity"] = ["tornado.csv", "sobol.csv", "spearman.csv"],
    };

    /// <summary>Words a Chinese planner reads in each command's answer.</summary>
    private static readonly Dictionary<string, string[]> ChineseWords = new()
    {
        ["compare"] = ["达标概率", "差值 [95%置信区间]", "中位数", "高新技术企业数量", "已写入"],
        ["sweep"] = ["达标概率随", "核心目标全部达成", "不受杠杆影响", "未绘制热力图", "（年率，%）"],
        ["goal"] = ["目标：", "达标概率≥80.0%", "现状：", "每年", "共同随机数"],
        ["sensitivity"] = ["龙卷风图", "驱动因素", "中位数", "Sobol指数", "（年际波动）"],
    };

    private static IEnumerable<string> UnexpectedEnglish(string text, string outDir)
    {
        var ids = ScenarioReader.Read(Scenario).Drivers.Select(d => d.Id)
            .Concat(ScenarioReader.Read(Scenario).Indicators.Select(i => i.Id))
            .Append("liaocheng-2025").Append("whatif-plan-inputs").ToHashSet(StringComparer.Ordinal);
        foreach (string phrase in AllowedPhrases.Append(outDir).Concat(ids.OrderByDescending(i => i.Length))) text = text.Replace(phrase, " ", StringComparison.Ordinal);
        text = FileName().Replace(OptionName().Replace(text, " "), " ");
        return EnglishWord().Matches(text).Select(m => m.Value).Where(w => !AllowedWords.Contains(w, StringComparer.Ordinal)).Distinct();
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Chinese_ConsoleAndCsvHeaders_HaveNoEnglishWords(string command)
    {
        string outDir = CliHarness.TempFolder();
        // A console wide enough that no id is wrapped or cut in a table cell ("hightech_output_share_incr|ement" is no English word).
        var outcome = await CliHarness.Run(Arguments(command, "zh", outDir));
        string all = outcome.Out + outcome.Error;
        Assert.True(outcome.ExitCode == 0, all);
        Assert.Empty(UnexpectedEnglish(all, outDir));
        foreach (string word in ChineseWords[command]) Assert.Contains(word, outcome.Out, StringComparison.Ordinal);

        foreach (string file in CsvFiles[command])
        {
            var lines = File.ReadAllLines(Path.Combine(outDir, file));
            string[] header = lines[0].Split(',');
            // The indicator's id stays a column, under a Chinese header; every other header is Chinese too (a lever's id excepted).
            int id = Array.IndexOf(header, "指标代码");
            Assert.True(id >= 0, $"{file}: {lines[0]}");
            Assert.Matches("^[a-z_]+$", lines[1].Split(',')[id]);
            Assert.Empty(UnexpectedEnglish(lines[0], outDir));
            Assert.All(header.Where(h => !h.Contains('.', StringComparison.Ordinal)), h => Assert.Matches(Cjk(), h));
        }
        if (command != "sweep") return;
        // Rates stay fractions, and the header of a rate's lever says so.
        var sweep = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        Assert.StartsWith("hightech_new_constant.mean,hightech_exit_rate.mean（年率，小数）,指标代码,达标概率（小数）,", sweep[0], StringComparison.Ordinal);
        Assert.StartsWith("50,0.02,", sweep[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareOfThreeScenarios_FitsA120ColumnConsole_OneColumnPerWhatIf()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.RunAtWidth(120, "compare", Scenario, PlanInputs, RepositoryFiles.Path("scenarios", "whatif-high-investment.yaml"),
            "--paths", "1000", "--no-plots", "--lang", "zh", "--out", outDir);
        Assert.True(outcome.ExitCode == 0, outcome.Out + outcome.Error);
        Assert.All(outcome.Out.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 120, line));
        // Each what-if's probability over its difference; targets the what-if does not touch read "相同" (the same on every path).
        Assert.Contains("相同", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("共3个情景", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("…", outcome.Out, StringComparison.Ordinal); // nothing cut: names too long for a column are folded
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task English_ConsoleAndCsvHeaders_HaveNoChinese(string command)
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run(Arguments(command, "en", outDir));
        string all = outcome.Out + outcome.Error;
        Assert.True(outcome.ExitCode == 0, all);
        Assert.DoesNotMatch(Cjk(), all);
        foreach (string file in CsvFiles[command])
        {
            string header = File.ReadLines(Path.Combine(outDir, file)).First();
            Assert.DoesNotMatch(Cjk(), header);
            Assert.Contains("indicator", header.Split(','));
            // Probabilities, rates and variance shares are fractions and say so (spearman.csv holds correlations only).
            if (file != "spearman.csv") Assert.Contains("(fraction", header, StringComparison.Ordinal);
        }
    }
}
