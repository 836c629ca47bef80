using System.Globalization;
using System.Text;
using Forecast.Runner.Plots;
using Forecast.Tests.Runner;
using Forecast.Tests.WhatIf;

namespace Forecast.Tests.Plots;

/// <summary>The what-if commands' plots end to end: the files, their sizes, --dpi, --no-plots and --lang.</summary>
public class WhatIfPlotCommandTests
{
    private static readonly string Baseline = WhatIfScenarios.Baseline;
    private static readonly string HighInvestment = RepositoryFiles.Path("scenarios", "templates", "whatif-high-investment.yaml");

    private static void AssertPngAndSvg(string plots, string name, int width, int height, int dpi = FigureWriter.LayoutDpi)
    {
        byte[] png = File.ReadAllBytes(Path.Combine(plots, name + ".png"));
        Assert.Equal((FigureWriter.Scale(width, dpi), FigureWriter.Scale(height, dpi)), ImageFiles.PngSize(png));
        var svg = ImageFiles.SvgRoot(File.ReadAllText(Path.Combine(plots, name + ".svg")));
        Assert.Equal(width, double.Parse(svg.Attribute("width")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(height, double.Parse(svg.Attribute("height")!.Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Compare_WritesComparePngAndSvg_OfTheChartsSize()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("compare", Baseline, HighInvestment, "--paths", "1000", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        var result = WhatIfPlotData.Comparison;   // same scenarios: the same rows and so the same height
        AssertPngAndSvg(Path.Combine(outDir, "plots"), "compare", 1100, ComparisonChart.Height(result, PlotData.Liaocheng));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(outDir, "plots")).Length);
        Assert.True(File.Exists(Path.Combine(outDir, "compare.csv")));
    }

    [Fact]
    public async Task SweepOfTwoLevers_WritesAHeatmapPerHeadlineTarget_AtTheRequestedDpi()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("sweep", Baseline, "--lever", "hightech_new.mean=50:110:2", "--lever", "rd_spending_growth.mean=0.1:0.2:2",
            "--paths", "300", "--out", outDir, "--dpi", "144");
        Assert.Equal(0, outcome.ExitCode);
        string plots = Path.Combine(outDir, "plots");
        var headline = PlotData.Liaocheng.Indicators.Where(i => i.Headline).Select(i => i.Id).Append("all_headline_targets").ToList();
        // A target the levers do not move gets no heatmap (one colour says nothing) and a line on the console instead.
        var drawn = headline.Where(id => File.Exists(Path.Combine(plots, "sweep-" + id + ".png"))).ToList();
        foreach (string id in drawn) AssertPngAndSvg(plots, "sweep-" + id, 900, 720, dpi: 144);
        Assert.Contains("hightech_enterprises", drawn);
        Assert.Equal(2 * drawn.Count, Directory.GetFiles(plots).Length);
        int notDrawn = outcome.Out.Split('\n').Count(line => line.Contains("no heatmap written: the levers do not move it", StringComparison.Ordinal));
        Assert.Equal(headline.Count - drawn.Count, notDrawn);
        Assert.True(notDrawn > 0);
    }

    [Fact]
    public async Task SweepOfOneLever_WritesOneLineChart()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("sweep", Baseline, "--lever", "hightech_new.mean=50:110:2", "--paths", "300", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        AssertPngAndSvg(Path.Combine(outDir, "plots"), "sweep", 1300, SweepLines.Height(WhatIfPlotData.Sweep1, PlotData.Liaocheng));
    }

    [Fact]
    public async Task Goal_WritesGoalPng_AndNoPlotsWritesNone()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("goal", Baseline, "--indicator", "hightech_enterprises", "--lever", "hightech_new.mean", "--paths", "500", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        AssertPngAndSvg(Path.Combine(outDir, "plots"), "goal", 900, 560);

        string bare = CliHarness.TempFolder();
        outcome = await CliHarness.Run("goal", Baseline, "--indicator", "hightech_enterprises", "--lever", "hightech_new.mean", "--paths", "500", "--out", bare, "--no-plots");
        Assert.Equal(0, outcome.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(bare, "plots")));
        Assert.True(File.Exists(Path.Combine(bare, "goal.json")));
    }

    [Fact]
    public async Task Sensitivity_WritesATornadoAndASobolChartPerTarget()
    {
        string scenario = WhatIfScenarios.Write("two.yaml", """
            name: two
            drivers:
              - {id: a, level: {dist: normal, mean: 0.08, sd: 0.04}, yearly: {kind: growth, sd: 0.05}}
              - {id: c, level: {dist: pert, min: 0.01, mode: 0.03, max: 0.06}, yearly: {kind: growth, sd: 0.05}}
            indicators:
              - {id: x, headline: true, base: {year: 2020, value: 2}, model: {kind: ratio, numerator: {growth: a}, denominator: {growth: c}}, target: {year: 2025, value: 2.6}}
              - {id: y, headline: true, base: {year: 2020, value: 1}, model: {kind: compound, growth: a}, target: {year: 2025, value: 1.5}}
            """);
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("sensitivity", scenario, "--paths", "500", "--samples", "64", "--bootstrap", "10", "--spearman-paths", "200", "--out", outDir);
        Assert.Equal(0, outcome.ExitCode);
        var names = Directory.GetFiles(Path.Combine(outDir, "plots"), "*.png").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(["sobol-x", "sobol-y", "tornado-all_headline_targets", "tornado-x", "tornado-y"], names);
        Assert.Equal(SobolChart.Width, ImageFiles.PngSize(File.ReadAllBytes(Path.Combine(outDir, "plots", "sobol-x.png"))).Width);
    }

    [Fact]
    public async Task LangZh_WritesChineseTitles_WhereAFontHasTheCharacters_OtherwiseEnglish()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("compare", Baseline, HighInvestment, "--paths", "1000", "--out", outDir, "--lang", "zh");
        Assert.Equal(0, outcome.ExitCode);
        var (language, _) = WhatIfPlotWriter.Language("zh", PlotData.Liaocheng);
        // Skia writes some CJK characters as their Kangxi radical forms (目 as U+2F6C); NFKC folds them back.
        var texts = ImageFiles.SvgRoot(File.ReadAllText(Path.Combine(outDir, "plots", "compare.svg"))).Descendants()
            .Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim().Normalize(NormalizationForm.FormKC)).ToList();
        Assert.Contains(WhatIfWords.Of(language).CompareTitle, texts);
        Assert.Contains(language.Name(PlotData.Liaocheng.Indicator("rd_intensity")), texts);
        if (!language.Chinese) Assert.Contains("plots are in English", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DpiOutOfRange_IsBadInput_ForTheWhatIfCommands()
    {
        string outDir = CliHarness.TempFolder();
        var outcome = await CliHarness.Run("compare", Baseline, HighInvestment, "--paths", "1000", "--out", outDir, "--dpi", "20");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--dpi must lie between 48 and 600", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
