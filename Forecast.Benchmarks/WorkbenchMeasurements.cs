using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Forecast.Runner.Workbench;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace Forecast.Benchmarks;

/// <summary>
/// The workbench's two measurements: the latency of a lever change as the page sees it (chromium through Playwright, the
/// Liaocheng baseline at 20,000 paths), and a bounded load test (concurrent clients moving levers against 127.0.0.1 for
/// a fixed time: requests, refusals, failures, latency percentiles, memory). Both start their own server on 127.0.0.1.
/// </summary>
internal static class WorkbenchMeasurements
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] ChromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static async Task<int> Run(string[] args) => args[0] switch
    {
        "workbench-latency" => await Latency(args.Length > 1 ? long.Parse(args[1], Inv) : 20_000, args.Length > 2 ? int.Parse(args[2], Inv) : 40),
        "workbench-screens" => await Screens(),
        "workbench-cpu" => await Cpu(args.Length > 1 ? long.Parse(args[1], Inv) : 20_000, args.Length > 2 ? int.Parse(args[2], Inv) : 40),
        _ => await Load(args.Length > 1 ? int.Parse(args[1], Inv) : 20, args.Length > 2 ? int.Parse(args[2], Inv) : 60),
    };

    /// <summary>
    /// The README's screenshot, docs/images/workbench.png (1280x800, English) and docs/images/workbench-zh.png: the shipped
    /// baseline at 20,000 paths with one lever moved (fewer high-tech certificates lost a year: the mode at the bottom of its range);
    /// and docs/images/workbench-weights.png, a structure draw's weights moved.
    /// </summary>
    private static async Task<int> Screens()
    {
        var (host, address) = await Start(WorkbenchSettings.DefaultPaths);
        using var _ = host;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPaths.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("apt-get install -y --no-install-recommends chromium"),
            Headless = true,
            Args = ["--no-sandbox"],
        });
        foreach (var (locale, file) in new[] { ("en-US", "workbench.png"), ("zh-CN", "workbench-zh.png") })
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            await page.GotoAsync(address + "/");
            await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 300_000 });
            await page.ClickAsync("details[data-driver=hightech_exit_rate] > summary");
            await page.Locator("input[type=range][data-lever='hightech_exit_rate.mode']").FocusAsync();
            await page.Keyboard.PressAsync("Home");
            await page.WaitForFunctionAsync("() => window.workbenchLatencies.length > 0 && !document.body.dataset.busy", null, new PageWaitForFunctionOptions { Timeout = 300_000 });
            await page.Locator("input[type=range][data-lever='hightech_exit_rate.mode']").BlurAsync();
            string path = Path.Combine(Workloads.Root, "docs", "images", file);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            Console.WriteLine("Wrote " + path);
        }
        // The model weights: the high-tech draw (the stock and its new entries) at 80% steady entries, 20% growing ones.
        var weights = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await weights.GotoAsync(address + "/");
        await weights.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 300_000 });
        await weights.ClickAsync("details[data-driver='weights:hightech_enterprises'] > summary");
        var box = weights.Locator("input[type=number][data-weight=hightech_enterprises][data-structure='0']");
        await box.FillAsync("0.8");
        await box.PressAsync("Enter");
        await weights.WaitForFunctionAsync("() => window.workbenchLatencies.length > 0 && !document.body.dataset.busy", null, new PageWaitForFunctionOptions { Timeout = 300_000 });
        await box.BlurAsync();
        string weightsPath = Path.Combine(Workloads.Root, "docs", "images", "workbench-weights.png");
        await weights.ScreenshotAsync(new PageScreenshotOptions { Path = weightsPath });
        Console.WriteLine("Wrote " + weightsPath);
        await host.StopAsync();
        return 0;
    }

    private static async Task<(IHost Host, string Address)> Start(long paths)
    {
        var scenarios = new WorkbenchScenarios([Path.Combine(Workloads.Root, "scenarios", "liaocheng-2025.yaml")], paths);
        var settings = new WorkbenchSettings(["http://127.0.0.1:0"], paths, Environment.ProcessorCount, TimeSpan.FromSeconds(10), null);
        var (host, addresses) = await WorkbenchHost.StartAsync(settings, scenarios, CancellationToken.None);
        string address = addresses[0];
        if (!IPAddress.IsLoopback(IPAddress.Parse(new Uri(address).Host))) throw new InvalidOperationException("the workbench measurements run against 127.0.0.1 only");
        return (host, address);
    }

    /// <summary>
    /// Moves the hightech_exit_rate.mode slider by keyboard, one step at a time from the bottom of its range, waiting for each answer (a hand that
    /// pauses on each value), after a few warm-up changes; the page records the time from the lever's input event to the
    /// numbers shown.
    /// </summary>
    private static async Task<int> Latency(long paths, int changes)
    {
        var (host, address) = await Start(paths);
        using var _ = host;
        using var playwright = await Playwright.CreateAsync();
        string chromium = ChromiumPaths.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("apt-get install -y --no-install-recommends chromium");
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(address + "/");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 300_000 });
        await page.ClickAsync("details[data-driver=hightech_exit_rate] > summary");
        var slider = page.Locator("input[type=range][data-lever='hightech_exit_rate.mode']");
        await slider.FocusAsync();
        const int warmUp = 5;
        TimeSpan cpuStart = TimeSpan.Zero;
        for (int i = 0; i < warmUp + changes; i++)
        {
            if (i == warmUp)
            {
                using var self = Process.GetCurrentProcess();
                cpuStart = self.TotalProcessorTime;
            }
            int before = await page.EvaluateAsync<int>("() => window.workbenchLatencies.length");
            // Home takes the lever to the bottom of its range, each ArrowRight one step up (never back to the scenario's value).
            await page.Keyboard.PressAsync(i == 0 ? "Home" : "ArrowRight");
            await page.WaitForFunctionAsync($"() => window.workbenchLatencies.length > {before} && !document.body.dataset.busy", null,
                new PageWaitForFunctionOptions { Timeout = 120_000 });
        }
        double cpuPerChange;
        using (var self = Process.GetCurrentProcess()) cpuPerChange = (self.TotalProcessorTime - cpuStart).TotalMilliseconds / changes;
        var all = await page.EvaluateAsync<double[]>("() => window.workbenchLatencies");
        var measured = all.Skip(warmUp).Order().ToArray();
        var report = new StringBuilder();
        report.AppendLine(Inv, $"## Workbench: a lever change on liaocheng-2025 at {paths:N0} paths, measured in chromium");
        report.AppendLine();
        report.AppendLine(Inv, $"{measured.Length} changes of hightech_exit_rate.mode by keyboard after {warmUp} warm-up changes, each waited for; from the slider's input event to the new numbers on the page (includes the page's 40 ms debounce). {Environment.ProcessorCount} cores, load average {LoadAverage()} at the end.");
        report.AppendLine();
        report.AppendLine("| median | p95 | min | max | server CPU time per change (both cores together) |");
        report.AppendLine("|---|---|---|---|---|");
        report.AppendLine(Inv, $"| {Quantile(measured, 0.5):F0} ms | {Quantile(measured, 0.95):F0} ms | {measured[0]:F0} ms | {measured[^1]:F0} ms | {cpuPerChange:F0} ms |");
        await host.StopAsync();
        return Measurements.Save("workbench-latency.md", report.ToString());
    }

    /// <summary>
    /// The server's own cost of a lever change, without a browser: the page's request of a change of
    /// hightech_exit_rate.mode (every target and the joint row in one answer) sent over 127.0.0.1, one after the other,
    /// after a few warm-up changes; the process's CPU time (every core together) and the wall-clock time of each. On a
    /// loaded machine the CPU time is the guide to what two quiet cores would answer (CPU / 2 at best, when the work
    /// spreads over both; CPU at worst).
    /// </summary>
    private static async Task<int> Cpu(long paths, int changes)
    {
        var (host, address) = await Start(paths);
        using var _ = host;
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
        (await http.GetAsync("/api/scenarios/liaocheng-2025")).EnsureSuccessStatusCode();
        const int warmUp = 5;
        var wall = new List<double>();
        var cpu = new List<double>();
        for (int i = 0; i < warmUp + changes; i++)
        {
            // From 0.03 up in steps of 0.0005, below the scenario's 0.05 (the page's slider moved by the arrow keys).
            double value = 0.03 + 0.0005 * (i % 40);
            var body = new { levers = new Dictionary<string, double> { ["hightech_exit_rate.mode"] = value }, session = "cpu" };
            using var self = Process.GetCurrentProcess();
            var cpu0 = self.TotalProcessorTime;
            long started = Stopwatch.GetTimestamp();
            (await http.PostAsJsonAsync("/api/scenarios/liaocheng-2025/whatif", body)).EnsureSuccessStatusCode();
            double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            self.Refresh();
            if (i < warmUp) continue;
            wall.Add(ms);
            cpu.Add((self.TotalProcessorTime - cpu0).TotalMilliseconds);
        }
        var (w, c) = (wall.Order().ToArray(), cpu.Order().ToArray());
        var report = new StringBuilder();
        report.AppendLine(Inv, $"## Workbench: the server's cost of a lever change on liaocheng-2025 at {paths:N0} paths (no browser)");
        report.AppendLine();
        report.AppendLine(Inv, $"{changes} changes of hightech_exit_rate.mode after {warmUp} warm-up changes, each the page's request over 127.0.0.1 (every target and the joint row). {Environment.ProcessorCount} cores, load average {LoadAverage()} at the end.");
        report.AppendLine();
        report.AppendLine("| | median | p95 | max |");
        report.AppendLine("|---|---|---|---|");
        report.AppendLine(Inv, $"| wall clock | {Quantile(w, 0.5):F0} ms | {Quantile(w, 0.95):F0} ms | {w[^1]:F0} ms |");
        report.AppendLine(Inv, $"| CPU time, all cores together | {Quantile(c, 0.5):F0} ms | {Quantile(c, 0.95):F0} ms | {c[^1]:F0} ms |");
        await host.StopAsync();
        return Measurements.Save("workbench-cpu.md", report.ToString());
    }

    /// <summary>
    /// <paramref name="clients"/> clients, each moving a lever to a random value of its range as soon as its last answer came,
    /// for <paramref name="seconds"/> seconds; refusals (503, the stated one) are counted apart from failures (anything
    /// else but 200). Memory is sampled every second.
    /// </summary>
    private static async Task<int> Load(int clients, int seconds)
    {
        var (host, address) = await Start(WorkbenchSettings.DefaultPaths);
        using var _ = host;
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
        // The baseline once, before the clock starts (the page loads it before any lever moves).
        (await http.GetAsync("/api/scenarios/liaocheng-2025")).EnsureSuccessStatusCode();
        string[] levers = ["hightech_exit_rate.mode", "hightech_pool_size.mode", "tech_sme_exit_rate.mode", "patent_lapse_rate.mode"];
        double[][] ranges = [[0.03, 0.08], [75, 125], [0.04, 0.12], [0.035, 0.09]];
        var latencies = new List<double>();
        long ok = 0, refused = 0, failed = 0;
        var memory = new List<(double Seconds, long Managed, long WorkingSet)>();
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var self = Process.GetCurrentProcess();
                lock (memory) memory.Add((clock.Elapsed.TotalSeconds, GC.GetTotalMemory(false), self.WorkingSet64));
                try
                {
                    await Task.Delay(1000, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c + 1);
            string session = "load-" + c.ToString(Inv);
            while (clock.Elapsed < end)
            {
                int l = random.Next(levers.Length);
                double value = ranges[l][0] + random.NextDouble() * (ranges[l][1] - ranges[l][0]);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/scenarios/liaocheng-2025/whatif",
                        new { levers = new Dictionary<string, double> { [levers[l]] = value }, session });
                    double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref ok);
                        lock (latencies) latencies.Add(ms);
                    }
                    else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref refused);
                        await Task.Delay(500);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        Console.Error.WriteLine($"client {c}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failed);
                    Console.Error.WriteLine($"client {c}: {e.Message}");
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        double elapsed = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        var sorted = latencies.Order().ToArray();
        var report = new StringBuilder();
        report.AppendLine(Inv, $"## Workbench load test: {clients} clients moving levers for {seconds} s against 127.0.0.1 (liaocheng-2025, {WorkbenchSettings.DefaultPaths:N0} paths a change)");
        report.AppendLine();
        report.AppendLine(Inv, $"At most {Environment.ProcessorCount} simulations at once (the cores); the others wait up to 10 s, then are refused with 503. Load average {LoadAverage()} at the end.");
        report.AppendLine();
        report.AppendLine("| requests | answered | refused (503) | failed otherwise | answers/s | median | p95 | max |");
        report.AppendLine("|---|---|---|---|---|---|---|---|");
        report.AppendLine(Inv, $"| {ok + refused + failed} | {ok} | {refused} | {failed} | {ok / elapsed:F1} | {Quantile(sorted, 0.5):F0} ms | {Quantile(sorted, 0.95):F0} ms | {(sorted.Length > 0 ? sorted[^1] : double.NaN):F0} ms |");
        report.AppendLine();
        report.AppendLine("Memory (managed heap after the run's own collections, and the working set), first, middle and last thirds of the run, MB:");
        report.AppendLine();
        report.AppendLine("| part | managed max | working set max |");
        report.AppendLine("|---|---|---|");
        for (int third = 0; third < 3; third++)
        {
            var part = memory.Where(m => m.Seconds >= third * elapsed / 3 && m.Seconds < (third + 1) * elapsed / 3).ToList();
            if (part.Count == 0) continue;
            report.AppendLine(Inv, $"| {third + 1} | {part.Max(m => m.Managed) / 1048576.0:F0} | {part.Max(m => m.WorkingSet) / 1048576.0:F0} |");
        }
        await host.StopAsync();
        return Measurements.Save("workbench-load.md", report.ToString());
    }

    private static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
