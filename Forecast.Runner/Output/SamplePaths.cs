using System.CommandLine;
using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using Forecast.Runner.Commands;
using Forecast.Runner.Resources;
using Forecast.Scenarios;
using Parquet;
using Parquet.Schema;

namespace Forecast.Runner.Output;

/// <summary>
/// <c>--sample-paths N --sample-out FILE.parquet</c>: the run's first N paths, whole, as a Parquet table for notebooks
/// (pandas, R's arrow, Excel's Power Query). One row per path and year, in that order:
/// <list type="bullet">
/// <item><c>path</c> (int64, 0-based: the run's own path number) and <c>year</c> (int32);</item>
/// <item>one double column per indicator, named by its id (NaN before its base year; its base value in that year);</item>
/// <item><c>driver_&lt;id&gt;</c>: the driver's yearly value (NaN in the first year, which draws none) and
/// <c>level_&lt;id&gt;</c>: its level in force that year (the drawn level, moved by its trend where it has one);</item>
/// <item><c>structure_&lt;id&gt;</c> (int32) per mixture indicator: the structure the path drew (0-based, the order of
/// the components in the scenario), the same in every year of the path.</item>
/// </list>
/// Deterministic for a seed: the same paths as the run (its blocks, keys and sampling).
/// </summary>
internal sealed class SamplePaths
{
    public Option<long?> Count { get; } = CommonOptions.PathsOption(HelpStrings.SamplePaths, "1000");

    public Option<string?> Out { get; } = new("--sample-out") { Description = HelpStrings.SampleOut };

    public SamplePaths()
    {
        // PathsOption names itself --paths; the sample's own option is --sample-paths.
        Count = new Option<long?>("--sample-paths")
        {
            Description = Count.Description,
            CustomParser = r => CommonOptions.Parse<long>(r, Cli.Format(HelpStrings.ExpectPaths, 1000),
                s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : (long?)null),
        };
        CommonOptions.Check(Count, v => v is < 1 or > PathSample.MaxPaths ? Cli.Format(HelpStrings.SamplePathsRange, PathSample.MaxPaths.ToString("N0", CultureInfo.InvariantCulture), v) : null);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Count);
        command.Options.Add(Out);
    }

    /// <summary>Checks the options before the run (so that a bad combination costs nothing); null when no sample is asked for.</summary>
    public (long Paths, string File)? Requested(ParseResult parse, long runPaths, bool observed)
    {
        long? n = parse.GetValue(Count);
        string? file = parse.GetValue(Out);
        if (n is null && file is null) return null;
        if (n is null) throw new InputException(new InputError("--sample-out", 0, 0, "", "give the number of paths to write with --sample-paths N"));
        if (file is null) throw new InputException(new InputError("--sample-paths", 0, 0, "", "give the Parquet file to write with --sample-out FILE.parquet"));
        if (n > runPaths) throw new InputException(new InputError("--sample-paths", 0, 0, "", $"the run has {runPaths:N0} paths, fewer than the {n:N0} asked for"));
        if (observed) throw new InputException(new InputError("--sample-paths", 0, 0, "", "a nowcast's paths are resampled by their weights; sample paths are written for runs without --observed"));
        string? folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null && !Directory.Exists(folder)) throw new InputException(new InputError("--sample-out", 0, 0, "", $"the folder {folder} does not exist"));
        return (n.Value, file);
    }

    /// <summary>Simulates the sample and writes it atomically (a temporary file beside it, then moved into place).</summary>
    public static void Write(string file, Scenario scenario, SimulationOptions options, long paths, CancellationToken cancellationToken)
    {
        var sample = PathSample.Take(scenario, options, paths, cancellationToken);
        string full = Path.GetFullPath(file);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temp)) WriteParquet(stream, sample).GetAwaiter().GetResult();
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    internal static async Task WriteParquet(Stream stream, PathSample sample)
    {
        int years = sample.Years.Length;
        long rows = sample.Paths * years;
        var fields = new List<DataField> { new DataField<long>("path"), new DataField<int>("year") };
        var columns = new List<Array>();
        var path = new long[rows];
        var year = new int[rows];
        for (long r = 0; r < rows; r++)
        {
            path[r] = r / years;
            year[r] = sample.Years[r % years];
        }
        columns.Add(path);
        columns.Add(year);
        for (int i = 0; i < sample.IndicatorIds.Length; i++)
        {
            fields.Add(new DataField<double>(sample.IndicatorIds[i]));
            columns.Add(sample.Indicators[i]);
        }
        for (int d = 0; d < sample.DriverIds.Length; d++)
        {
            fields.Add(new DataField<double>("driver_" + sample.DriverIds[d]));
            columns.Add(sample.Drivers[d]);
            fields.Add(new DataField<double>("level_" + sample.DriverIds[d]));
            columns.Add(sample.Levels[d]);
        }
        for (int m = 0; m < sample.MixtureIds.Length; m++)
        {
            var structure = new int[rows];
            for (long r = 0; r < rows; r++) structure[r] = sample.Structures[m][r / years];
            fields.Add(new DataField<int>("structure_" + sample.MixtureIds[m]));
            columns.Add(structure);
        }
        var duplicate = fields.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InputException(new InputError("--sample-out", 0, 0, "", $"two columns would be named {duplicate.Key} (an indicator id equal to a driver's column name); rename one"));
        var schema = new ParquetSchema(fields);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (int c = 0; c < fields.Count; c++)
        {
            var write = columns[c] switch
            {
                long[] longs => group.WriteAsync<long>(fields[c], longs),
                int[] ints => group.WriteAsync<int>(fields[c], ints),
                double[] doubles => group.WriteAsync<double>(fields[c], doubles),
                _ => throw new InvalidOperationException("a column of another type"),
            };
            await write.ConfigureAwait(false);
        }
    }
}
