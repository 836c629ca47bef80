using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Forecast.Engine.Simulation;
using Forecast.Runner.Resources;

namespace Forecast.Runner.Commands;

/// <summary>Options shared by the simulation commands.</summary>
internal sealed class CommonOptions
{
    public Option<long?> Paths { get; } = PathsOption(HelpStrings.Paths, "100000");

    public Option<ulong?> Seed { get; } = SeedOption(HelpStrings.Seed);

    public Option<int> Threads { get; } = ThreadsOption();

    /// <summary>A --paths option: a whole number of at least 1 (the message names the bad value).</summary>
    internal static Option<long?> PathsOption(string description, string example)
    {
        var option = new Option<long?>("--paths")
        {
            Description = description,
            CustomParser = r => Parse<long>(r, Cli.Format(HelpStrings.ExpectPaths, example), s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : (long?)null),
        };
        Check(option, v => v is < 1 ? Cli.Format(HelpStrings.PathsAtLeastOne, v) : null);
        return option;
    }

    /// <summary>A --seed option: a whole number of at least 0.</summary>
    internal static Option<ulong?> SeedOption(string description) => new("--seed")
    {
        Description = description,
        CustomParser = r => Parse<ulong>(r, HelpStrings.ExpectWholeAtLeastZero, s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : (ulong?)null),
    };

    /// <summary>A --threads option: 0 for all cores, or a positive number of threads.</summary>
    internal static Option<int> ThreadsOption()
    {
        var option = new Option<int>("--threads")
        {
            Description = HelpStrings.Threads,
            DefaultValueFactory = _ => 0,
            CustomParser = r => Parse<int>(r, HelpStrings.ExpectThreads, s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : (int?)null) ?? 0,
        };
        Check(option, v => v < 0 ? Cli.Format(HelpStrings.ThreadsNotNegative, v) : null);
        return option;
    }

    public Option<double?> Precision { get; } = new("--precision")
    {
        Description = HelpStrings.Precision,
        CustomParser = r => Parse<double>(r, HelpStrings.ExpectPrecision, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : (double?)null),
    };

    /// <summary>Parses an option's single token, or adds an error naming the option, what it expects and what it got.</summary>
    internal static T? Parse<T>(ArgumentResult result, string expected, Func<string, T?> parse) where T : struct
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (parse(token) is { } value) return value;
        string option = (result.Parent as OptionResult)?.Option.Name ?? "the option";
        result.AddError(Cli.Format(HelpStrings.OptionExpects, option, expected, token));
        return null;
    }

    public Option<string?> Out { get; } = new("--out") { Description = HelpStrings.Out };

    public Option<bool> Force { get; } = new("--force") { Description = HelpStrings.Force };

    public Option<string> Sampling { get; } = new("--sampling")
    {
        Description = HelpStrings.Sampling,
        DefaultValueFactory = _ => "random",
    };

    public Option<bool> Yes { get; } = new("--yes") { Description = HelpStrings.Yes };

    public Option<bool> RepairCorrelations { get; } = RepairCorrelationsOption();

    /// <summary>A --repair-correlations option: use the nearest correlation matrix instead of refusing one that is not positive semi-definite.</summary>
    internal static Option<bool> RepairCorrelationsOption() => new("--repair-correlations")
    {
        Description = HelpStrings.RepairCorrelations,
    };

    /// <summary>How scenario files are read under these options.</summary>
    public Forecast.Scenarios.ScenarioReadOptions ReadOptions(ParseResult parse) => new(parse.GetValue(RepairCorrelations));

    public CommonOptions()
    {
        Check(Precision, v => v is { } h && !(h > 0 && h <= 0.5)
            ? Cli.Format(HelpStrings.PrecisionRange, h) : null);
        Sampling.AcceptOnlyFromAmong("random", "antithetic", "lhs", "sobol");
    }

    /// <summary>Adds a range check that runs only on values that parsed (a value that did not parse has its own error).</summary>
    internal static void Check<T>(Option<T> option, Func<T?, string?> problem)
    {
        option.Validators.Add(result =>
        {
            T? value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return;
            }
            if (problem(value) is { } message) result.AddError(message);
        });
    }

    /// <summary>The sampling method named by --sampling.</summary>
    public SamplingMethod SamplingOf(ParseResult parse) => parse.GetValue(Sampling) switch
    {
        "antithetic" => SamplingMethod.Antithetic,
        "lhs" => SamplingMethod.LatinHypercube,
        "sobol" => SamplingMethod.Sobol,
        _ => SamplingMethod.Random,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Paths);
        command.Options.Add(Seed);
        command.Options.Add(Threads);
        command.Options.Add(Precision);
        command.Options.Add(Out);
        command.Options.Add(Force);
        command.Options.Add(Sampling);
        command.Options.Add(Yes);
        command.Options.Add(RepairCorrelations);
    }
}
