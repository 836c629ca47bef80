using System.Text.RegularExpressions;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Sharding;

/// <summary>
/// merge's closing line in both languages: "Merged 1 partial" for a single shard (--shard 0/1), "Merged 2 partials" for
/// two, and the files it wrote (always several: summary.json, the CSVs, distribution.json, the scenario's copy).
/// </summary>
public sealed partial class MergeSummaryLanguageTests
{
    private static readonly string Scenario = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    [GeneratedRegex(@"^Merged (?<partials>\d+) (?<word>partials?) \(3,000 paths, seed \d+\); wrote (?<files>\d+) files to ", RegexOptions.Multiline)]
    private static partial Regex English();

    [GeneratedRegex(@"^已合并(?<partials>\d+)个分片结果（3,000条路径，随机种子\d+）；已写入(?<files>\d+)个文件到", RegexOptions.Multiline)]
    private static partial Regex Chinese();

    [Theory]
    [InlineData(1, "partial")]
    [InlineData(2, "partials")]
    public async Task MergeLine_CountsThePartials_InEachLanguage(int shards, string word)
    {
        string partials = Path.Combine(CliHarness.TempFolder(), "partials") + "/";
        for (int i = 0; i < shards; i++)
            Assert.Equal(0, (await CliHarness.Run("run", Scenario, "--paths", "3000", "--shard", $"{i}/{shards}", "--partial", partials, "--lang", "en")).ExitCode);

        var en = await CliHarness.Run("merge", partials, "--no-plots", "--out", CliHarness.TempFolder(), "--lang", "en");
        Assert.True(en.ExitCode == 0, en.Error);
        var line = English().Match(en.Out);
        Assert.True(line.Success, en.Out);
        Assert.Equal(shards, int.Parse(line.Groups["partials"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(word, line.Groups["word"].Value);
        Assert.True(int.Parse(line.Groups["files"].Value, System.Globalization.CultureInfo.InvariantCulture) > 1, line.Value);

        var zh = await CliHarness.Run("merge", partials, "--no-plots", "--out", CliHarness.TempFolder(), "--lang", "zh");
        Assert.True(zh.ExitCode == 0, zh.Error);
        var chinese = Chinese().Match(zh.Out);
        Assert.True(chinese.Success, zh.Out);
        Assert.Equal(shards, int.Parse(chinese.Groups["partials"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(line.Groups["files"].Value, chinese.Groups["files"].Value);
    }
}
