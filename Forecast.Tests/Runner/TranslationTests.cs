using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Forecast.Runner.Output;
using Forecast.Runner.Plots;
using Forecast.Runner.Resources;

namespace Forecast.Tests.Runner;

/// <summary>Every English word a person reads has its Chinese counterpart: the resources and the plots' words.</summary>
public sealed partial class TranslationTests
{
    private static bool HasCjk(string s) => s.Any(c => c is >= '\u2E80' and < '\uD800' or >= '\uFF00' and <= '\uFFEF');

    [GeneratedRegex(@"\{\d+[^}]*\}")]
    private static partial Regex Placeholder();

    private static SortedSet<string> Placeholders(string s) => new(Placeholder().Matches(s).Select(m => m.Value), StringComparer.Ordinal);

    /// <summary>
    /// Every resource file of the product (Strings.resx and any other <c>*.resx</c> beside it, in the runner, the
    /// scenario format and the engine): a new file of words is checked the day it is added, without editing this test.
    /// </summary>
    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var (assembly, baseName) in ResourceManagers()) data.Add($"{assembly.GetName().Name}|{baseName}");
        return data;
    }

    private static IEnumerable<(Assembly Assembly, string BaseName)> ResourceManagers()
    {
        var assemblies = new[] { typeof(Strings).Assembly, typeof(Forecast.Scenarios.ScenarioReader).Assembly, typeof(Forecast.Engine.Model.Scenario).Assembly }.Distinct();
        foreach (var assembly in assemblies)
            foreach (string name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                yield return (assembly, name[..^".resources".Length]);
    }

    private static Dictionary<string, string> Entries(ResourceManager manager, CultureInfo culture)
    {
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no resources for '{culture.Name}' in {manager.BaseName}");
        return set.Cast<DictionaryEntry>().Where(e => e.Value is string).ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    [Fact]
    public void TheMainResources_AreAmongTheFilesChecked()
    {
        Assert.Contains(ResourceManagers(), r => r.BaseName == "Forecast.Runner.Resources.Strings");
        Assert.True(Entries(Strings.ResourceManager, CultureInfo.InvariantCulture).Count >= 50);
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void EveryEnglishString_HasAChineseTranslation_WithTheSamePlaceholders(string resourceFile)
    {
        string[] parts = resourceFile.Split('|');
        var assembly = ResourceManagers().First(r => r.Assembly.GetName().Name == parts[0] && r.BaseName == parts[1]).Assembly;
        var manager = new ResourceManager(parts[1], assembly);
        var english = Entries(manager, CultureInfo.InvariantCulture);
        var chinese = Entries(manager, Language.Chinese);
        Assert.NotEmpty(english);
        var problems = new List<string>();
        foreach (var (key, en) in english.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(en)) problems.Add($"{key}: empty English");
            if (!chinese.TryGetValue(key, out string? zh) || string.IsNullOrWhiteSpace(zh)) { problems.Add($"{key}: no Chinese"); continue; }
            if (!HasCjk(zh)) problems.Add($"{key}: the Chinese '{zh}' has no Chinese character");
            if (!Placeholders(en).SetEquals(Placeholders(zh))) problems.Add($"{key}: placeholders differ ('{en}' / '{zh}')");
        }
        foreach (string key in chinese.Keys.Except(english.Keys)) problems.Add($"{key}: Chinese only");
        Assert.Empty(problems);
    }

    [Fact]
    public void EveryPlotWord_HasBothLanguages()
    {
        var words = typeof(PlotWords).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)).ToList();
        Assert.NotEmpty(words);
        var problems = new List<string>();
        foreach (var p in words)
        {
            string? en = (string?)p.GetValue(PlotWords.En), zh = (string?)p.GetValue(PlotWords.Zh);
            if (string.IsNullOrWhiteSpace(en)) problems.Add($"{p.Name}: no English");
            if (string.IsNullOrWhiteSpace(zh) || !HasCjk(zh)) problems.Add($"{p.Name}: no Chinese ('{zh}')");
            else if (!Placeholders(en ?? "").SetEquals(Placeholders(zh))) problems.Add($"{p.Name}: placeholders differ ('{en}' / '{zh}')");
        }
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("", "zh_CN.UTF-8", true)]
    [InlineData("", "zh_TW.UTF-8", true)]
    [InlineData("", "en_US.UTF-8", false)]
    [InlineData("", "C.UTF-8", false)]
    [InlineData("", null, false)]
    [InlineData("zh-CN", "C.UTF-8", true)]
    [InlineData("en-US", "zh_CN.UTF-8", true)]
    public void Auto_IsChinese_WhenTheUiCultureOrTheLocaleSaysChinese(string uiCulture, string? lang, bool chinese)
    {
        var culture = CultureInfo.GetCultureInfo(uiCulture);
        Assert.Equal(chinese, Language.SystemIsChinese(culture, name => name == "LANG" ? lang : null));
        Assert.Equal(chinese ? "zh" : "en", Language.Resolve("auto", Language.SystemIsChinese(culture, name => name == "LANG" ? lang : null)));
        Assert.Equal("en", Language.Resolve("en", autoIsChinese: true));
        Assert.Equal("zh", Language.Resolve("zh", autoIsChinese: false));
    }

    [Fact]
    public void LcAll_OverridesLang()
    {
        Assert.False(Language.SystemIsChinese(CultureInfo.InvariantCulture, name => name switch { "LC_ALL" => "en_US.UTF-8", "LANG" => "zh_CN.UTF-8", _ => null }));
        Assert.True(Language.SystemIsChinese(CultureInfo.InvariantCulture, name => name switch { "LC_ALL" => "zh_CN.UTF-8", "LANG" => "en_US.UTF-8", _ => null }));
    }

    [Fact]
    public async Task Run_SpeaksTheResolvedLanguage_ThroughoutTheConsole()
    {
        string scenario = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");
        var zh = await CliHarness.RunOnSystem(true, "run", scenario, "--paths", "2000", "--no-plots", "--out", CliHarness.TempFolder());
        Assert.Equal(0, zh.ExitCode);
        foreach (string word in new[] { "指标", "目标", "达标概率 [95%置信区间]", "状态", "高新技术企业数量", "项核心目标同时达成", "条路径，随机种子", "已写入" })
            Assert.Contains(word, zh.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Indicator", zh.Out, StringComparison.Ordinal);

        var en = await CliHarness.RunOnSystem(true, "run", scenario, "--paths", "2000", "--no-plots", "--lang", "en", "--out", CliHarness.TempFolder());
        Assert.Equal(0, en.ExitCode);
        foreach (string word in new[] { "Indicator", "P(reach) [95% CI]", "High-tech enterprises", "headline targets met together", "paths, seed", "Wrote" })
            Assert.Contains(word, en.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("指标", en.Out, StringComparison.Ordinal);

        var auto = await CliHarness.RunOnSystem(false, "run", scenario, "--paths", "2000", "--no-plots", "--out", CliHarness.TempFolder());
        Assert.Contains("Indicator", auto.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_AreInTheResolvedLanguage()
    {
        var zh = await CliHarness.Run("run", "no-such-scenario.yaml", "--lang", "zh");
        Assert.Equal(2, zh.ExitCode);
        Assert.Contains("错误：输入无法使用", zh.Error, StringComparison.Ordinal);
        Assert.Contains("未写入任何文件", zh.Error, StringComparison.Ordinal);
    }
}
