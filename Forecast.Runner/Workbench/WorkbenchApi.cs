using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Plots;
using Forecast.Runner.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Runner.Workbench;

/// <summary>What the page sends with a lever change, a download or an analysis.</summary>
/// <param name="Levers">Lever values by "driver.parameter" (only the levers moved away from the scenario).</param>
/// <param name="Session">The page's random id: a newer lever change of the same page cancels its older one.</param>
/// <param name="Lang">"zh" or "en", for charts and the report.</param>
/// <param name="Target">An indicator id (tornado, goal seek), or all_headline_targets.</param>
/// <param name="Sweep">One or two levers with from, to and steps.</param>
/// <param name="Probability">The wanted probability of a goal seek.</param>
/// <param name="Lever">The lever of a goal seek.</param>
/// <param name="Low">The lower end searched.</param>
/// <param name="High">The upper end searched.</param>
/// <param name="Weights">Structure weights by structure draw (only the draws moved away from the scenario): one weight per structure, in the mixture's order, summing to 1.</param>
internal sealed record WorkbenchRequest(Dictionary<string, double>? Levers = null, string? Session = null, string? Lang = null, string? Target = null,
    SweepAxisRequest[]? Sweep = null, double? Probability = null, string? Lever = null, double? Low = null, double? High = null,
    Dictionary<string, double[]?>? Weights = null);

/// <summary>A swept lever.</summary>
internal sealed record SweepAxisRequest(string Lever, double From, double To, int Steps);

