using System.Globalization;
using System.Text.Json;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Workbench;
using Forecast.Scenarios;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Forecast.Tests.Runner.Workbench;

/// <summary>
/// The page in a real browser: Debian's chromium driven by Playwright (its own browser download does not work here;
/// .ci/run installs chromium). A real server on 127.0.0.1 and a free port.
/// </summary>
public sealed class WorkbenchBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IHost? _host;
    private string _address = "";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the screenshots of the test go (a temporary folder; docs/images has the one the README shows).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(Path.GetTempPath(), "forecast-workbench-screens");

    /// <summary>Debian's chromium (apt-get install chromium), or FORECAST_CHROMIUM.</summary>
    public static string Chromium() =>
        Environment.GetEnvironmentVariable("FORECAST_CHROMIUM") is { Length: > 0 } given ? given
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("chromium is not installed: apt-get install -y --no-install-recommends chromium (.ci/run does this)");

    public async Task InitializeAsync()
    {
        var settings = new WorkbenchSettings(["http://127.0.0.1:0"], WorkbenchFactory.Paths, 2, TimeSpan.FromSeconds(60), null);
        (_host, var addresses) = await WorkbenchHost.StartAsync(settings, WorkbenchFactory.Scenarios, CancellationToken.None);
        _address = addresses[0];
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium(), Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    private async Task<IPage> Open(string locale, int width = 1280, int height = 800)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_address + "/");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 120_000 });
        return page;
    }

    private static string Percent(double p) => (100 * p).ToString("F1", CultureInfo.InvariantCulture) + "%";

    [Fact]
    public async Task MovingALever_ShowsTheNewProbabilityAndItsPairedDifference_ThenSwitchesLanguage_AndSavesAnOverlayTheCliRuns()
    {
        var page = await Open("en-US");
        Assert.Equal("Planner's workbench", await page.InnerTextAsync("h1"));
        var scenario = ScenarioReader.Read(WorkbenchFactory.Baseline);
        var options = new SimulationOptions(WorkbenchFactory.Paths);
        string baseline = await page.InnerTextAsync("#row-hightech_enterprises td.p-base");
        Assert.StartsWith(Percent(Forecast.Engine.Evaluation.ForecastRun.Run(scenario, options).Result["hightech_enterprises"].Probability), baseline, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "workbench-en.png") });

        // A target's name opens its fan chart, an SVG the browser draws.
        await page.ClickAsync("#row-hightech_enterprises th button");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#fan-chart'); return i.complete && i.naturalWidth > 0; }", null,
            new PageWaitForFunctionOptions { Timeout = 120_000 });
        Assert.False(await page.Locator("#fan-figure").IsHiddenAsync());

        // The lever by keyboard: open the driver, focus the slider, Home takes it to the lowest value of its range.
        await page.ClickAsync("details[data-driver=hightech_exit_rate] > summary");
        var slider = page.Locator("input[type=range][data-lever='hightech_exit_rate.mode']");
        await slider.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        double low = double.Parse(await slider.InputValueAsync(), CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync("() => document.querySelector('td.p-diff[data-id=hightech_enterprises]').textContent.length > 0 && !document.body.dataset.busy",
            null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        string probability = await page.InnerTextAsync("td.p-whatif[data-id=hightech_enterprises]");
        string difference = await page.InnerTextAsync("td.p-diff[data-id=hightech_enterprises]");
        output.WriteLine($"hightech_exit_rate.mode = {low}: {probability}, difference {difference}");

        var expected = ScenarioComparison.Run([scenario, new Lever("hightech_exit_rate", "mode").Apply(scenario, low)], options)["hightech_enterprises"];
        Assert.StartsWith(Percent(expected.Outcomes[1].Probability.Value), probability, StringComparison.Ordinal);
        var d = expected.Differences[0];
        string sign = d.ProbabilityDifference > 0 ? "+" : "−";
        Assert.StartsWith(sign + Math.Abs(100 * d.ProbabilityDifference).ToString("F1", CultureInfo.InvariantCulture) + " pp", difference, StringComparison.Ordinal);
        Assert.Contains("+" + (100 * d.ProbabilityDifferenceCi95.Upper).ToString("F1", CultureInfo.InvariantCulture), difference, StringComparison.Ordinal);
        Assert.True(await page.Locator(".lever.moved[data-lever='hightech_exit_rate.mode']").CountAsync() == 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "workbench-lever-en.png") });

        // Switch the language: the page and the status words, the numbers unchanged.
        await page.ClickAsync("#lang");
        Assert.Equal("规划工作台", await page.InnerTextAsync("h1"));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains(await page.InnerTextAsync("#row-hightech_enterprises td.status"), new[] { "有望达成", "存在风险", "难以达成" });
        Assert.StartsWith(Percent(expected.Outcomes[1].Probability.Value), await page.InnerTextAsync("td.p-whatif[data-id=hightech_enterprises]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "workbench-lever-zh.png") });

        // A model weight: the high-tech draw's first structure (steady entries) typed as 0.8; the other falls to 0.2 with it.
        await page.ClickAsync("details[data-driver='weights:hightech_enterprises'] > summary");
        var weight = page.Locator("input[type=number][data-weight=hightech_enterprises][data-structure='0']");
        await weight.FillAsync("0.8");
        await weight.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector(\"input[type=number][data-weight=hightech_enterprises][data-structure='1']\").value === '0.2' && !document.body.dataset.busy",
            null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        Assert.True(await page.Locator(".lever.moved[data-lever='weights:hightech_enterprises']").CountAsync() == 1);
        var moved = new Lever("hightech_exit_rate", "mode").Apply(scenario, low);
        var weighted = moved with
        {
            Indicators = moved.Indicators.Select(i => i.Model is Forecast.Engine.Model.MixtureModel { Structure: "hightech_enterprises" } m
                ? i with { Model = m with { Components = m.Components.Select((c, j) => c with { Weight = j == 0 ? 0.8 : 1 - 0.8 }).ToArray() } }
                : i).ToArray(),
        };
        var both = ScenarioComparison.Run([scenario, weighted], options)["hightech_enterprises"];
        await page.WaitForFunctionAsync($"() => document.querySelector('td.p-whatif[data-id=hightech_enterprises]').textContent.startsWith('{Percent(both.Outcomes[1].Probability.Value)}')",
            null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "workbench-weights-zh.png") });

        // Save the levers as a what-if; the command line's compare reads it and gives the page's numbers.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-download=overlay]"));
        Assert.Equal("whatif-liaocheng-2025-workbench.yaml", download.SuggestedFilename);
        string folder = CliHarness.TempFolder();
        string file = Path.Combine(folder, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        string outDir = Path.Combine(folder, "out");
        var outcome = await CliHarness.Run("compare", WorkbenchFactory.Baseline, file, "--paths", WorkbenchFactory.Paths.ToString(CultureInfo.InvariantCulture), "--out", outDir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "compare.json")));
        Assert.Contains(both.Outcomes[1].Probability.Value.ToString("R", CultureInfo.InvariantCulture), json.RootElement.ToString(), StringComparison.Ordinal);
        Assert.Contains("base: \"liaocheng-2025\"", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        output.WriteLine("screenshots: " + ScreenshotFolder);
    }

    [Fact]
    public async Task ChineseBrowser_GetsTheChinesePage_ReadableAtPhoneWidth()
    {
        var page = await Open("zh-CN", 390, 844);
        Assert.Equal("规划工作台", await page.InnerTextAsync("h1"));
        // Nothing wider than the screen: the table scrolls inside its box, the levers stack under it.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "workbench-phone-zh.png"), FullPage = false });
        string wider = await page.EvaluateAsync<string>(@"() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
            && !e.closest('.table-wrap') && e.getClientRects().length).slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).join(', ')");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "the page is wider than a phone's screen: " + wider);
        // Every control has a name a screen reader reads.
        int unnamed = await page.EvaluateAsync<int>(@"() => [...document.querySelectorAll('input, select, button')].filter(e =>
            !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim()).length");
        Assert.Equal(0, unnamed);
    }
}
