using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Simulation;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Workbench;
using Forecast.Scenarios;
using MiniExcelLibs;

namespace Forecast.Tests.Runner.Workbench;

/// <summary>The workbench's API through the test server: what the page reads and sends, and what it must refuse.</summary>
public sealed class WorkbenchApiTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private const string Id = "liaocheng-2025";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string url, object body)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync(url, body);
        return (response.StatusCode, Json(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Page_IsChinese_WhenTheBrowserAsksForChineseFirst_EnglishOtherwise()
    {
        using var client = factory.CreateClient();
        using var zh = new HttpRequestMessage(HttpMethod.Get, "/");
        zh.Headers.Add("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8");
        using var zhResponse = await client.SendAsync(zh);
        string zhPage = await zhResponse.Content.ReadAsStringAsync();
        Assert.Contains("data-lang=\"zh\"", zhPage, StringComparison.Ordinal);

        using var en = new HttpRequestMessage(HttpMethod.Get, "/");
        en.Headers.Add("Accept-Language", "en-GB,en;q=0.9,zh;q=0.5");
        using var enResponse = await client.SendAsync(en);
        Assert.Contains("data-lang=\"en\"", await enResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Everything from this server: no CDN, and the policy says so.
        Assert.Contains("default-src 'self'", enResponse.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("http", zhPage.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_AreServed_AndTheStringsHaveBothLanguages()
    {
        using var client = factory.CreateClient();
        foreach (string asset in new[] { "/app.js", "/app.css", "/strings.json" })
        {
            using var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/../../etc/passwd")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/scenarios/..%2F..%2Fetc%2Fpasswd")).StatusCode);
    }

    [Fact]
    public async Task Scenario_Table_IsTheCliRunOnTheSamePaths()
    {
        using var client = factory.CreateClient();
        var list = Json(await client.GetStringAsync("/api/scenarios"));
        Assert.Equal(new[] { Id, "whatif-high-investment" }, list.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray());

        var page = Json(await client.GetStringAsync($"/api/scenarios/{Id}"));
        var scenario = ScenarioReader.Read(WorkbenchFactory.Baseline);
        var run = ForecastRun.Run(scenario, new SimulationOptions(WorkbenchFactory.Paths)).Result;
        Assert.Equal(WorkbenchFactory.Paths, page.GetProperty("paths").GetInt64());
        foreach (var row in page.GetProperty("targets").EnumerateArray())
        {
            var o = run[row.GetProperty("id").GetString()!];
            Assert.Equal(o.Probability, row.GetProperty("probability").GetDouble());
            Assert.Equal(o.ProbabilityCi95.Lower, row.GetProperty("ci95")[0].GetDouble());
            Assert.Equal(o.TargetYear.P50, row.GetProperty("median").GetDouble());
        }
        Assert.Equal(run.AllHeadlineProbability, page.GetProperty("allHeadline").GetProperty("probability").GetDouble());
        // Every driver's levers, each with a range the lever accepts around the current value.
        var drivers = page.GetProperty("drivers").EnumerateArray().ToList();
        Assert.True(drivers.Count >= scenario.Drivers.Count / 2, $"{drivers.Count} drivers with levers of {scenario.Drivers.Count}");
        foreach (var lever in drivers.SelectMany(d => d.GetProperty("levers").EnumerateArray()))
        {
            double min = lever.GetProperty("min").GetDouble(), max = lever.GetProperty("max").GetDouble(), value = lever.GetProperty("value").GetDouble();
            Assert.True(min < max && min <= value && value <= max, $"{lever.GetProperty("lever")}: {min} <= {value} <= {max}");
        }
    }

    [Fact]
    public async Task Charts_AreSvg_FromTheCliChartCode_AndIndicatorsAreCheckedAgainstTheScenario()
    {
        using var client = factory.CreateClient();
        using var sheet = await client.GetAsync($"/api/scenarios/{Id}/charts/headline.svg?lang=en");
        Assert.Equal("image/svg+xml", sheet.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await sheet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var fan = await client.GetAsync($"/api/scenarios/{Id}/charts/fan/hightech_enterprises.svg");
        Assert.Contains("High-tech enterprises", await fan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var bad = await client.GetAsync($"/api/scenarios/{Id}/charts/fan/no_such.svg");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task LeverChange_IsTheComparisonOnCommonRandomNumbers_WithPairedIntervals()
    {
        var (status, body) = await Post($"/api/scenarios/{Id}/whatif", new { levers = new Dictionary<string, double> { ["hightech_exit_rate.mode"] = 0.03 } });
        Assert.Equal(HttpStatusCode.OK, status);

        var scenario = ScenarioReader.Read(WorkbenchFactory.Baseline);
        var lever = new Lever("hightech_exit_rate", "mode");
        var expected = ScenarioComparison.Run([scenario, lever.Apply(scenario, 0.03)], new SimulationOptions(WorkbenchFactory.Paths));
        var row = body.GetProperty("targets").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "hightech_enterprises");
        var d = expected["hightech_enterprises"].Differences[0];
        Assert.Equal(d.Gained, row.GetProperty("difference").GetProperty("gained").GetInt64());
        Assert.Equal(d.Lost, row.GetProperty("difference").GetProperty("lost").GetInt64());
        Assert.Equal(d.ProbabilityDifferenceCi95.Lower, row.GetProperty("difference").GetProperty("ci95")[0].GetDouble());
        // Fewer certificates lost: paths are only gained, never lost, and the target becomes likelier.
        Assert.True(d.Gained > 0 && d.Lost == 0, $"gained {d.Gained}, lost {d.Lost}");
        Assert.True(row.GetProperty("whatIf").GetProperty("probability").GetDouble() > row.GetProperty("baseline").GetProperty("probability").GetDouble());
        // Only the targets the lever reaches are simulated, paired with the baseline's recorded paths: bit for bit the full
        // comparison (probability, paired difference and its interval, median difference); the others are the baseline's.
        foreach (var r in body.GetProperty("targets").EnumerateArray())
        {
            var full = expected[r.GetProperty("id").GetString()!];
            AssertRow(full, r);
        }
        var simulated = body.GetProperty("simulated").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("hightech_enterprises", simulated);
        Assert.DoesNotContain("rd_intensity", simulated);
        Assert.True(body.GetProperty("targets").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "rd_intensity").GetProperty("unaffected").GetBoolean());

        // The joint row of the headline targets comes in the same answer (each path's other targets are the baseline's), as the full comparison gives it;
        // ?part=joint (pages of an earlier version) answers it alone, the same.
        var all = expected.AllHeadlineTargets;
        AssertJoint(all, body.GetProperty("allHeadline"));
        var (jointStatus, joint) = await Post($"/api/scenarios/{Id}/whatif?part=joint", new { levers = new Dictionary<string, double> { ["hightech_exit_rate.mode"] = 0.03 } });
        Assert.Equal(HttpStatusCode.OK, jointStatus);
        AssertJoint(all, joint.GetProperty("allHeadline"));
    }

    private static void AssertRow(TargetComparison full, JsonElement r)
    {
        Assert.Equal(full.Outcomes[1].Probability.Value, r.GetProperty("whatIf").GetProperty("probability").GetDouble());
        Assert.Equal(full.Outcomes[1].Probability.Ci95.Lower, r.GetProperty("whatIf").GetProperty("ci95")[0].GetDouble());
        var d = full.Differences[0];
        var diff = r.GetProperty("difference");
        Assert.Equal(d.ProbabilityDifference, diff.GetProperty("probability").GetDouble());
        Assert.Equal(d.ProbabilityDifferenceCi95.Lower, diff.GetProperty("ci95")[0].GetDouble());
        Assert.Equal(d.ProbabilityDifferenceCi95.Upper, diff.GetProperty("ci95")[1].GetDouble());
        Assert.Equal(d.Gained, diff.GetProperty("gained").GetInt64());
        Assert.Equal(d.Lost, diff.GetProperty("lost").GetInt64());
        if (double.IsFinite(d.MedianDifference)) Assert.Equal(d.MedianDifference, diff.GetProperty("median").GetDouble());
    }

    private static void AssertJoint(TargetComparison all, JsonElement row)
    {
        Assert.Equal(all.Outcomes[1].Probability.Value, row.GetProperty("whatIf").GetProperty("probability").GetDouble());
        Assert.Equal(all.Differences[0].Gained, row.GetProperty("difference").GetProperty("gained").GetInt64());
        Assert.Equal(all.Differences[0].Lost, row.GetProperty("difference").GetProperty("lost").GetInt64());
        Assert.Equal(all.Differences[0].ProbabilityDifferenceCi95.Upper, row.GetProperty("difference").GetProperty("ci95")[1].GetDouble());
    }

    /// <summary>The scenario with one structure draw's weights set on every mixture of the draw.</summary>
    private static Forecast.Engine.Model.Scenario Weighted(Forecast.Engine.Model.Scenario scenario, string draw, double[] weights) => scenario with
    {
        Indicators = scenario.Indicators.Select(i => i.Model is Forecast.Engine.Model.MixtureModel m && (m.Structure ?? i.Id) == draw
            ? i with { Model = m with { Components = m.Components.Select((c, j) => c with { Weight = weights[j] }).ToArray() } }
            : i).ToArray(),
    };

    [Fact]
    public void StructureWeights_AreLevers_OneGroupPerStructureDraw()
    {
        var served = WorkbenchFactory.Scenarios.Find(Id)!;
        var draw = Assert.Single(served.Structures, x => x.Id == "hightech_enterprises");
        // The stock and the count of its new entries follow one draw: one group of weights moves both.
        Assert.Equal(["hightech_enterprises", "new_hightech_enterprises"], draw.Indicators.Select(i => i.Id));
        Assert.Equal(["stock-flow, constant entries", "stock-flow, entries growing at a rate"], draw.Names);
        Assert.Equal([0.5, 0.5], draw.Weights);
        // Ten mixtures in the baseline; the two stocks share their draws with their counts of new entries: eight draws.
        Assert.Equal(10, served.Scenario.Indicators.Count(i => i.Model is Forecast.Engine.Model.MixtureModel));
        Assert.Equal(8, served.Structures.Count);
    }

    [Fact]
    public async Task WeightChange_IsTheComparisonOfTheWeightedScenario_WithTheJointRow()
    {
        double[] weights = [0.8, 0.2];
        var (status, body) = await Post($"/api/scenarios/{Id}/whatif", new { weights = new Dictionary<string, double[]> { ["hightech_enterprises"] = weights } });
        Assert.Equal(HttpStatusCode.OK, status);
        var scenario = ScenarioReader.Read(WorkbenchFactory.Baseline);
        var expected = ScenarioComparison.Run([scenario, Weighted(scenario, "hightech_enterprises", weights)], new SimulationOptions(WorkbenchFactory.Paths));
        var simulated = body.GetProperty("simulated").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("hightech_enterprises", simulated);
        Assert.Contains("new_hightech_enterprises", simulated);
        Assert.DoesNotContain("tech_smes", simulated);
        foreach (var r in body.GetProperty("targets").EnumerateArray()) AssertRow(expected[r.GetProperty("id").GetString()!], r);
        var moved = expected["new_hightech_enterprises"].Differences[0];
        Assert.True(moved.Gained + moved.Lost > 0, "moving weight between structures moves paths");
        AssertJoint(expected.AllHeadlineTargets, body.GetProperty("allHeadline"));
    }

    [Theory]
    [InlineData("hightech_enterprises", new[] { 0.5, 0.3, 0.2 }, "send 2 weights, not 3")]
    [InlineData("hightech_enterprises", new[] { 1.5, -0.5 }, "must be a number from 0 to 1, not 1.5")]
    [InlineData("hightech_enterprises", new[] { 0.6, 0.6 }, "must sum to 1, not 1.2")]
    [InlineData("hightech_enterprise", new[] { 0.5, 0.5 }, "not a structure draw of this scenario (did you mean")]
    [InlineData("../../etc", new[] { 0.5, 0.5 }, "not a structure draw")]
    public async Task InvalidWeights_AreRefusedBesideTheDraw(string draw, double[] weights, string words)
    {
        var (status, body) = await Post($"/api/scenarios/{Id}/whatif", new { weights = new Dictionary<string, double[]> { [draw] = weights } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var problem = body.GetProperty("problems")[0];
        Assert.Equal("weights:" + draw, problem.GetProperty("lever").GetString());
        Assert.Contains(words, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at Forecast.", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_OfAScenarioThatIsNotShipped_NamesItsFileAlone_AndRunsSavedBesideIt()
    {
        // A scenario given to serve on the command line, from a folder of the server: the overlay names its file, not the folder.
        string serverFolder = CliHarness.TempFolder();
        Directory.CreateDirectory(serverFolder);
        string mine = Path.Combine(serverFolder, "my-plan.yaml");
        File.Copy(WorkbenchFactory.Baseline, mine);
        var served = new WorkbenchScenarios([mine], WorkbenchFactory.Paths).All.Single();
        var levers = new Dictionary<string, double> { ["hightech_exit_rate.mode"] = 0.04 };
        var (applied, problems) = LeverPanel.Apply(served.Scenario, levers);
        Assert.Empty(problems);
        string text = WorkbenchFiles.Overlay(served, applied!, levers, []);
        Assert.Contains("base: \"my-plan.yaml\"\n", text, StringComparison.Ordinal);
        Assert.Contains("save this file beside it", text, StringComparison.Ordinal);
        Assert.DoesNotContain(serverFolder, text, StringComparison.Ordinal);

        // The planner's copy of the scenario and the saved what-if, side by side elsewhere.
        string planner = CliHarness.TempFolder();
        Directory.CreateDirectory(planner);
        File.Copy(mine, Path.Combine(planner, "my-plan.yaml"));
        File.WriteAllText(Path.Combine(planner, "whatif.yaml"), text);
        var read = ScenarioReader.Read(Path.Combine(planner, "whatif.yaml"));
        Assert.Equal(0.04, read.Driver("hightech_exit_rate").Level is Forecast.Engine.Model.PertDistribution pert ? pert.Mode : double.NaN);
    }

    [Fact]
    public async Task NonFiniteWeights_AreNotTheJsonThePageSends()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync($"/api/scenarios/{Id}/whatif",
            new StringContent("{\"weights\":{\"hightech_enterprises\":[NaN,1]}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not the JSON the page sends", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hightech_exit_rate.mode", 0.5, "hightech_exit_rate.mode", "max")]
    [InlineData("hightech_exit_rate.nonsense", 0.05, "hightech_exit_rate.nonsense", "not a parameter")]
    [InlineData("no_such_driver.mean", 1.0, "no_such_driver.mean", "not in scenario")]
    [InlineData("/etc/passwd", 1.0, "/etc/passwd", "expected driver.parameter")]
    public async Task InvalidLever_IsRefusedWithAMessageBesideIt_NeverAStackTrace(string lever, double value, string at, string words)
    {
        var (status, body) = await Post($"/api/scenarios/{Id}/whatif", new { levers = new Dictionary<string, double> { [lever] = value } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var problem = body.GetProperty("problems")[0];
        Assert.Equal(at, problem.GetProperty("lever").GetString());
        Assert.Contains(words, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at Forecast.", body.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A Chinese page (its Accept-Language, or "lang" in the body) gets the lever's problem in Chinese, with an example from
    /// the shipped baseline; a language the server does not speak is English.
    /// </summary>
    [Theory]
    [InlineData("/etc/passwd", "zh-CN", null, "应为“驱动因素.参数”，例如 hightech_new_constant.mean，而不是“/etc/passwd”")]
    [InlineData("/etc/passwd", "en", "zh", "应为“驱动因素.参数”")]
    [InlineData("/etc/passwd", "zh-CN", "<script>", "应为“驱动因素.参数”")]
    [InlineData("/etc/passwd", "fr", null, "expected driver.parameter, e.g. hightech_new_constant.mean, not '/etc/passwd'")]
    [InlineData("no_such_driver.mean", "zh-CN", null, "驱动因素“no_such_driver”不在情景")]
    [InlineData("hightech_exit_rate.nonsense", "zh-CN", null, "“nonsense”不是hightech_exit_rate水平分布")]
    public async Task InvalidLever_FromAChinesePage_IsRefusedInChinese(string lever, string acceptLanguage, string? lang, string words)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/scenarios/{Id}/analyses?kind=sweep")
        {
            Content = JsonContent.Create(new { levers = new Dictionary<string, double> { [lever] = 1.0 }, lang }),
        };
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var problem = body.GetProperty("problems")[0];
        Assert.Equal(lever, problem.GetProperty("lever").GetString());
        Assert.Contains(words, problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_AreSizeLimited_AndBadJsonIsAClearMessage()
    {
        using var client = factory.CreateClient();
        var big = new StringContent("{\"levers\":{\"a.b\":1},\"session\":\"" + new string('x', (int)WorkbenchSettings.MaxBody) + "\"}", Encoding.UTF8, "application/json");
        using var tooLarge = await client.PostAsync($"/api/scenarios/{Id}/whatif", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("larger than", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var broken = await client.PostAsync($"/api/scenarios/{Id}/whatif", new StringContent("{levers: nope", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("not the JSON the page sends", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = await client.PostAsJsonAsync("/api/scenarios/nope/whatif", new { });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Overlay_RunsThroughTheCliCompare_AndGivesTheWorkbenchNumbers()
    {
        var levers = new Dictionary<string, double> { ["hightech_exit_rate.mode"] = 0.03, ["hightech_pool_size.mode"] = 130 };
        var weights = new Dictionary<string, double[]> { ["tech_smes"] = [0.7, 0.3] };
        var (_, whatIf) = await Post($"/api/scenarios/{Id}/whatif", new { levers, weights });
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync($"/api/scenarios/{Id}/download/overlay", new { levers, weights });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("whatif-liaocheng-2025-workbench.yaml", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        // The shipped baseline by id: no folder of the server in the file.
        string text = await response.Content.ReadAsStringAsync();
        Assert.Contains("base: \"liaocheng-2025\"\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetDirectoryName(WorkbenchFactory.Baseline)!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("/", text.Split('\n').Single(l => l.StartsWith("base:", StringComparison.Ordinal)), StringComparison.Ordinal);

        // Saved anywhere (the downloads folder), it is read by the command line as it is.
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "whatif-liaocheng-2025-workbench.yaml");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        string outDir = Path.Combine(folder, "out");
        var outcome = await CliHarness.Run("compare", WorkbenchFactory.Baseline, file, "--paths", WorkbenchFactory.Paths.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outDir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "compare.json")));
        string compareText = json.RootElement.ToString();
        foreach (var row in whatIf.GetProperty("targets").EnumerateArray())
        {
            double p = row.GetProperty("whatIf").GetProperty("probability").GetDouble();
            Assert.Contains(p.ToString("R", System.Globalization.CultureInfo.InvariantCulture), compareText, StringComparison.Ordinal);
        }
        var run = await CliHarness.Run("run", file, "--paths", "2048", "--out", Path.Combine(folder, "run"), "--no-plots");
        Assert.True(run.ExitCode == 0, run.Error);
        var read = ScenarioReader.Read(file);
        Assert.Equal(0.03, read.Driver("hightech_exit_rate").Level is Forecast.Engine.Model.PertDistribution pert ? pert.Mode : double.NaN);
        // The weights, on both mixtures of the draw.
        foreach (string indicator in new[] { "tech_smes", "new_tech_smes" })
            Assert.Equal([0.7, 0.3], ((Forecast.Engine.Model.MixtureModel)read.Indicator(indicator).Model).Components.Select(c => c.Weight));
        Assert.Contains("tech_smes", whatIf.GetProperty("simulated").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Downloads_AreTheRunFiles_AndAnExcelWorkbookWithOneSheetPerTable()
    {
        using var client = factory.CreateClient();
        var scenario = ScenarioReader.Read(WorkbenchFactory.Baseline);
        var run = ForecastRun.Run(scenario, new SimulationOptions(WorkbenchFactory.Paths)).Result;

        using var csv = await client.PostAsJsonAsync($"/api/scenarios/{Id}/download/csv", new { });
        string expectedCsv = Encoding.UTF8.GetString(WorkbenchFiles.SummaryCsv(run));
        Assert.Equal(expectedCsv, await csv.Content.ReadAsStringAsync());

        using var json = await client.PostAsJsonAsync($"/api/scenarios/{Id}/download/json", new { });
        Assert.Equal(run.Paths, Json(await json.Content.ReadAsStringAsync()).GetProperty("paths").GetInt64());

        using var xlsx = await client.PostAsJsonAsync($"/api/scenarios/{Id}/download/xlsx", new { levers = new Dictionary<string, double> { ["hightech_exit_rate.mode"] = 0.03 } });
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["targets", "trajectories", "levers", "run"], MiniExcel.GetSheetNames(stream).ToArray());
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "targets").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(scenario.Indicators.Count, rows.Count);
        var levers = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "levers").Cast<IDictionary<string, object>>().Single();
        Assert.Equal("hightech_exit_rate.mode", levers["lever"]);
        Assert.Equal(0.03, Convert.ToDouble(levers["value"], System.Globalization.CultureInfo.InvariantCulture));

        // Moved weights are rows of the levers sheet too, one per structure of the draw.
        using var weighted = await client.PostAsJsonAsync($"/api/scenarios/{Id}/download/xlsx", new { weights = new Dictionary<string, double[]> { ["tech_smes"] = [0.7, 0.3] } });
        using var weightedStream = new MemoryStream(await weighted.Content.ReadAsByteArrayAsync());
        var weightRows = MiniExcel.Query(weightedStream, useHeaderRow: true, sheetName: "levers").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["weights:tech_smes/stock-flow, constant entries", "weights:tech_smes/stock-flow, entries growing at a rate"], weightRows.Select(r => r["lever"]));
        Assert.Equal([0.7, 0.3], weightRows.Select(r => Convert.ToDouble(r["value"], System.Globalization.CultureInfo.InvariantCulture)));

        using var html = await client.PostAsJsonAsync($"/api/scenarios/{Id}/download/html", new { lang = "en" });
        string report = await html.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", report, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64", report, StringComparison.Ordinal);

        using var nope = await client.PostAsJsonAsync($"/api/scenarios/{Id}/download/..%2Fpasswd", new { });
        Assert.Equal(HttpStatusCode.BadRequest, nope.StatusCode);
    }

    [Fact]
    public async Task Analyses_SweepAndGoalSeek_ReportProgressAndFinishWithCharts()
    {
        using var client = factory.CreateClient();
        var sweep = await Post($"/api/scenarios/{Id}/analyses?kind=sweep", new
        {
            sweep = new[] { new { lever = "hightech_exit_rate.mode", from = 0.03, to = 0.07, steps = 2 }, new { lever = "hightech_pool_size.mode", from = 80.0, to = 120.0, steps = 2 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, sweep.Status);
        var done = await Finish(client, sweep.Body.GetProperty("job").GetString()!);
        Assert.True(done.GetProperty("result").GetProperty("figures").GetArrayLength() >= 1);
        Assert.Contains("<svg", done.GetProperty("result").GetProperty("figures")[0].GetProperty("svg").GetString()!, StringComparison.Ordinal);
        Assert.Equal(1.0, done.GetProperty("progress").GetDouble());

        var goal = await Post($"/api/scenarios/{Id}/analyses?kind=goal", new { target = "hightech_enterprises", probability = 0.5, lever = "hightech_pool_size.mode", low = 70.0, high = 130.0 });
        var answer = await Finish(client, goal.Body.GetProperty("job").GetString()!);
        var expected = GoalSeek.Seek(ScenarioReader.Read(WorkbenchFactory.Baseline), "hightech_enterprises", 0.5, new Lever("hightech_pool_size", "mode"), 70, 130,
            new SimulationOptions(WorkbenchFactory.Paths));
        Assert.Equal(expected.Status.ToString(), answer.GetProperty("result").GetProperty("status").GetString());
        Assert.Equal(expected.ProbabilityAtValue.Value, answer.GetProperty("result").GetProperty("probability").GetDouble());

        var bad = await Post($"/api/scenarios/{Id}/analyses?kind=sweep", new { sweep = new[] { new { lever = "hightech_exit_rate.mode", from = 0.03, to = 0.5, steps = 2 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("hightech_exit_rate.mode", bad.Body.GetProperty("problems")[0].GetProperty("lever").GetString());
    }

    private static async Task<JsonElement> Finish(HttpClient client, string job)
    {
        for (int i = 0; i < 600; i++)
        {
            var poll = Json(await client.GetStringAsync($"/api/analyses/{job}"));
            string state = poll.GetProperty("state").GetString()!;
            if (state != "running")
            {
                Assert.True(state == "done", poll.ToString());
                return poll;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the analysis did not finish in a minute");
    }
}
