using System.Diagnostics.CodeAnalysis;
using Forecast.Engine.Simulation;
using Forecast.Runner.Output;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>
/// Start-up work of <c>forecast run &lt;scenario&gt;</c> on the second core. While the main thread builds the host and
/// the command line and parses the arguments (about 50 ms), a background thread reads the scenario file, which the
/// command then takes instead of reading it again; then it has the engine's kernels compiled (<see cref="Kernels.Prepare"/>:
/// their AVX-512 code is compiled at run time, not ahead, some 30 to 40 ms the run's pilot would otherwise wait for) and
/// Spectre's table code loaded (<see cref="PrepareConsole"/>). All three are work the run does anyway, only earlier and
/// elsewhere, so the warm-up runs whatever the load and cannot change a result. (It used to also simulate a few paths of a
/// light copy of the scenario and write them nowhere, when a core was free: once the kernels and the table were prepared
/// that cost more than it saved, the 1,000-path Liaocheng run 0.40 s against 0.33 s without it and bench-gbm8 at 10⁷ paths
/// 1.66 s against 1.50 s, medians of interleaved runs.)
/// The read is <see cref="ScenarioReader.Read(string, ScenarioReadOptions)"/>'s own, of the same file, so the command's
/// outputs cannot differ; a failure is left for the command, which reads the file again and reports it in its language.
/// </summary>
internal static class RunWarmup
{
    /// <summary>The file being read in the background and its read (null when the read failed); taken once.</summary>
    private static Prefetch? _prefetch;

    private sealed record Prefetch(string Path, Task<ScenarioRead?> Read);

    /// <summary>Starts the warm-up when the command line asks for a run of a scenario file and there is a second core.</summary>
    public static void Start(string[] args)
    {
        if (Environment.ProcessorCount < 2 || ScenarioFile(args) is not { } path) return;
        var read = new TaskCompletionSource<ScenarioRead?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _prefetch = new Prefetch(path, read.Task);
        new Thread(() => Warm(path, read)) { IsBackground = true, Name = "forecast warm-up" }.Start();
    }

    /// <summary>
    /// The scenario file as <see cref="ScenarioReader.Read(string, ScenarioReadOptions)"/> reads it: the warm-up's read
    /// when it read this file with the default options and succeeded, else a read of its own (which throws as usual).
    /// </summary>
    public static ScenarioRead Read(string path, ScenarioReadOptions options)
    {
        if (Interlocked.Exchange(ref _prefetch, null) is { } prefetch && prefetch.Path == path && options == ScenarioReadOptions.Default
            && prefetch.Read.GetAwaiter().GetResult() is { } read)
            return read;
        return ScenarioReader.Read(path, options);
    }

    /// <summary>
    /// The scenario file of <c>run</c>, guessed from the raw arguments before the command line is parsed: the first
    /// argument after <c>run</c> that is not an option and names a .yaml or .yml file. A wrong guess costs only the
    /// warm-up (the command takes the read only of the file it was given), never the command's result.
    /// </summary>
    internal static string? ScenarioFile(string[] args)
    {
        if (args.Length < 2 || args[0] != "run") return null;
        foreach (string a in args.AsSpan(1))
            if (!a.StartsWith('-') && (a.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || a.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
                return File.Exists(a) ? a : null;
        return null;
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The warm-up is optional: whatever goes wrong, the command itself meets it again and reports it.")]
    internal static void Warm(string path, TaskCompletionSource<ScenarioRead?>? read = null)
    {
        try
        {
            ScenarioRead? scenario = null;
            try
            {
                scenario = ScenarioReader.Read(path, ScenarioReadOptions.Default);
            }
            finally
            {
                // The command waits for this: null (read the file yourself) when the read threw.
                read?.TrySetResult(scenario);
            }
            Kernels.Prepare();
            PrepareConsole();
        }
        catch (Exception)
        {
            // Left for the command.
        }
    }

    /// <summary>
    /// Spectre's first table costs some 25 ms on a busy machine (loading and compiling its layout code), which the
    /// command meets last: a small table drawn like <see cref="ConsoleReport.Table"/> (rounded, a title, right-aligned
    /// columns, markup, line breaks, an empty row) and written nowhere has that done while the run simulates.
    /// </summary>
    private static void PrepareConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]warm-up[/]");
        table.AddColumn(new TableColumn("indicator"));
        table.AddColumn(new TableColumn("median").RightAligned());
        table.AddRow("name\n[grey]≥ 1[/]", "1.5 [grey](1-2)[/]");
        table.AddEmptyRow();
        table.AddRow("other", "2");
        console.Write(table);
        console.MarkupLine("[grey]done[/]");
    }
}
