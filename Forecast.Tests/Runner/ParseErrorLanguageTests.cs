namespace Forecast.Tests.Runner;

/// <summary>
/// System.CommandLine's own parse errors with <c>--lang zh</c>: Chinese sentences with full-width punctuation, the token
/// the user typed in Chinese quotes (“x”), options and commands as typed, then the usage line; with <c>--lang en</c>
/// System.CommandLine's English, unchanged (BadCommandLineTests pins it).
/// </summary>
public sealed class ParseErrorLanguageTests
{
    /// <summary>A scenario file that exists (the parse fails before it is read).</summary>
    private static string Scenario() => RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    [Theory]
    [InlineData(new[] { "run", "@scenario", "--pathz", "10" }, "错误：无法识别的命令或参数“--pathz”。\n错误：无法识别的命令或参数“10”。", "Unrecognized command or argument '--pathz'.")]
    [InlineData(new[] { "run", "@scenario", "extra.yaml" }, "错误：无法识别的命令或参数“extra.yaml”。", "Unrecognized command or argument 'extra.yaml'.")]
    [InlineData(new[] { "run" }, "错误：命令 run 缺少必需的参数 <scenario>。", "Required argument missing for command: 'run'.")]
    [InlineData(new[] { "evaluate" }, "错误：命令 evaluate 缺少必需的参数 <run-folder>。\n错误：命令 evaluate 缺少必需的参数 <actuals>。", "Required argument missing for command: 'evaluate'.")]
    [InlineData(new[] { "runn" }, "错误：缺少命令。\n错误：无法识别的命令或参数“runn”。", "Required command was not provided.")]
    [InlineData(new[] { "run", "@scenario", "--sampling", "stratified" }, "错误：无法识别的取值“stratified”，应为以下之一：random、antithetic、lhs、sobol。", "Argument 'stratified' not recognized. Must be one of:")]
    [InlineData(new[] { "run", "@scenario", "--seed", "1", "--seed", "2" }, "错误：选项 --seed 只能给出一个值，但给出了 2 个。", "Option '--seed' expects a single argument but 2 were provided.")]
    [InlineData(new[] { "run", "@scenario", "--out" }, "错误：选项 --out 缺少取值。", "Required argument missing for option: '--out'.")]
    [InlineData(new[] { "goal", "@scenario", "--lever", "g.mean" }, "错误：必须给出选项 --indicator。", "Option '--indicator' is required.")]
    [InlineData(new[] { "sensitivity", "@scenario", "--top", "many" }, "错误：选项 --top 的值“many”无法解析（应为整数）。", "Cannot parse argument 'many' for option '--top' as expected type 'System.Int32'.")]
    [InlineData(new[] { "run", "@scenario", "--paths", "x" }, "错误：--paths 应为整数路径数，例如 100000，而不是“x”。", "--paths expects a whole number of paths, e.g. 100000, not 'x'")]
    public async Task ParseError_WithLangZh_IsChinese_AndWithLangEn_IsSystemCommandLinesEnglish(string[] args, string chinese, string english)
    {
        string[] line = args.Select(a => a == "@scenario" ? Scenario() : a).ToArray();
        var zh = await CliHarness.Run(["--lang", "zh", .. line]);
        var en = await CliHarness.Run(["--lang", "en", .. line]);

        Assert.Equal(2, zh.ExitCode);
        Assert.StartsWith(chinese.Replace("\n", Environment.NewLine, StringComparison.Ordinal) + Environment.NewLine + "用法：", zh.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("'", zh.Error.Split(Environment.NewLine)[0], StringComparison.Ordinal);
        Assert.Empty(zh.Out);
        Assert.Equal(2, en.ExitCode);
        Assert.StartsWith("error: " + english, en.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoMissingArguments_InEnglish_AreSaidOnce()
    {
        var en = await CliHarness.Run("evaluate", "--lang", "en");
        Assert.Equal(2, en.ExitCode);
        Assert.Equal(1, en.Error.Split(Environment.NewLine).Count(l => l == "error: Required argument missing for command: 'evaluate'."));
    }
}
