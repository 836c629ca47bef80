using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Forecast.Engine.Evaluation;
using Forecast.Engine.Simulation;
using Forecast.Runner.Output;
using Forecast.Scenarios;
using A = Forecast.Runner.Resources.AnalysisStrings;

namespace Forecast.Runner.Evaluation;

/// <summary>
/// distribution.json: every indicator's forecast distribution in every simulated year, as its quantile function on a fixed
/// grid (<see cref="ForecastDistribution"/>), so that <c>forecast evaluate</c> scores outcomes from the whole distribution
/// and not from five percentiles. Versioned (<c>formatVersion</c>); independent of how the engine summarises paths inside.
/// <code>
/// {"format": "forecast-distribution", "formatVersion": 1, "scenario", "paths", "seed", "sampling", "engineVersion",
///  "grid": {"points": 1000, "probabilities": "(i + 0.5) / 1000 for i = 0..999"},
///  "indicators": [{"id", "isCount", "years": [{"year", "mean", "min", "max", "quantiles": [1000 numbers]}]}]}
/// </code>
/// </summary>
internal static class DistributionJson
{
    public const string FileName = "distribution.json";
    public const string Format = "forecast-distribution";

    /// <summary>The engine's version, as the assembly states it.</summary>
    public static string EngineVersion =>
        typeof(RunDistribution).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static void Write(Stream stream, RunDistribution distribution)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("formatVersion", RunDistribution.FormatVersion);
        w.WriteString("scenario", distribution.Scenario);
        w.WriteNumber("paths", distribution.Paths);
        w.WriteNumber("seed", distribution.Seed);
        w.WriteString("sampling", Sampling(distribution.Sampling));
        w.WriteString("engineVersion", EngineVersion);
        w.WriteStartObject("grid");
        w.WriteNumber("points", ForecastDistribution.GridPoints);
        w.WriteString("probabilities", FormattableString.Invariant($"(i + 0.5) / {ForecastDistribution.GridPoints} for i = 0..{ForecastDistribution.GridPoints - 1}"));
        w.WriteEndObject();
        w.WriteStartArray("indicators");
        // Each year's quantiles as one line, in shortest round-trip form: formatting 1,000 numbers per indicator-year is
        // most of a short run's writing, so the lines are formatted in parallel (each independently; the file is the same).
        var years = distribution.Indicators.SelectMany(i => i.Years).ToArray();
        var lines = new byte[years.Length][];
        Parallel.For(0, years.Length, k => lines[k] = QuantileLine(years[k].Distribution.Quantiles));
        int next = 0;
        foreach (var indicator in distribution.Indicators)
        {
            w.WriteStartObject();
            w.WriteString("id", indicator.Id);
            w.WriteBoolean("isCount", indicator.IsCount);
            w.WriteStartArray("years");
            foreach (var year in indicator.Years)
            {
                var f = year.Distribution;
                w.WriteStartObject();
                w.WriteNumber("year", year.Year);
                w.WriteNumber("mean", f.Mean);
                w.WriteNumber("min", f.Min);
                w.WriteNumber("max", f.Max);
                w.WritePropertyName("quantiles");
                w.WriteRawValue(lines[next++], skipInputValidation: true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>"[q0,q1,...]" in UTF-8, each number as <c>double.ToString("R")</c> writes it.</summary>
    private static byte[] QuantileLine(ReadOnlySpan<double> quantiles)
    {
        var buffer = new byte[quantiles.Length * 26 + 2]; // "R" writes at most 24 bytes ("-1.2345678901234567E-308"), plus a comma
        int n = 0;
        buffer[n++] = (byte)'[';
        foreach (double q in quantiles)
        {
            if (!q.TryFormat(buffer.AsSpan(n), out int written, "R", CultureInfo.InvariantCulture)) throw new InvalidOperationException("quantile too long to format");
            n += written;
            buffer[n++] = (byte)',';
        }
        buffer[n - 1] = (byte)']';
        return buffer[..n];
    }

    /// <summary>Reads distribution.json from <paramref name="file"/>.</summary>
    /// <exception cref="InputException">Missing, of another format version, or malformed.</exception>
    public static RunDistribution Read(string file)
    {
        if (!File.Exists(file))
            throw new InputException(new InputError(file, 0, 0, "", Words.F(A.DistributionMissing, FileName, RunDistribution.FormatVersion)));
        string text = TextFile.Read(file, "distribution");
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != Format)
                throw Problem(file, "format", Words.F(A.DistributionNotFormat, Format));
            int version = root.GetProperty("formatVersion").GetInt32();
            if (version != RunDistribution.FormatVersion)
                throw Problem(file, "formatVersion", Words.F(version > RunDistribution.FormatVersion ? A.DistributionVersionNewer : A.DistributionVersionOlder, version, RunDistribution.FormatVersion));
            int points = root.GetProperty("grid").GetProperty("points").GetInt32();
            if (points != ForecastDistribution.GridPoints)
                throw Problem(file, "grid.points", Words.F(A.DistributionGridPoints, points, ForecastDistribution.GridPoints));
            var indicators = new List<IndicatorDistribution>();
            foreach (var item in root.GetProperty("indicators").EnumerateArray())
            {
                string id = item.GetProperty("id").GetString() ?? "";
                var years = new List<YearDistribution>();
                foreach (var y in item.GetProperty("years").EnumerateArray())
                {
                    int year = y.GetProperty("year").GetInt32();
                    var q = y.GetProperty("quantiles").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                    try
                    {
                        years.Add(new YearDistribution(year, new ForecastDistribution(y.GetProperty("min").GetDouble(), y.GetProperty("max").GetDouble(),
                            y.GetProperty("mean").GetDouble(), q)));
                    }
                    catch (ArgumentException e)
                    {
                        throw Problem(file, $"indicators.{id}.years.{year}", e.Message);
                    }
                }
                indicators.Add(new IndicatorDistribution(id, item.GetProperty("isCount").GetBoolean(), years));
            }
            return new RunDistribution(root.GetProperty("scenario").GetString() ?? "", root.GetProperty("paths").GetInt64(),
                root.GetProperty("seed").GetUInt64(), Sampling(root.GetProperty("sampling").GetString()), indicators);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Problem(file, "", Words.F(A.DistributionMalformed, FileName, e.Message));
        }
    }

    private static string Sampling(SamplingMethod method) => method switch
    {
        SamplingMethod.Antithetic => "antithetic",
        SamplingMethod.LatinHypercube => "lhs",
        SamplingMethod.Sobol => "sobol",
        _ => "random",
    };

    private static SamplingMethod Sampling(string? name) => name switch
    {
        "antithetic" => SamplingMethod.Antithetic,
        "lhs" => SamplingMethod.LatinHypercube,
        "sobol" => SamplingMethod.Sobol,
        "random" => SamplingMethod.Random,
        _ => throw new FormatException($"unknown sampling '{name}'"),
    };

    private static InputException Problem(string file, string field, string message) => new(new InputError(file, 0, 0, field, message));
}
