using Forecast.Engine.Model;
using Forecast.Runner.Commands;
using Forecast.Runner.Output;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.WhatIf;

/// <summary>What the what-if commands share: reading scenarios, the output folder, and turning failures into exit codes.</summary>
internal static class WhatIfRun
{
    /// <summary>Runs a command body: bad input exits with 2 (nothing written), Ctrl+C with 130.</summary>
    public static int Guard(Terminal terminal, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            return ErrorReporter.Report(terminal, e.Errors);
        }
        catch (OperationCanceledException)
        {
            return ErrorReporter.Cancelled(terminal);
        }
    }

    /// <summary>Reads every scenario, collecting the problems of all of them before failing.</summary>
    public static List<Scenario> ReadAll(IEnumerable<string> paths)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<InputError>();
        foreach (var path in paths)
        {
            try
            {
                scenarios.Add(ScenarioReader.Read(path));
            }
            catch (InputException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        if (errors.Count > 0) throw new InputException(errors);
        return scenarios;
    }

    /// <summary>The indicator with the given id, or an input error with a "did you mean".</summary>
    public static Indicator Indicator(Scenario scenario, string option, string id) =>
        scenario.Indicators.FirstOrDefault(i => i.Id == id)
        ?? throw LeverSyntax.Error(option, id, $"indicator '{id}' is not in scenario '{scenario.Name}'{ScenarioValidator.Suggest(id, scenario.Indicators.Select(i => i.Id))}");

    /// <summary>Opens the output folder (default out/<paramref name="defaultName"/>), owned by <paramref name="owner"/>.</summary>
    public static OutputFolder Open(string? outOption, string defaultName, string owner, bool force) =>
        OutputFolder.Open(outOption ?? Path.Combine("out", defaultName), owner, force);

    /// <summary>Commits the folder and says where the files went.</summary>
    public static void Commit(IAnsiConsole console, OutputFolder folder, TimeSpan elapsed)
    {
        var written = folder.Commit();
        console.MarkupLine($"[grey]{elapsed.TotalSeconds:F1} s. Wrote {written.Count} files to {Markup.Escape(folder.Path)}[/]");
    }
}
