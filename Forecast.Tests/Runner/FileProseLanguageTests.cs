using System.Text.Json;
using System.Text.RegularExpressions;

namespace Forecast.Tests.Runner;

/// <summary>
/// The prose that evaluate, run --observed and targets write into their files (evaluation.json's explanations, the nowcast's
/// warning in summary.json, targets.json's rule and the overlays' comments) and their input errors, in the language of
/// <c>--lang</c>: Chinese sentences around the same ids, years and numbers; with <c>--lang en</c> the English as before.
/// Property names and ids stay as they are.
/// </summary>
public sealed partial class FileProseLanguageTests
{
    private static readonly string Baseline = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
    private static readonly string Outcomes = RepositoryFiles.Path("scenarios", "history", "liaocheng-outcomes.csv");

    private static bool HasCjk(string s) => s.Any(c => c is >= '\u2E80' and < '\uD800' or >= '\uFF00' and <= '\uFFEF');

    /// <summary>An English word of three letters or more, outside ids (with '_' or '-'), options (--map) and file names.</summary>
    [GeneratedRegex(@"(?<![\w.-])[A-Za-z]{3,}(?![\w.-])")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"--?[\w-]+|[\w.]*[_./][\w./=-]*")]
    private static partial Regex Names();

    private static List<string> EnglishWords(string text) => EnglishWord().Matches(Names().Replace(text, " ")).Select(m => m.Value).ToList();

    /// <summary>One small run of the baseline, shared.</summary>
    private static readonly Lazy<Task<string>> SharedRun = new(async () =>
    {
        string folder = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Baseline, "--paths", "2000", "--no-plots", "--out", folder);
        Assert.Equal(0, outcome.ExitCode);
        return folder;
    });

    /// <summary>Every "explanation" of evaluation.json: the actuals not scored, then the targets.</summary>
    private static List<string> Explanations(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "evaluation.json")));
        return doc.RootElement.GetProperty("notScored").EnumerateArray().Concat(doc.RootElement.GetProperty("targets").EnumerateArray())
            .Select(e => e.GetProperty("explanation").GetString()!).ToList();
    }

    [Fact]
    public async Task EvaluationJson_Explanations_AreChineseWithLangZh_AndEnglishWithLangEn()
    {
        string run = await SharedRun.Value;
        string zhDir = CliHarness.TempFolder(), enDir = CliHarness.TempFolder();
        var zh = await CliHarness.Run("evaluate", run, Outcomes, "--out", zhDir, "--no-plots", "--lang", "zh");
        var en = await CliHarness.Run("evaluate", run, Outcomes, "--out", enDir, "--no-plots", "--lang", "en");
        Assert.True(zh.ExitCode == 0, zh.Error);
        Assert.True(en.ExitCode == 0, en.Error);

        var chinese = Explanations(zhDir);
        var english = Explanations(enDir);
        Assert.Equal(english.Count, chinese.Count);
        Assert.All(chinese, x => Assert.True(HasCjk(x) && EnglishWords(x).Count == 0, x));
        Assert.All(english, x => Assert.False(HasCjk(x), x));
        Assert.Contains("基期：预测从2020年的268起步", chinese);
        Assert.Contains("the base year: the forecast starts from 268 in 2020", english);
        Assert.Contains(chinese, x => x.StartsWith("本次预测无此指标（相近代码：new_hightech_enterprises；", StringComparison.Ordinal)
            && x.Contains("--map new_hightech_enterprises_2021_2025=new_hightech_enterprises", StringComparison.Ordinal));
        Assert.Contains(english, x => x.StartsWith("not in this forecast (a similar id: new_hightech_enterprises;", StringComparison.Ordinal));
        // The console says the same as the file, and ends with the time and the files in the language asked for.
        Assert.Contains("基期：预测从2020年的268起步", zh.Out, StringComparison.Ordinal);
        Assert.Matches(@"用时\d+\.\d秒。已写入\d+个文件到", zh.Out);
        Assert.Matches(@"\d+\.\d s\. Wrote \d+ files to ", en.Out);
    }

    [Theory]
    [InlineData("zh", "  --map: 应为“实际值代码=指标代码”，例如 new_hightech_enterprises_2021_2025=new_hightech_enterprises，而不是“nonsense”")]
    [InlineData("en", "  --map: expected actual_id=indicator_id, e.g. new_hightech_enterprises_2021_2025=new_hightech_enterprises, not 'nonsense'")]
    public async Task Evaluate_BadMapping_IsReportedInTheLanguageAsked(string lang, string expected)
    {
        string run = await SharedRun.Value, outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("evaluate", run, Outcomes, "--map", "nonsense", "--out", outDir, "--no-plots", "--lang", lang);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("zh", "文件夹不存在；请给出 forecast run 的输出文件夹")]
    [InlineData("en", "no such folder; give the output folder of a 'forecast run'")]
    public async Task Evaluate_MissingRunFolder_IsReportedInTheLanguageAsked(string lang, string expected)
    {
        string missing = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("evaluate", missing, Outcomes, "--no-plots", "--lang", lang);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"  {missing}: {expected}", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NowcastWarning_InSummaryJsonAndOnTheConsole_IsChineseWithLangZh()
    {
        async Task<(CliHarness.Outcome Outcome, string Warning)> Nowcast(string lang)
        {
            string outDir = CliHarness.TempFolder();
            var outcome = await CliHarness.Run("run", Baseline, "--paths", "2000", "--no-plots", "--out", outDir, "--lang", lang,
                "--observed", Outcomes, "--observed-until", "2023");
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            var found = new List<string>();
            void Walk(JsonElement e)
            {
                if (e.ValueKind == JsonValueKind.Object)
                    foreach (var p in e.EnumerateObject())
                        if (p.Name == "warning") found.Add(p.Value.GetString()!);
                        else Walk(p.Value);
                else if (e.ValueKind == JsonValueKind.Array)
                    foreach (var item in e.EnumerateArray()) Walk(item);
            }
            Walk(doc.RootElement);
            return (outcome, Assert.Single(found));
        }
        var (zh, chinese) = await Nowcast("zh");
        var (en, english) = await Nowcast("en");
        Assert.StartsWith("观测值与模型的预期相去甚远：2,000个参数抽样的权重仅相当于", chinese, StringComparison.Ordinal);
        Assert.StartsWith("the observations lie far from what the model expects: the 2,000 parameter draws", english, StringComparison.Ordinal);
        Assert.Contains("警告：观测值与模型的预期相去甚远", zh.Out, StringComparison.Ordinal);
        Assert.Contains("Warning: the observations lie far", en.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("： ", zh.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_JsonRuleAndOverlays_AreChineseWithLangZh_AndEnglishWithLangEn()
    {
        string zhDir = CliHarness.TempFolder(), enDir = CliHarness.TempFolder();
        var zh = await CliHarness.Run("targets", Baseline, "--paths", "2000", "--no-plots", "--out", zhDir, "--lang", "zh");
        var en = await CliHarness.Run("targets", Baseline, "--paths", "2000", "--no-plots", "--out", enDir, "--lang", "en");
        Assert.True(zh.ExitCode == 0, zh.Error);
        Assert.True(en.ExitCode == 0, en.Error);

        static string Rule(string folder)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "targets.json")));
            return doc.RootElement.GetProperty("joint").GetProperty("rule").GetString()!;
        }
        Assert.StartsWith("边际概率相等：", Rule(zhDir), StringComparison.Ordinal);
        Assert.StartsWith("equal marginal probability: ", Rule(enDir), StringComparison.Ordinal);

        string overlay = File.ReadAllText(Path.Combine(zhDir, "liaocheng-2025-targets-p80.yaml"));
        var comments = overlay.Split('\n').Where(l => l.StartsWith('#')).ToList();
        Assert.Equal(3, comments.Count);
        Assert.All(comments, c => Assert.True(HasCjk(c) && EnglishWords(c).All(w => w is "forecast" or "targets" or "probability" or "run"), c));
        Assert.Contains("source: \"forecast targets：", overlay, StringComparison.Ordinal);
        string english = File.ReadAllText(Path.Combine(enDir, "liaocheng-2025-targets-p80.yaml"));
        Assert.StartsWith("# Every indicator's target set to the most ambitious one it reaches with probability 0.8 on its own.\n# Written by: forecast targets ",
            english, StringComparison.Ordinal);
        Assert.False(HasCjk(string.Concat(english.Split('\n').Where(l => l.StartsWith('#') || l.Contains("source:", StringComparison.Ordinal)))));

        // The Chinese overlay is a what-if like the English one: run reads it and gives the same probabilities.
        var ownZh = await CliHarness.Run("run", Path.Combine(zhDir, "liaocheng-2025-targets-p80.yaml"), "--no-plots", "--out", CliHarness.TempFolder(), "--lang", "en");
        var ownEn = await CliHarness.Run("run", Path.Combine(enDir, "liaocheng-2025-targets-p80.yaml"), "--no-plots", "--out", CliHarness.TempFolder(), "--lang", "en");
        Assert.True(ownZh.ExitCode == 0, ownZh.Error);
        static string Table(string output) => output[output.IndexOf('╭', StringComparison.Ordinal)..output.IndexOf('╯', StringComparison.Ordinal)];
        Assert.Equal(Table(ownEn.Out), Table(ownZh.Out));
    }

    /// <summary>
    /// run's summary.csv, a planner's spreadsheet: with --lang zh the status and progress columns are words in Chinese
    /// (as the console's), with --lang en in English as before; ids, directions and numbers are the same in both.
    /// </summary>
    [Theory]
    [InlineData("zh", "有望达成|存在风险|难以达成")]
    [InlineData("en", "on track|at risk|off track")]
    public async Task SummaryCsv_StatusAndProgress_AreInTheChosenLanguage(string lang, string statuses)
    {
        string folder = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Baseline, "--paths", "2000", "--no-plots", "--lang", lang, "--out", folder);
        Assert.Equal(0, outcome.ExitCode);
        var lines = File.ReadAllLines(Path.Combine(folder, "summary.csv")).Where(l => !l.StartsWith('#')).ToList();
        // Names and English headers may hold commas inside quotes.
        static string[] Cells(string line) => Regex.Split(line, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        var header = Cells(lines[0]);
        int status = Array.FindIndex(header, h => h is "status" or "状态"), progress = Array.FindIndex(header, h => h is "progress" or "历史进度类别");
        Assert.True(status > 0 && progress > 0, lines[0]);
        var allowed = statuses.Split('|');
        foreach (string line in lines.Skip(1))
        {
            var cells = Cells(line);
            Assert.Equal(header.Length, cells.Length);
            Assert.Contains(cells[status], allowed);
            Assert.Equal(lang == "zh", HasCjk(cells[progress]));
        }
    }
}
