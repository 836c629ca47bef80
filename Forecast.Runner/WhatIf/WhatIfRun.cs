using Forecast.Engine.Model;
using Forecast.Runner.Commands;
using Forecast.Runner.Output;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.WhatIf;

/// <summary>What the what-if commands share: reading scenarios, the output folder, and turning failures into exit codes.</summary>
internal static class WhatIfRun
{
    /// <summary>
    /// Runs a command body: bad input exits with 2 (nothing written), Ctrl+C with 130, outputs that cannot be written
    /// with 1 (earlier outputs untouched).
    /// </summary>
    /// <param name="terminal">Where messages go.</param>
    /// <param name="body">The command.</param>
    /// <param name="scenarioFile">The scenario file, to locate problems the engine finds in it; null for several files.</param>
    public static int Guard(Terminal terminal, Func<int> body, string? scenarioFile = null)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (ErrorReporter.Handles(e))
        {
            return ErrorReporter.Report(terminal, e, problems => scenarioFile is not null
                ? ScenarioReader.Locate(scenarioFile, problems)
                : problems.Select(p => new InputError("the scenarios", 0, 0, p.Path, p.Message)).ToList());
        }
    }

    /// <summary>Reads every scenario, collecting the problems of all of them before failing; says what a correlation repair changed.</summary>
    public static List<Scenario> ReadAll(IEnumerable<string> paths, ScenarioReadOptions options, IAnsiConsole console)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<InputError>();
        foreach (var path in paths)
        {
            try
            {
                var (scenario, repair) = ScenarioReader.Read(path, options);
                CorrelationRepairReport.Print(console, repair);
                scenarios.Add(scenario);
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
        ?? throw LeverSyntax.Error(option, id, Words.F(Resources.WhatIfStrings.IndicatorNotInScenario, id, scenario.Name, ScenarioValidator.Suggest(id, scenario.Indicators.Select(i => i.Id))));

    /// <summary>Opens the analysis's output folder (default out/<see cref="Analysis.Folder"/>), owned by the analysis.</summary>
    public static OutputFolder Open(string? outOption, Analysis analysis, bool force, CancellationToken cancellationToken) =>
        OutputFolder.Open(outOption ?? Path.Combine("out", analysis.Folder), analysis.Owner, force, cancellationToken);

    /// <summary>
    /// The run-time estimate of an analysis, as run's (a timed probe of the scenario when the work exceeds two million
    /// paths): longer than <see cref="SimulationRunner.LongRun"/> needs --yes, else bad input naming <paramref name="option"/>.
    /// </summary>
    /// <param name="scenario">The scenario simulated.</param>
    /// <param name="paths">Every path the analysis simulates (e.g. a tornado's runs times its paths per run).</param>
    /// <param name="threads">The --threads value.</param>
    /// <param name="yes">The --yes flag.</param>
    /// <param name="option">The option that sets the amount of work (--paths, --samples).</param>
    public static void CheckRunTime(Scenario scenario, long paths, int threads, bool yes, string option)
    {
        if (yes) return;
        var estimate = SimulationRunner.Estimate(scenario, paths, threads);
        if (estimate > SimulationRunner.LongRun)
            throw new InputException(new InputError(option, 0, 0, "", new LongRunException(paths, estimate).Message));
    }

    /// <summary>Commits the folder and says where the files went.</summary>
    public static void Commit(IAnsiConsole console, OutputFolder folder, TimeSpan elapsed)
    {
        var written = folder.Commit();
        console.MarkupLine($"[grey]{Markup.Escape(Footer(elapsed, written.Count, folder.Path))}[/]");
    }

    /// <summary>The last line of an analysis: its time and where its files went ("1.2 s. Wrote 4 files to out/x", "用时1.2秒。已写入4个文件到out/x").</summary>
    public static string Footer(TimeSpan elapsed, int files, string folder) =>
        Words.F(Resources.WhatIfStrings.Elapsed, elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))
        + WhatIfConsole.Gap + Words.WroteFiles(files, folder);
}

/// <summary>
/// What distinguishes one what-if analysis from another: its default folder name and the owner its folder's marker
/// records. Both name the scenario and the analysis's own choices (the levers of a sweep, the target and lever of a goal
/// seek, the targets of a sensitivity analysis), so a second analysis never silently replaces a different one: its
/// default folder is another, and a rerun into the first one's folder is refused without --force.
/// </summary>
/// <param name="Folder">The default folder name under out/.</param>
/// <param name="Owner">How the analysis names itself in the folder's marker and in messages.</param>
internal sealed record Analysis(string Folder, string Owner)
{
    public static Analysis Comparison(IReadOnlyList<Scenario> scenarios)
    {
        string names = string.Join("-vs-", scenarios.Select(s => s.Name));
        return new("compare-" + names, "comparison " + names);
    }

    public static Analysis Sweep(Scenario scenario, IEnumerable<Forecast.Engine.WhatIf.Lever> levers)
    {
        var names = levers.Select(l => l.ToString()).ToList();
        return new($"{scenario.Name}-sweep-{string.Join("-", names)}", $"sweep of {scenario.Name} by {string.Join(" and ", names)}");
    }

    public static Analysis Goal(Scenario scenario, string indicator, Forecast.Engine.WhatIf.Lever lever) =>
        new($"{scenario.Name}-goal-{indicator}-{lever}", $"goal seek of {scenario.Name} for {indicator} by {lever}");

    public static Analysis Targets(Scenario scenario, double probability) =>
        new($"{scenario.Name}-targets", $"targets of {scenario.Name}");

    public static Analysis Sensitivity(Scenario scenario, IReadOnlyList<string>? indicators) => indicators is null
        ? new($"{scenario.Name}-sensitivity", $"sensitivity of {scenario.Name}")
        : new($"{scenario.Name}-sensitivity-{string.Join("-", indicators)}", $"sensitivity of {scenario.Name} for {string.Join(" and ", indicators)}");
}
