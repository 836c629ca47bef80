using System.Text.Json;
using System.Text.RegularExpressions;
using Forecast.Runner.Plots;
using Forecast.Tests.Runner;

namespace Forecast.Tests.Plots;

/// <summary>The run command's plots and report, and the report command, end to end on the shipped scenario.</summary>
public partial class RunPlotsTests
{
    private static readonly string Liaocheng = RepositoryFiles.Path("scenarios", "liaocheng-2025.yaml");

    [GeneratedRegex("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex EmbeddedPng();

    [Fact]
    public async Task Run_WritesEveryFigureAsPngAndSvg_IntoPlots_AtTheRequestedSize()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "5000", "--out", outDir, "--lang", "en");
        Assert.Equal(0, outcome.ExitCode);
        var figures = PlotSet.Figures(PlotData.LiaochengRun, PlotData.English, PlotData.LiaochengDistribution);
        Assert.Equal(3 + 2 * 26, figures.Count);
        foreach (var figure in figures)
        {
            byte[] png = File.ReadAllBytes(Path.Combine(outDir, "plots", figure.Name + ".png"));
            Assert.Equal((figure.Width, figure.Height), ImageFiles.PngSize(png));
            var svg = ImageFiles.SvgRoot(File.ReadAllText(Path.Combine(outDir, "plots", figure.Name + ".svg")));
            Assert.Equal(figure.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), svg.Attribute("width")!.Value);
            Assert.Equal(figure.Height.ToString(System.Globalization.CultureInfo.InvariantCulture), svg.Attribute("height")!.Value);
        }
        Assert.Equal(2 * figures.Count, Directory.GetFiles(Path.Combine(outDir, "plots")).Length);
        Assert.Equal(File.ReadAllBytes(Liaocheng), File.ReadAllBytes(Path.Combine(outDir, "scenario.yaml")));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(outDir)!, $".{Path.GetFileName(outDir)}.staging-*"));
    }

    [Fact]
    public async Task Run_WithDpi300_WritesPngsScaledBy300Over96()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "5000", "--out", outDir, "--dpi", "300", "--lang", "en");
        Assert.Equal(0, outcome.ExitCode);
        // The headline-targets-met figure is 900×500 at 96 dpi: 2812.5 → 2813 by 1562.5 → 1563 at 300 dpi.
        Assert.Equal((2813, 1563), ImageFiles.PngSize(File.ReadAllBytes(Path.Combine(outDir, "plots", "headline-targets-met.png"))));
    }

    [Fact]
    public async Task Run_WithNoPlots_WritesNoPlotsFolder()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "5000", "--out", outDir, "--no-plots");
        Assert.Equal(0, outcome.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(outDir, "plots")));
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
    }

    [Theory]
    [InlineData("20", "--dpi must lie between 48 and 600")]
    [InlineData("high", "--dpi expects a whole number of dots per inch")]
    public async Task Run_WithADpiOutOfRange_IsBadInput_AndWritesNothing(string dpi, string message)
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "5000", "--out", outDir, "--dpi", dpi);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task RunReport_IsOneSelfContainedFile_WithTheTableEveryPlotAndTheMethod()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "5000", "--seed", "11", "--out", outDir, "--no-plots", "--report", "--lang", "en");
        Assert.Equal(0, outcome.ExitCode);
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        foreach (var indicator in summary.RootElement.GetProperty("indicators").EnumerateArray())
        {
            Assert.Contains($"id=\"ind-{indicator.GetProperty("id").GetString()}\"", html, StringComparison.Ordinal);
            Assert.Contains(Forecast.Runner.Output.Numbers.Percent(indicator.GetProperty("probability").GetDouble()), html, StringComparison.Ordinal);
        }
        var images = EmbeddedPng().Matches(html);
        Assert.Equal(3 + 2 * 26, images.Count);
        Assert.All(images, m => Assert.Equal(ImageFiles.PngSignature, Convert.FromBase64String(m.Groups[1].Value)[..8]));
        Assert.Contains("forecast run scenario.yaml --paths 5000 --seed 11", html, StringComparison.Ordinal);
        Assert.Contains("Wilson", html, StringComparison.Ordinal);
        Assert.Contains("rd_intensity_growth", html, StringComparison.Ordinal);   // the drivers' assumptions
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunReport_InChinese_HasChineseHeadingsTableAndTargets_AndDescribesTheRunsOwnDistribution()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("run", Liaocheng, "--paths", "3000", "--out", outDir, "--no-plots", "--report", "--lang", "zh");
        Assert.Equal(0, outcome.ExitCode);
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        foreach (string words in new[] { "<h2>要点</h2>", "<h2>汇总表</h2>", "<th>达标概率</th>", "其他量化目标", "2025年≥600", "条蒙特卡洛路径" })
            Assert.Contains(words, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2>Summary table</h2>", html, StringComparison.Ordinal);
        Assert.Contains("distribution.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("drawn from the percentiles", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportCommand_RebuildsTheReportFromTheOutputFolderAlone()
    {
        string outDir = CliHarness.TempFolder();
        Assert.Equal(0, (await CliHarness.Run("run", Liaocheng, "--paths", "5000", "--out", outDir, "--report", "--no-plots", "--lang", "en")).ExitCode);
        string fromRun = File.ReadAllText(Path.Combine(outDir, "report.html"));
        string rebuilt = Path.Combine(outDir, "again.html");
        var outcome = await CliHarness.Run("report", outDir, "--out", rebuilt, "--lang", "en");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(fromRun, File.ReadAllText(rebuilt));
    }

    [Fact]
    public async Task ReportCommand_OnAFolderWithoutASummary_IsBadInput()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        var outcome = await CliHarness.Run("report", folder);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("has no summary.json", outcome.Error, StringComparison.Ordinal);
    }
}
