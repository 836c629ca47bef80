using System.Text;
using System.Text.RegularExpressions;
using Forecast.Runner.Output;
using Forecast.Tests.Robustness;

namespace Forecast.Tests.Runner;

/// <summary>
/// The messages of the validator and the file readers, and the help, in the language of <c>--lang</c>: a Chinese
/// sentence around the same file, line, column and field path (the names of what is in the file stay as written), the
/// same exit code, nothing written; in English the message as it always was.
/// </summary>
public sealed partial class MessagesLanguageTests
{
    private static bool HasCjk(string s) => s.Any(c => c is >= '\u2E80' and < '\uD800' or >= '\uFF00' and <= '\uFFEF');

    /// <summary>Writes <paramref name="text"/> to a new file of a new temporary folder and returns its path.</summary>
    private static string TempFile(string name, string text)
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary><see cref="BadScenarioInputTests.Valid"/> with a negative standard deviation on line 5, column 38.</summary>
    private static string NegativeSd() => TempFile("probe.yaml", BadScenarioInputTests.Valid.Replace("sd: 0.02}", "sd: -0.02}", StringComparison.Ordinal));

    [Fact]
    public async Task ScenarioError_InChinese_NamesFileLineAndField_ExitsWithTwo_AndWritesNothing()
    {
        string scenario = NegativeSd(), outDir = CliHarness.TempFolder();
        var zh = await CliHarness.Run("run", scenario, "--out", outDir, "--lang", "zh");

        Assert.Equal(2, zh.ExitCode);
        Assert.Contains($"  {scenario}:5:38: drivers[0].level.sd: sd 必须不小于 0，而不是 -0.02{Environment.NewLine}", zh.Error, StringComparison.Ordinal);
        Assert.StartsWith("错误：输入无法使用", zh.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(zh.Out);
    }

    [Fact]
    public async Task ScenarioError_InChinese_FromTheProgramItself()
    {
        // The process's own invocation (Program.Main), which also makes the language the default of every thread.
        string scenario = NegativeSd(), outDir = CliHarness.TempFolder();
        var start = CliHarness.ProcessStart("run", scenario, "--out", outDir, "--lang", "zh");
        start.Environment["LANG"] = "en_US.UTF-8";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;

        Assert.Equal(2, process.ExitCode);
        Assert.Contains($"  {scenario}:5:38: drivers[0].level.sd: sd 必须不小于 0，而不是 -0.02", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task ScenarioError_InEnglish_IsTheEnglishMessage()
    {
        string scenario = NegativeSd(), outDir = CliHarness.TempFolder();
        var en = await CliHarness.Run("run", scenario, "--out", outDir, "--lang", "en");

        Assert.Equal(2, en.ExitCode);
        Assert.Contains($"  {scenario}:5:38: drivers[0].level.sd: sd must be at least 0, not -0.02{Environment.NewLine}", en.Error, StringComparison.Ordinal);
        Assert.False(HasCjk(en.Error), en.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task ReaderErrors_InChinese_KeepKeysAndSuggestions_AndAMisspeltKeyIsNotAlsoMissing()
    {
        string scenario = TempFile("probe.yaml", BadScenarioInputTests.Valid.Replace("level: {dist: normal, mean: 0.1", "levle: {dist: normal, mean: 0.1", StringComparison.Ordinal));
        var zh = await CliHarness.Run("run", scenario, "--out", CliHarness.TempFolder(), "--lang", "zh");

        Assert.Equal(2, zh.ExitCode);
        Assert.Contains($"  {scenario}:5:5: drivers[0].levle: 未知的键 'levle'（是否应为 'level'？）；此处允许的键：id, name, level, yearly, changes, trend, note",
            zh.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("缺少必需的键 'level'", zh.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedYaml_InChinese_SaysWhatTheParserMissed_AtItsLine()
    {
        string scenario = TempFile("probe.yaml", "name: probe\nrun: {paths: 2000, seed: 1}\ndrivers:\n  - id: g\n   bad: [\n");
        var zh = await CliHarness.Run("run", scenario, "--out", CliHarness.TempFolder(), "--lang", "zh");

        Assert.Equal(2, zh.ExitCode);
        Assert.Contains($"  {scenario}:5:4: YAML 格式错误：解析列表时未找到应有的 '-'（列表各项须以 '- ' 开头且缩进一致）。", zh.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIfError_InChinese_NamesTheOverlayLineAndDriver()
    {
        string scenario = TempFile("probe.yaml", BadScenarioInputTests.Valid);
        string whatIf = Path.Combine(Path.GetDirectoryName(scenario)!, "faster.yaml");
        File.WriteAllText(whatIf, """
            base: probe.yaml
            name: faster
            drivers:
              gg:
                level: {dist: normal, mean: 0.2, sd: 0.02}

            """, new UTF8Encoding(false));
        string outDir = CliHarness.TempFolder();
        var zh = await CliHarness.Run("run", whatIf, "--out", outDir, "--lang", "zh");

        Assert.Equal(2, zh.ExitCode);
        Assert.Contains($"  {whatIf}:4:3: drivers.gg: 基准情景 'probe' 中没有驱动因素 'gg'（是否应为 'g'？）", zh.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task HistoryCsvError_InChinese_NamesFileLineAndColumn_AndWritesNothing()
    {
        string csv = TempFile("history.csv", "indicator,year,value\nhightech_enterprises,2019,200\nhightech_enterprises,2020,forty\n");
        string outDir = CliHarness.TempFolder();
        var zh = await CliHarness.Run("calibrate", csv, "--scenario", RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml"),
            "--out", outDir, "--no-plots", "--lang", "zh");

        Assert.Equal(2, zh.ExitCode);
        Assert.Contains($"  {csv}:3: value: 实为'forty'，不是数值；应为以 '.' 为小数点、不分组的数值，例如 1234 或 1.87", zh.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));

        var en = await CliHarness.Run("calibrate", csv, "--scenario", RepositoryFiles.Path("scenarios", "templates", "liaocheng-2025-assumptions.yaml"),
            "--out", outDir, "--no-plots", "--lang", "en");
        Assert.Contains($"  {csv}:3: value: found 'forty', which is not a number; expected a number with '.' as the decimal point and no grouping, e.g. 1234 or 1.87",
            en.Error, StringComparison.Ordinal);
    }

    /// <summary>Three English words in a row: a sentence left untranslated.</summary>
    [GeneratedRegex(@"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")]
    private static partial Regex EnglishRun();

    /// <summary>Option names, placeholders, file paths and dotted keys: the names of what the user types, kept as they are.</summary>
    [GeneratedRegex(@"(?<!\w)-{1,2}[\w?-]+|<[^>]*>|\[[\w|-]+\]|\S*[/.=]\S*")]
    private static partial Regex Names();

    /// <summary>The help's lines a person reads as prose: before the examples, without the names of what the user types.</summary>
    private static IEnumerable<string> Prose(string help) =>
        help.Split('\n').TakeWhile(l => l.TrimEnd() is not ("示例：" or "Examples:")).Select(l => Names().Replace(l, " "));

    [Theory]
    [InlineData("--lang", "zh", "run", "--help")]
    [InlineData("run", "--help", "--lang", "zh")]
    [InlineData("--lang=zh", "sweep", "--help")]
    [InlineData("--lang", "zh", "--help")]
    [InlineData("--lang", "zh")]
    public async Task Help_WithLangZh_IsChinese_WithoutAnEnglishSentence(params string[] args)
    {
        var outcome = await CliHarness.Run(args);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("选项：", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("示例：", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("  forecast ", outcome.Out, StringComparison.Ordinal);   // the examples stay commands
        Assert.Contains("--lang <auto|zh|en>", outcome.Out, StringComparison.Ordinal);
        var english = Prose(outcome.Out).Where(l => EnglishRun().IsMatch(l)).ToList();
        Assert.True(english.Count == 0, string.Join('\n', english));
        foreach (string word in new[] { "Usage:", "Options:", "Description:", "[default:", "REQUIRED", "Show help" })
            Assert.DoesNotContain(word, outcome.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("sweep")]
    [InlineData("goal")]
    public async Task Help_WithLangEn_HasNoChinese(string command)
    {
        var outcome = await CliHarness.RunOnSystem(true, command, "--help", "--lang", "en");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Options:", outcome.Out, StringComparison.Ordinal);
        Assert.False(HasCjk(outcome.Out), outcome.Out);
    }

    [Fact]
    public async Task ParseError_WithLangZh_IsChinese_WithTheUsageLine()
    {
        var outcome = await CliHarness.Run("run", "a.yaml", "b.yaml", "--lang=zh");

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("错误：", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("用法：forecast run <scenario> [选项]", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("运行“forecast run --help”查看全部选项。", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownLanguage_IsAParseError_NotTheHelp()
    {
        var outcome = await CliHarness.Run("--lang", "fr");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'fr'", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(outcome.Out);
    }

    [Theory]
    [InlineData(new[] { "run", "x.yaml", "--lang", "zh" }, "zh")]
    [InlineData(new[] { "--lang=en", "run" }, "en")]
    [InlineData(new[] { "--lang:zh" }, "zh")]
    [InlineData(new[] { "--lang", "en", "--lang", "zh" }, "zh")]
    [InlineData(new[] { "run", "--", "--lang", "zh" }, null)]
    [InlineData(new[] { "run", "--lang" }, null)]
    [InlineData(new[] { "run", "x.yaml" }, null)]
    public void RequestedLanguage_IsReadFromTheRawArguments(string[] args, string? expected)
    {
        Assert.Equal(expected, Language.RequestedIn(args));
    }
}
