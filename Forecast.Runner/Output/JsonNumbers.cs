using System.Text.Json;

namespace Forecast.Runner.Output;

/// <summary>How the output files write numbers: JSON has no NaN or infinity, so a value that is not defined is null.</summary>
internal static class JsonNumbers
{
    /// <summary>Writes <paramref name="name"/>: <paramref name="value"/>, or null when the value is not finite.</summary>
    public static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    /// <summary>Writes <paramref name="name"/>: [lower, upper].</summary>
    public static void Pair(Utf8JsonWriter w, string name, Forecast.Engine.Statistics.Interval interval)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(interval.Lower);
        w.WriteNumberValue(interval.Upper);
        w.WriteEndArray();
    }
}
