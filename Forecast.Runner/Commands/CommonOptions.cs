using System.CommandLine;

namespace Forecast.Runner.Commands;

/// <summary>Options shared by the simulation commands.</summary>
internal sealed class CommonOptions
{
    public Option<long?> Paths { get; } = new("--paths")
    {
        Description = "Number of Monte Carlo paths (default: the scenario's run.paths, 100000)",
    };

    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Seed of every random stream (default: the scenario's run.seed)" };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Worker threads (default: all cores); results do not depend on it",
        DefaultValueFactory = _ => 0,
    };

    public Option<double?> Precision { get; } = new("--precision")
    {
        Description = "Add paths until every target probability's 95% interval half-width is at most this (e.g. 0.005)",
    };

    public Option<string?> Out { get; } = new("--out") { Description = "Output folder (default: out/<scenario name>)" };

    public Option<bool> Force { get; } = new("--force") { Description = "Write into an output folder that belongs to another scenario" };

    public Option<string> Lang { get; } = new("--lang")
    {
        Description = "Language of indicator names: auto (Chinese where a CJK font is installed, for plots), zh or en",
        DefaultValueFactory = _ => "auto",
    };

    public Option<bool> Yes { get; } = new("--yes") { Description = "Run even when the estimated run time is long" };

    public CommonOptions()
    {
        Paths.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 1) r.AddError("--paths must be at least 1");
        });
        Threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0) r.AddError("--threads must be 0 (all cores) or more");
        });
        Precision.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } h && !(h > 0 && h <= 0.5)) r.AddError("--precision must lie in (0, 0.5], e.g. 0.005");
        });
        Lang.AcceptOnlyFromAmong("auto", "zh", "en");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Paths);
        command.Options.Add(Seed);
        command.Options.Add(Threads);
        command.Options.Add(Precision);
        command.Options.Add(Out);
        command.Options.Add(Force);
        command.Options.Add(Lang);
        command.Options.Add(Yes);
    }
}
