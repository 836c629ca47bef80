using System.Diagnostics.CodeAnalysis;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Runner.Evaluation;
using Forecast.Runner.Output;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Commands;

/// <summary>
/// Start-up work of <c>forecast run &lt;scenario&gt;</c> on the second core. While the main thread builds the host and
/// the command line and parses the arguments (about 0.1 s), a background thread reads the scenario file, which the
/// command then takes instead of reading it again, and has the engine's kernels compiled (<see cref="Kernels.Prepare"/>:
/// its AVX-512 code is compiled at run time, not ahead, some 30 to 40 ms that the run's pilot would otherwise wait for).
/// Both are work the run does anyway, so they are done whatever the load. When a core is free it then also simulates a
/// few paths of a copy of the scenario whose Beta and PERT levels are uniforms over the same ranges, and renders their
/// table and notes and writes their distribution and summary to nowhere: the compile of the run proper builds the level
/// samplers' quantile tables (tens of milliseconds) while the warm-up has the rest of the engine's code and the writers'
/// and Spectre's code ready. The warm-up never builds a table the run waits for, and it stops once the run has finished
/// simulating: from then on it would only compete with the run's own writers for the cores.
/// The read is <see cref="ScenarioReader.Read(string, ScenarioReadOptions)"/>'s own, of the same file, so the command's
/// outputs cannot differ; a failure is left for the command, which reads the file again and reports it in its language.
/// </summary>
internal static class RunWarmup
{
    /// <summary>Paths of the warm-up simulation: one block, enough to pass through the pilot and the run proper.</summary>
    private const long Paths = 256;

    /// <summary>The file being read in the background and its read (null when the read failed); taken once.</summary>
    private static Prefetch? _prefetch;

    /// <summary>Set when the command has finished simulating: the warm-up's writers would then only compete with the run's.</summary>
    private static volatile bool _overtaken;

    /// <summary>Tells the warm-up that the command has finished simulating, so that it stops before its next step.</summary>
    public static void Overtaken() => _overtaken = true;

    private sealed record Prefetch(string Path, Task<ScenarioRead?> Read);

    /// <summary>
    /// Starts the warm-up when the command line asks for a run of a scenario file and there is a second core. The read and
    /// the kernels' compilation cost nothing the run would not spend. The simulation costs CPU (0.55 -> 0.68 s of it for
    /// 1,000 Liaocheng paths) to save wall time (0.55 -> 0.48 s) only when it has a core to itself: on a machine kept busy
    /// by other work it made the same run slower (1.0 -> 1.1 s), so it is left out when the load average is already as
    /// high as the number of cores.
    /// </summary>
    public static void Start(string[] args)
    {
        if (Environment.ProcessorCount < 2 || ScenarioFile(args) is not { } path) return;
        bool simulate = Load() < Environment.ProcessorCount;
        var read = new TaskCompletionSource<ScenarioRead?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _prefetch = new Prefetch(path, read.Task);
        _overtaken = false;
        new Thread(() => Warm(path, read, simulate)) { IsBackground = true, Name = "forecast warm-up" }.Start();
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

    /// <summary>The one-minute load average (Linux's /proc/loadavg); 0 where there is none to read.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Without a load average to read, the warm-up runs.")]
    internal static double Load()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            return double.TryParse(space > 0 ? text[..space] : text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double load) ? load : 0;
        }
        catch (Exception)
        {
            return 0;
        }
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
    internal static void Warm(string path, TaskCompletionSource<ScenarioRead?>? read = null, bool simulate = true)
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
            if (!simulate || _overtaken) return;
            var light = WithoutTables(scenario.Scenario);
            var run = ForecastRun.Run(light, new SimulationOptions(Paths: Paths, Threads: 1));
            // The command meets the table and its notes last, and their first render costs most (Spectre's layout and
            // markup): they go first.
            if (_overtaken) return;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
            console.Write(ConsoleReport.Table(run.Result, Language.IsChinese, wide: false, console.Profile.Width));
            ConsoleReport.Notes(console, run.Result, TimeSpan.Zero, light, wide: false, console.Profile.Width);
            if (_overtaken) return;
            DistributionJson.Write(Stream.Null, run.Distribution);
            if (_overtaken) return;
            SummaryJsonWriter.Write(Stream.Null, run.Result);
            CsvWriters.WriteTrajectories(TextWriter.Null, run.Result);
            CsvWriters.WriteSummary(TextWriter.Null, run.Result);
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

    /// <summary>
    /// The scenario with every Beta or PERT level (each tabulates 8,193 quantiles when compiled) drawn from a uniform over
    /// the same range: the same engine code to warm up, without the tables, which the run proper builds for itself.
    /// </summary>
    internal static Scenario WithoutTables(Scenario scenario) => scenario with
    {
        Drivers = [.. scenario.Drivers.Select(d => d with
        {
            Level = Untabulated(d.Level),
            Changes = d.Changes is null ? null : [.. d.Changes.Select(c => c with { Level = Untabulated(c.Level) })],
        })],
    };

    private static Distribution Untabulated(Distribution level) => level is BetaDistribution beta ? new UniformDistribution(beta.Min, beta.Max) : level;
}
