using System.CommandLine;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Runner.Commands;
using Forecast.Runner.Report;
using Forecast.Runner.Resources;
using Forecast.Scenarios;
using Spectre.Console;

namespace Forecast.Runner.Sharding;

/// <summary>
/// <c>forecast run &lt;scenario&gt; --shard i/n --partial FILE</c>: simulates shard i of n of the run (a contiguous range
/// of its blocks, see <see cref="ShardedRun"/>) and writes the partial; no output folder. <c>forecast merge</c> turns
/// the n partials into the run folder a single process writes.
/// </summary>
internal sealed class RunShardOptions(string? shardDescription = null, string? partialDescription = null)
{
    public Option<string?> Shard { get; } = ShardSpec.Option(shardDescription);

    public Option<string?> Partial { get; } = new("--partial")
    {
        Description = partialDescription ?? HelpStrings.Partial,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Shard);
        command.Options.Add(Partial);
    }

    /// <summary>Whether the command line asks for a shard (or a partial without one, which <see cref="Execute"/> refuses).</summary>
    public bool Requested(ParseResult parse) => parse.GetValue(Shard) is not null || parse.GetValue(Partial) is not null;

    /// <summary>Runs the shard and writes its partial; throws <see cref="InputException"/> for options that cannot be used.</summary>
    public int Execute(Terminal terminal, ParseResult parse, string scenarioPath, Scenario scenario, bool repair, SimulationOptions options,
        bool observed, CancellationToken cancellationToken)
    {
        var (shard, partial) = Resolve(parse, scenario.Name);
        if (options.Precision is not null)
            throw new InputException(new InputError("--precision", 0, 0, "", "a --precision run adds paths until its intervals are narrow enough, so it cannot be split in advance: shard a run of fixed --paths (e.g. the paths a single --precision run reported)"));
        if (observed)
            throw new InputException(new InputError("--observed", 0, 0, "", "a nowcast reweights all its paths together, so it cannot be split into shards: run it in one process"));

        partial = Place(partial, scenario.Name, shard);

        var run = RunSpec.Resolve(scenario, options);
        var (first, end) = ShardedRun.Blocks(run.Paths, shard.Index, shard.Count);
        byte[] asRun = RunDocuments.ScenarioAsRun(scenarioPath, scenario);
        var header = new PartialHeader("run", PartialFile.EngineVersion, PartialFile.ScenarioHash(asRun, repair), scenario.Name,
            Path.GetFileName(scenarioPath), asRun, repair, run.Seed, run.Paths, run.Sampling.ToString(), shard.Index, shard.Count, first, end, "");
        long paths = 0;
        PartialFile.Write(partial, header, stream => paths = ShardedRun.Run(scenario, options, shard.Index, shard.Count, stream, cancellationToken));
        long blocks = ShardedRun.TotalBlocks(run.Paths);
        string range = end > first ? $"blocks {first:N0} to {end - 1:N0} of {blocks:N0}" : $"no block (the run has {blocks:N0} blocks of 1,024 paths for {shard.Count} shards)";
        terminal.Out.MarkupLine(Markup.Escape($"Shard {shard.Index}/{shard.Count} (index from {shard.Source}): {range}, {paths:N0} of {run.Paths:N0} paths; wrote {partial}"));
        return ExitCodes.Success;
    }

    /// <summary>The shard asked for and the --partial given (checked, not yet placed: see <see cref="Place"/>); bad input throws <see cref="InputException"/>.</summary>
    public (ShardSpec Shard, string Partial) Resolve(ParseResult parse, string name)
    {
        string? text = parse.GetValue(Shard), partial = parse.GetValue(Partial);
        if (text is null) throw new InputException(new InputError("--partial", 0, 0, "", "--partial writes a shard's partial: give the shard with --shard i/n or --shard auto/n"));
        if (partial is null) throw new InputException(new InputError("--shard", 0, 0, "", "--shard needs --partial FILE (or a folder), where the shard's partial is written for forecast merge"));
        var (shard, problem) = ShardSpec.Resolve(text, Environment.GetEnvironmentVariable);
        if (shard is null) throw new InputException(new InputError("--shard", 0, 0, "", problem!));
        return (shard, partial);
    }

    /// <summary>The partial's file: <paramref name="partial"/>, or the shard's own name inside it when it is a folder; its folder must exist.</summary>
    public static string Place(string partial, string name, ShardSpec shard)
    {
        if (Directory.Exists(partial) || partial.EndsWith('/') || partial.EndsWith(Path.DirectorySeparatorChar))
        {
            Directory.CreateDirectory(partial);
            partial = Path.Combine(partial, PartialFile.FileName(name, shard.Index, shard.Count));
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(partial));
        if (folder is not null && !Directory.Exists(folder))
            throw new InputException(new InputError("--partial", 0, 0, "", $"the folder {folder} does not exist"));
        return partial;
    }
}
