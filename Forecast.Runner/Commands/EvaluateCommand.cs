using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Forecast.Engine.Evaluation;
using Forecast.Runner.Evaluation;
using Forecast.Runner.Output;
using Forecast.Runner.Plots;
using Forecast.Runner.Report;
using Forecast.Runner.Resources;
using Forecast.Scenarios;
using Forecast.Scenarios.History;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>
/// <c>forecast evaluate &lt;run-folder&gt; &lt;actuals.csv&gt;...</c>: score a finished run's forecast against outcomes reported since:
/// every outcome's PIT, bands, CRPS and interval score from the run's stored distributions (distribution.json), every
/// target's outcome with the probability the forecast gave it (Brier score), the summary; console table, evaluation.json,
/// evaluation.csv, fan charts with the outcomes, the PIT histogram and (with --report) report.html with an evaluation section.
/// </summary>
internal sealed class EvaluateCommand(Terminal terminal) : ICommandBuilder
{
    private readonly Argument<string> _run = new("run-folder") { Description = HelpStrings.EvaluateRun };

    private readonly Argument<string[]> _actuals = new("actuals")
    {
        Description = HelpStrings.EvaluateActuals,
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> _region = new("--region")
    {
        Description = HelpStrings.EvaluateRegion,
    };

    private readonly Option<string[]> _map = new("--map")
    {
        Description = HelpStrings.EvaluateAlias,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _out = new("--out") { Description = HelpStrings.EvaluateOut };
    private readonly Option<bool> _force = new("--force") { Description = HelpStrings.ForceAnalysis };
    private readonly Option<bool> _noPlots = PlotOptions.NoPlotsOption();
    private readonly Option<int> _dpi = PlotOptions.DpiOption();
    private readonly Option<bool> _report = new("--report") { Description = HelpStrings.EvaluateReport };

    public Command Build()
    {
        var command = new Command("evaluate", HelpStrings.Evaluate);
        command.Arguments.Add(_run);
        command.Arguments.Add(_actuals);
        foreach (Option option in new Option[] { _region, _map, _out, _force, _noPlots, _dpi, _report }) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => Task.FromResult(WhatIf.WhatIfRun.Guard(terminal, () => Execute(parse, cancellationToken))));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string runPath = parse.GetValue(_run)!;
        string[] files = parse.GetValue(_actuals)!;
        // Every input is read and checked before anything is written.
        var errors = new List<InputError>();
        RunFolder? run = null;
        try
        {
            run = RunFolder.Read(runPath);
        }
        catch (InputException e)
        {
            errors.AddRange(e.Errors);
        }
        var actuals = new List<Actual>();
        foreach (string file in files)
        {
            try
            {
                actuals.AddRange(ActualsCsvReader.Read(file));
            }
            catch (InputException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        if (errors.Count > 0) throw new InputException(errors);
        var mappings = Mappings(parse.GetValue(_map) ?? [], run!);
        string? region = Region(parse.GetValue(_region), actuals);
        var evaluation = ForecastEvaluator.Evaluate(run!.Distribution, run.Result.Indicators, actuals, new EvaluationOptions(region, mappings));
        var context = new EvaluationFiles.Context(run, files, region, mappings);
        cancellationToken.ThrowIfCancellationRequested();

        using var folder = OutputFolder.Open(parse.GetValue(_out) ?? Path.Combine(runPath, "evaluation"), "evaluate:" + run.Result.Scenario, parse.GetValue(_force), cancellationToken);
        using (var stream = File.Create(folder.StagedFile("evaluation.json")))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            EvaluationFiles.Json(w, evaluation, context);
        using (var csv = new StreamWriter(folder.StagedFile("evaluation.csv"), false, new UTF8Encoding(false))) EvaluationFiles.Csv(csv, evaluation);

        bool plots = !parse.GetValue(_noPlots), report = parse.GetValue(_report);
        if (plots || report)
        {
            var (language, note) = PlotLanguage.Resolve(Output.Language.Code,
                run.Scenario.Indicators.SelectMany(i => new[] { i.Name.Zh, i.Unit.Zh }).Append(EvaluationWords.For(chinese: true).AllText()));
            if (note is not null) terminal.Out.MarkupLine($"[yellow]{Markup.Escape(Resources.Strings.Note)}[/] {Markup.Escape(note)}");
            var figures = EvaluationReport.Figures(run, evaluation, language);
            if (plots) PlotSet.Stage(folder, figures, parse.GetValue(_dpi));
            if (report)
            {
                // The run's own figures, with each fan chart that has outcomes replaced by the one that draws them.
                var ours = figures.ToDictionary(f => f.Name);
                var all = PlotSet.Figures(run.Result, language, run.Distribution).Select(f => ours.GetValueOrDefault(f.Name, f)).ToList();
                using var writer = new StreamWriter(folder.StagedFile("report.html"), false, new UTF8Encoding(false));
                HtmlReport.Write(writer, run.Result, run.Scenario, run.ScenarioText, language, all, [EvaluationReport.Section(evaluation, context, figures)]);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        var written = folder.Commit();
        EvaluationConsole.Write(terminal.Out, evaluation, context, Output.Language.IsChinese);
        terminal.Out.MarkupLine($"[grey]{Markup.Escape(WhatIf.WhatIfRun.Footer(clock.Elapsed, written.Count, folder.Path))}[/]");
        return ExitCodes.Success;
    }

    /// <summary>The --map pairs, each checked: actual_id=indicator_id with the indicator in the run.</summary>
    private static Dictionary<string, string> Mappings(IEnumerable<string> tokens, RunFolder run)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<InputError>();
        foreach (string token in tokens)
        {
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            string from = eq > 0 ? token[..eq].Trim() : "", to = eq > 0 ? token[(eq + 1)..].Trim() : "";
            if (from.Length == 0 || to.Length == 0)
                errors.Add(new InputError("--map", 0, 0, "", Words.F(AnalysisStrings.EvalMapExpected, token)));
            else if (run.Scenario.Indicators.All(i => i.Id != to))
                errors.Add(new InputError("--map", 0, 0, "", Words.F(AnalysisStrings.EvalMapUnknown, to, run.Scenario.Name,
                    Engine.Model.ScenarioValidator.Suggest(to, run.Scenario.Indicators.Select(i => i.Id)))));
            else if (!map.TryAdd(from, to))
                errors.Add(new InputError("--map", 0, 0, "", Words.F(AnalysisStrings.EvalMapTwice, from)));
        }
        if (errors.Count > 0) throw new InputException(errors);
        return map;
    }

    /// <summary>The region given, else the one region the actuals name (none: every row is the forecast's).</summary>
    private static string? Region(string? given, IReadOnlyList<Actual> actuals)
    {
        if (given is not null) return given;
        var regions = actuals.Select(a => a.Region).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (regions.Count > 1)
            throw new InputException(new InputError("--region", 0, 0, "",
                Words.F(AnalysisStrings.EvalRegions, AnalysisWords.List(regions))));
        return regions.Count == 1 ? regions[0] : null;
    }
}