/// <summary>
/// The workbench's endpoints. Scenarios are named by id and indicators by their ids in that scenario; no endpoint reads
/// or writes a path a client chose. Every simulation runs through the <see cref="SimulationGate"/>.
/// </summary>
internal static class WorkbenchApi
{
    /// <summary>At most this many steps per swept lever on the page (21 values).</summary>
    public const int MaxSweepSteps = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ConcurrentDictionary<(string, string, bool), string> Svgs = new();

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/", Page);
        e.MapGet("/index.html", Page);
        e.MapGet("/app.js", c => Asset(c, "app.js", "text/javascript; charset=utf-8"));
        e.MapGet("/app.css", c => Asset(c, "app.css", "text/css; charset=utf-8"));
        e.MapGet("/strings.json", c => Asset(c, "strings.json", "application/json; charset=utf-8"));
        e.MapGet("/api/scenarios", ListScenarios);
        e.MapGet("/api/scenarios/{id}", c => Guarded(c, () => Scenario(c)));
        e.MapGet("/api/scenarios/{id}/charts/headline.svg", c => Guarded(c, () => Chart(c, null)));
        e.MapGet("/api/scenarios/{id}/charts/fan/{indicator}.svg", c => Guarded(c, () => Chart(c, (string)c.Request.RouteValues["indicator"]!)));
        e.MapPost("/api/scenarios/{id}/whatif", c => Guarded(c, () => WhatIf(c)));
        e.MapPost("/api/scenarios/{id}/download/{kind}", c => Guarded(c, () => Download(c)));
        e.MapPost("/api/scenarios/{id}/analyses", c => Guarded(c, () => StartAnalysis(c)));
        e.MapGet("/api/analyses/{job}", c => Guarded(c, () => PollAnalysis(c)));
        e.MapDelete("/api/analyses/{job}", c => Guarded(c, () => StopAnalysis(c)));
    }

    // ---- the page ----

    /// <summary>The page, in Chinese when the browser's first language is Chinese.</summary>
    private static async Task Page(HttpContext c)
    {
        string html = Resource("index.html").Replace("data-lang=\"en\"", $"data-lang=\"{PreferredLanguage(c.Request)}\"", StringComparison.Ordinal);
        c.Response.ContentType = "text/html; charset=utf-8";
        c.Response.Headers.CacheControl = "no-store";
        await c.Response.WriteAsync(html).ConfigureAwait(false);
    }

    /// <summary>"zh" when the first language of Accept-Language (by quality) is a Chinese one, else "en".</summary>
    internal static string PreferredLanguage(HttpRequest request)
    {
        var first = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return first?.Value.Value?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? "zh" : "en";
    }

    private static async Task Asset(HttpContext c, string name, string type)
    {
        c.Response.ContentType = type;
        c.Response.Headers.CacheControl = "no-cache";
        await c.Response.WriteAsync(Resource(name)).ConfigureAwait(false);
    }

    /// <summary>An embedded asset of the page, by its fixed name.</summary>
    internal static string Resource(string name)
    {
        using var stream = typeof(WorkbenchApi).Assembly.GetManifestResourceStream("workbench/" + name)
            ?? throw new InvalidOperationException($"the page's asset {name} is missing from the program");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // ---- scenarios, baseline, charts ----

    private static Task ListScenarios(HttpContext c)
    {
        var scenarios = c.RequestServices.GetRequiredService<WorkbenchScenarios>();
        return Write(c, 200, scenarios.All.Select(s => new { id = s.Id, title = Text(s.Scenario.Title) }).ToArray());
    }

    private static async Task Scenario(HttpContext c)
    {
        var (served, scenarios) = Find(c);
        var run = await c.RequestServices.GetRequiredService<SimulationGate>()
            .Run(null, token => scenarios.Baseline(served, token), c.RequestAborted).ConfigureAwait(false);
        var result = run.Result;
        // The reference of the lever changes (every path's outcomes), simulated while the planner reads the table.
        _ = Task.Run(() =>
        {
            try
            {
                scenarios.Reference(served, CancellationToken.None);
            }
            catch (Exception e) when (e is InvalidScenarioException or ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine($"workbench: the reference of {served.Id}: {e.Message}");
            }
        });
        await Write(c, 200, new
        {
            id = served.Id,
            title = Text(served.Scenario.Title),
            paths = result.Paths,
            seed = result.Seed.ToString(CultureInfo.InvariantCulture),
            targets = result.Indicators.Select(o => new
            {
                id = o.Indicator.Id,
                name = Text(o.Indicator.Name),
                unit = Text(o.Indicator.Unit),
                headline = o.Indicator.Headline,
                target = new { year = o.Indicator.Target.Year, value = o.Indicator.Target.Value, atLeast = o.Indicator.Target.Direction == Direction.AtLeast,
                    everyYear = o.Indicator.Target.Period == TargetPeriod.EveryYear, baseYear = o.Indicator.BaseYear },
                probability = o.Probability,
                ci95 = Pair(o.ProbabilityCi95),
                status = Status(o.Status),
                median = N(o.TargetYear.P50),
                p5 = N(o.TargetYear.P5),
                p95 = N(o.TargetYear.P95),
            }).ToArray(),
            allHeadline = new { probability = result.AllHeadlineProbability, ci95 = Pair(result.AllHeadlineCi95) },
            drivers = served.Levers.Select(d => new
            {
                id = d.Driver.Id,
                name = Text(d.Driver.Name),
                role = d.Role,
                distribution = d.Distribution,
                note = d.Driver.Note,
                levers = d.Levers.Select(l => new { lever = l.Lever.ToString(), parameter = l.Lever.Parameter, value = l.Value, min = l.Min, max = l.Max, step = l.Step }).ToArray(),
            }).ToArray(),
            structures = served.Structures.Select(x => new
            {
                id = x.Id,
                indicators = x.Indicators.Select(i => new { id = i.Id, name = Text(i.Name) }).ToArray(),
                names = x.Names,
                weights = x.Weights,
                basis = ((MixtureModel)x.Indicators[0].Model).Basis,
            }).ToArray(),
        }).ConfigureAwait(false);
    }

    private static async Task Chart(HttpContext c, string? indicator)
    {
        var (served, scenarios) = Find(c);
        bool chinese = c.Request.Query["lang"].FirstOrDefault() == "zh";
        if (indicator is not null && served.Scenario.Indicators.All(i => i.Id != indicator))
            throw new BadRequestException($"indicator '{indicator}' is not in scenario '{served.Id}'");
        var key = (served.Id, indicator ?? "", chinese);
        if (!Svgs.TryGetValue(key, out string? svg))
        {
            svg = await c.RequestServices.GetRequiredService<SimulationGate>().Run(null, token =>
            {
                var result = scenarios.Baseline(served, token).Result;
                var language = chinese ? PlotLanguage.For("zh", served.Scenario.Indicators).Language : PlotLanguage.English();
                var figure = indicator is null
                    ? Figure.Of("headline-fan-charts", language.Words.HeadlineSheetTitle, HeadlineSheet.Build(result, language), 1200, HeadlineSheet.Height(result))
                    : Figure.Of("fan-" + indicator, language.Name(result[indicator].Indicator), FanChart.Build(result[indicator], language), 900, 560);
                return FigureWriter.Svg(figure);
            }, c.RequestAborted).ConfigureAwait(false);
            Svgs[key] = svg;
        }
        c.Response.ContentType = "image/svg+xml; charset=utf-8";
        c.Response.Headers.CacheControl = "no-cache";
        await c.Response.WriteAsync(svg).ConfigureAwait(false);
    }

    // ---- a lever change ----

    /// <summary>
    /// A lever change. Only the targets the moved drivers and structure weights can reach are simulated, against the
    /// baseline's own paths simulated once (<see cref="ComparisonReference"/>: the same numbers as comparing the two whole
    /// scenarios, <c>forecast compare</c>, tested); every other target is the baseline's, the same on every path. The row
    /// "all headline targets met together" comes with it: each path's unchanged targets are the baseline's. <c>?part=joint</c>
    /// answers that row alone (pages of an earlier version ask for it apart).
    /// </summary>
    private static async Task WhatIf(HttpContext c)
    {
        var (served, scenarios) = Find(c);
        var request = await Read(c).ConfigureAwait(false);
        if (request.Lang is "zh" or "en") Speak(request.Lang);
        var applied = Applied(served, request);
        bool joint = c.Request.Query["part"].FirstOrDefault() == "joint";
        var moved = Moved(served, request);
        var affected = served.Affected(moved);
        var gate = c.RequestServices.GetRequiredService<SimulationGate>();
        var clock = Stopwatch.StartNew();
        string? session = request.Session is { Length: > 0 and <= 64 } s ? s + (joint ? "/joint/" : "/whatif/") + served.Id : null;
        var (baseline, result) = await gate.Run(session, token =>
        {
            var run = scenarios.Baseline(served, token).Result;
            if (affected.Count == 0) return (run, (ComparisonResult?)null);
            return (run, scenarios.Reference(served, token).Compare(applied, affected, token));
        }, c.RequestAborted).ConfigureAwait(false);

        object JointRow() => result is not null ? Row(result.AllHeadlineTargets) : Same(ScenarioComparison.AllHeadlineTargetsId,
            baseline.AllHeadlineProbability, baseline.AllHeadlineCi95, double.NaN);
        await Write(c, 200, new
        {
            paths = baseline.Paths,
            seed = baseline.Seed.ToString(CultureInfo.InvariantCulture),
            elapsedMs = clock.Elapsed.TotalMilliseconds,
            simulated = affected,
            targets = joint ? null : baseline.Indicators.Select(o => result?.Targets.FirstOrDefault(t => t.Id == o.Indicator.Id) is { } t
                ? Row(t) : Same(o.Indicator.Id, o.Probability, o.ProbabilityCi95, o.TargetYear.P50)).ToArray(),
            allHeadline = JointRow(),
        }).ConfigureAwait(false);
    }

    /// <summary>The drivers a request moves, and the structure draws (<c>structure:&lt;draw&gt;</c>) whose weights it sets.</summary>
    private static HashSet<string> Moved(ServedScenario served, WorkbenchRequest request)
    {
        var moved = (request.Levers ?? []).Keys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        foreach (string draw in (request.Weights ?? []).Keys)
            if (served.Structures.FirstOrDefault(x => x.Id == draw) is { } group) moved.Add(group.DriverId);
        return moved;
    }

    /// <summary>A target the levers cannot move: the baseline's numbers, the same on every path.</summary>
    private static object Same(string id, double probability, Interval ci95, double median) => new
    {
        id,
        baseline = new { probability, ci95 = Pair(ci95), median = N(median) },
        whatIf = new { probability, ci95 = Pair(ci95), median = N(median), status = Status(TargetStatuses.Of(probability)) },
        difference = new { probability = 0.0, ci95 = new double?[] { 0, 0 }, gained = 0L, lost = 0L, median = double.IsFinite(median) ? 0.0 : (double?)null,
            medianCi95 = new double?[] { 0, 0 } },
        unaffected = true,
    };

    private static object Row(TargetComparison t)
    {
        var d = t.Differences[0];
        return new
        {
            id = t.Id,
            baseline = new { probability = t.Outcomes[0].Probability.Value, ci95 = Pair(t.Outcomes[0].Probability.Ci95), median = N(t.Outcomes[0].Median) },
            whatIf = new { probability = t.Outcomes[1].Probability.Value, ci95 = Pair(t.Outcomes[1].Probability.Ci95), median = N(t.Outcomes[1].Median),
                status = Status(TargetStatuses.Of(t.Outcomes[1].Probability.Value)) },
            difference = new { probability = d.ProbabilityDifference, ci95 = Pair(d.ProbabilityDifferenceCi95), gained = d.Gained, lost = d.Lost,
                median = N(d.MedianDifference), medianCi95 = Pair(d.MedianDifferenceCi95) },
        };
    }

    // ---- downloads ----

    private static async Task Download(HttpContext c)
    {
        var (served, scenarios) = Find(c);
        string kind = (string)c.Request.RouteValues["kind"]!;
        var request = await Read(c).ConfigureAwait(false);
        if (request.Lang is "zh" or "en") Speak(request.Lang);
        var applied = Applied(served, request);
        var levers = request.Levers ?? [];
        var weights = request.Weights ?? [];
        bool changed = levers.Count > 0 || weights.Count > 0;
        string stem = served.Id + (changed ? "-workbench" : "");
        if (kind == "overlay")
        {
            await File(c, Encoding.UTF8.GetBytes(WorkbenchFiles.Overlay(served, applied, levers, weights.Keys)), "application/yaml; charset=utf-8", $"whatif-{served.Id}-workbench.yaml").ConfigureAwait(false);
            return;
        }
        if (kind is not ("csv" or "json" or "xlsx" or "html"))
            throw new BadRequestException($"unknown download '{kind}': overlay, csv, json, xlsx or html");
        bool chinese = request.Lang == "zh";
        var (bytes, type, name) = await c.RequestServices.GetRequiredService<SimulationGate>().Run(null, token =>
        {
            var result = !changed ? scenarios.Baseline(served, token).Result : ForecastRun.Run(applied, scenarios.Options, null, token).Result;
            return kind switch
            {
                "csv" => (WorkbenchFiles.SummaryCsv(result), "text/csv; charset=utf-8", stem + "-summary.csv"),
                "json" => (WorkbenchFiles.SummaryJson(result), "application/json; charset=utf-8", stem + "-summary.json"),
                "xlsx" => (WorkbenchFiles.Workbook(result, levers, served.Scenario, served.Structures, weights), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem + ".xlsx"),
                _ => (WorkbenchFiles.Report(result, applied, served, chinese), "text/html; charset=utf-8", stem + "-report.html"),
            };
        }, c.RequestAborted).ConfigureAwait(false);
        await File(c, bytes, type, name).ConfigureAwait(false);
    }

    private static async Task File(HttpContext c, byte[] bytes, string type, string name)
    {
        c.Response.ContentType = type;
        c.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await c.Response.Body.WriteAsync(bytes, c.RequestAborted).ConfigureAwait(false);
    }

    // ---- analyses: sweep, tornado, goal seek ----

    private static async Task StartAnalysis(HttpContext c)
    {
        var (served, scenarios) = Find(c);
        var request = await Read(c).ConfigureAwait(false);
        if (request.Lang is "zh" or "en") Speak(request.Lang);
        var applied = Applied(served, request);
        long paths = scenarios.Paths;
        var language = request.Lang == "zh" ? PlotLanguage.For("zh", served.Scenario.Indicators).Language : PlotLanguage.English();
        string kind = c.Request.Query["kind"].FirstOrDefault() ?? "";
        var jobs = c.RequestServices.GetRequiredService<WorkbenchJobs>();
        WorkbenchJob job = kind switch
        {
            "sweep" => StartSweep(jobs, applied, request, language, new SimulationOptions(Math.Min(paths, LeverSweep.DefaultPaths))),
            "tornado" => StartTornado(jobs, applied, request, language, new SimulationOptions(Math.Min(paths, Tornado.DefaultPaths))),
            "goal" => StartGoal(jobs, applied, request, language, new SimulationOptions(Math.Min(paths, GoalSeek.DefaultPaths))),
            _ => throw new BadRequestException($"unknown analysis '{kind}': sweep, tornado or goal"),
        };
        await Write(c, 202, new { job = job.Id, kind = job.Kind }).ConfigureAwait(false);
    }

    private static WorkbenchJob StartSweep(WorkbenchJobs jobs, Scenario scenario, WorkbenchRequest request, PlotLanguage language, SimulationOptions options)
    {
        if (request.Sweep is not { Length: 1 or 2 } axes) throw new BadRequestException(AnalysisStrings.WbSweepAxes);
        var problems = new List<LeverProblem>();
        var leverAxes = new List<LeverAxis>();
        foreach (var a in axes)
        {
            var lever = ParseLever(scenario, a.Lever);
            if (a.Steps is < 1 or > MaxSweepSteps) problems.Add(new LeverProblem(a.Lever, F(AnalysisStrings.WbSteps, MaxSweepSteps, a.Steps)));
            else if (!(double.IsFinite(a.From) && double.IsFinite(a.To) && a.From != a.To)) problems.Add(new LeverProblem(a.Lever, AnalysisStrings.WbFromTo));
            else
            {
                var axis = LeverAxis.Even(lever, a.From, a.To, a.Steps);
                foreach (double v in axis.Values)
                    if (lever.TryApply(scenario, v).Problem is { } p)
                    {
                        problems.Add(new LeverProblem(a.Lever, p));
                        break;
                    }
                leverAxes.Add(axis);
            }
        }
        if (leverAxes.Count == 2 && leverAxes[0].Lever == leverAxes[1].Lever) problems.Add(new LeverProblem(axes[1].Lever, AnalysisStrings.WbTwoLevers));
        if (problems.Count > 0) throw new BadRequestException(problems);
        int points = leverAxes.Aggregate(1, (n, a) => n * a.Values.Count);
        return jobs.Start("sweep", (job, token) =>
        {
            var progress = new SyncProgress<int>(done => job.Progress = (double)done / points);
            var result = LeverSweep.Run(scenario, leverAxes, options, progress, token);
            var set = WhatIfFigures.Sweep(result, scenario, language);
            return new { figures = Figures(set.Figures), notDrawn = set.NotDrawn, paths = result.Paths };
        });
    }

    private static WorkbenchJob StartTornado(WorkbenchJobs jobs, Scenario scenario, WorkbenchRequest request, PlotLanguage language, SimulationOptions options)
    {
        string target = request.Target ?? ScenarioComparison.AllHeadlineTargetsId;
        if (target != ScenarioComparison.AllHeadlineTargetsId && scenario.Indicators.All(i => i.Id != target))
            throw new BadRequestException($"indicator '{target}' is not in scenario '{scenario.Name}'");
        return jobs.Start("tornado", (job, token) =>
        {
            var progress = new SyncProgress<(int Done, int Total)>(p => job.Progress = p.Total == 0 ? 0 : (double)p.Done / p.Total);
            var result = Tornado.Run(scenario, options, 0.1, 0.9, progress, token);
            var t = result[target];
            var figure = Figure.Of("tornado-" + PlotSet.FileSafe(target), SweepHeatmap.TargetName(target, scenario, language),
                TornadoChart.Build(t, result, scenario, language), 1100, TornadoChart.Height(t));
            return new { figures = Figures([figure]), paths = result.Paths };
        });
    }

    private static WorkbenchJob StartGoal(WorkbenchJobs jobs, Scenario scenario, WorkbenchRequest request, PlotLanguage language, SimulationOptions options)
    {
        string target = request.Target ?? "";
        var problems = new List<LeverProblem>();
        if (scenario.Indicators.All(i => i.Id != target)) problems.Add(new LeverProblem("", $"indicator '{target}' is not in scenario '{scenario.Name}'"));
        var lever = ParseLever(scenario, request.Lever ?? "");
        if (request.Probability is not (> 0 and < 1)) problems.Add(new LeverProblem(request.Lever ?? "", AnalysisStrings.WbProbability));
        if (request.Low is not { } low || request.High is not { } high || !(low < high))
            problems.Add(new LeverProblem(request.Lever ?? "", AnalysisStrings.WbRange));
        if (problems.Count > 0) throw new BadRequestException(problems);
        foreach (double end in new[] { request.Low!.Value, request.High!.Value })
            if (lever.TryApply(scenario, end).Problem is { } p) throw new BadRequestException([new LeverProblem(lever.ToString(), p)]);
        return jobs.Start("goal", (_, token) =>
        {
            var result = GoalSeek.Seek(scenario, target, request.Probability!.Value, lever, request.Low!.Value, request.High!.Value, options, token);
            return new
            {
                figures = Figures(WhatIfFigures.Goal(result, scenario, language).Figures),
                status = result.Status.ToString(),
                value = N(result.Value),
                probability = result.ProbabilityAtValue.Value,
                ci95 = Pair(result.ProbabilityAtValue.Ci95),
                current = result.CurrentValue,
                paths = result.Paths,
            };
        });
    }

    private static Task PollAnalysis(HttpContext c)
    {
        var job = c.RequestServices.GetRequiredService<WorkbenchJobs>().Poll((string)c.Request.RouteValues["job"]!);
        if (job is null) return Write(c, 404, new { error = AnalysisStrings.WbNoAnalysis });
        return Write(c, 200, new { state = job.State, progress = job.Progress, result = job.Result, error = job.Error });
    }

    private static Task StopAnalysis(HttpContext c)
    {
        bool stopped = c.RequestServices.GetRequiredService<WorkbenchJobs>().Stop((string)c.Request.RouteValues["job"]!);
        return Write(c, stopped ? 200 : 404, new { stopped });
    }

    private static object[] Figures(IEnumerable<Figure> figures) =>
        figures.Select(f => (object)new { name = f.Name, caption = f.Caption, svg = FigureWriter.Svg(f) }).ToArray();

    private static Lever ParseLever(Scenario scenario, string token)
    {
        int dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1) throw new BadRequestException([new LeverProblem(token, "expected driver.parameter, e.g. hightech_new.mean")]);
        var lever = new Lever(token[..dot], token[(dot + 1)..]);
        if (lever.Problem(scenario) is { } problem) throw new BadRequestException([new LeverProblem(token, problem)]);
        return lever;
    }

    // ---- plumbing ----

    private static (ServedScenario Served, WorkbenchScenarios Scenarios) Find(HttpContext c)
    {
        var scenarios = c.RequestServices.GetRequiredService<WorkbenchScenarios>();
        string id = (string)c.Request.RouteValues["id"]!;
        var served = scenarios.Find(id) ?? throw new NotFoundException(F(AnalysisStrings.WbNoScenario, id, ScenarioValidator.Suggest(id, scenarios.All.Select(s => s.Id))));
        return (served, scenarios);
    }

    private static Scenario Applied(ServedScenario served, WorkbenchRequest request)
    {
        var (applied, problems) = LeverPanel.Apply(served.Scenario, request.Levers, served.Structures, request.Weights);
        return applied ?? throw new BadRequestException(problems);
    }

    /// <summary>Reads the JSON body, at most <see cref="WorkbenchSettings.MaxBody"/> bytes (a longer one is refused with 413).</summary>
    private static async Task<WorkbenchRequest> Read(HttpContext c)
    {
        if (c.Request.ContentLength > WorkbenchSettings.MaxBody) throw new PayloadTooLargeException();
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await c.Request.Body.ReadAsync(chunk, c.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > WorkbenchSettings.MaxBody) throw new PayloadTooLargeException();
        }
        if (buffer.Length == 0) return new WorkbenchRequest();
        try
        {
            return JsonSerializer.Deserialize<WorkbenchRequest>(buffer.ToArray(), Json) ?? new WorkbenchRequest();
        }
        catch (JsonException e)
        {
            throw new BadRequestException(F(AnalysisStrings.WbNotJson, e.Message));
        }
    }

    /// <summary>Runs an endpoint; whatever goes wrong becomes a JSON message with its status, never a stack trace.</summary>
    private static async Task Guarded(HttpContext c, Func<Task> body)
    {
        // The messages to the page speak the page's language: ?lang=zh|en, else the first of Accept-Language (the page
        // sends its own); anything else is English. The body's "lang", where a request has one, decides after it is read.
        Speak(c.Request.Query["lang"].FirstOrDefault() is "zh" or "en" ? c.Request.Query["lang"].FirstOrDefault() : PreferredLanguage(c.Request));
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (c.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody reads an answer.
        }
        catch (OperationCanceledException)
        {
            if (!c.Response.HasStarted) await Write(c, 409, new { error = AnalysisStrings.WbSuperseded, superseded = true }).ConfigureAwait(false);
        }
        catch (NotFoundException e)
        {
            if (!c.Response.HasStarted) await Write(c, 404, new { error = e.Message }).ConfigureAwait(false);
        }
        catch (PayloadTooLargeException)
        {
            if (!c.Response.HasStarted) await Write(c, 413, new { error = F(AnalysisStrings.WbTooLarge, WorkbenchSettings.MaxBody / 1024) }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            int status = WorkbenchErrors.Status(e);
            if (status == 500) await Console.Error.WriteLineAsync($"workbench: {c.Request.Method} {c.Request.Path}: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            if (!c.Response.HasStarted) await Write(c, status, WorkbenchErrors.Describe(e)).ConfigureAwait(false);
        }
    }

    /// <summary>Sets the request's UI culture (and so the resources' language): Chinese for "zh", English for anything else.</summary>
    private static void Speak(string? lang) =>
        CultureInfo.CurrentUICulture = lang == "zh" ? Output.Language.Chinese : CultureInfo.InvariantCulture;

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static async Task Write(HttpContext c, int status, object body)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json; charset=utf-8";
        c.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(c.Response.Body, body, body.GetType(), Json, c.RequestAborted).ConfigureAwait(false);
    }

    private static object Text(LocalizedText t) => new { zh = t.In(true), en = t.En };

    private static double?[] Pair(Interval i) => [N(i.Lower), N(i.Upper)];

    private static double? N(double x) => double.IsFinite(x) ? x : null;

    private static string Status(TargetStatus s) => s switch
    {
        TargetStatus.OnTrack => "on-track",
        TargetStatus.AtRisk => "at-risk",
        _ => "off-track",
    };

    private sealed class NotFoundException(string message) : Exception(message);

    private sealed class PayloadTooLargeException : Exception;

    /// <summary>Reports on the thread that reports (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
