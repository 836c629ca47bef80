using Forecast.Tests.Runner;

namespace Forecast.Tests.WhatIf;

/// <summary>Every analysis estimates its run time first, as run does, and asks for --yes when it would be long.</summary>
public sealed class WhatIfRunTimeTests
{
    private static readonly string Baseline = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    [Theory]
    [InlineData("--samples", new[] { "sensitivity", "@", "--samples", "2000000000" })]
    [InlineData("--paths", new[] { "sweep", "@", "--lever", "hightech_new_constant.mean=40:80:5", "--paths", "50000000000" })]
    [InlineData("--paths", new[] { "goal", "@", "--indicator", "hightech_enterprises", "--lever", "hightech_new_constant.mean", "--paths", "50000000000" })]
    [InlineData("--paths", new[] { "compare", "@", "@", "--paths", "50000000000" })]
    public async Task LongAnalysis_WithoutYes_ExitsWithTwo_SayingHowLongAndWhatToDo(string option, string[] args)
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run([.. args.Select(a => a == "@" ? Baseline : a), "--out", outDir, "--no-plots"]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"  {option}: ", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("paths would take", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("pass --yes to run anyway", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Help_OfEveryAnalysis_OffersYes()
    {
        foreach (string command in new[] { "compare", "sweep", "goal", "sensitivity", "targets" })
            Assert.Contains("--yes", (await CliHarness.Run(command, "--help")).Out, StringComparison.Ordinal);
    }
}
