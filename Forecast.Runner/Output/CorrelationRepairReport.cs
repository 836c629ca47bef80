using System.Globalization;
using System.Text.Json;
using Forecast.Engine.Model;
using Spectre.Console;

namespace Forecast.Runner.Output;

/// <summary>What <c>--repair-correlations</c> changed, on the console and in summary.json.</summary>
internal static class CorrelationRepairReport
{
    /// <summary>Pairs listed on the console (the files have all).</summary>
    private const int Shown = 5;

    public static void Print(IAnsiConsole console, CorrelationRepair? repair)
    {
        if (repair is null || repair.Changes.Count == 0) return;
        var largest = repair.Changes[0];
        console.MarkupLine(Markup.Escape(
            $"Correlations repaired (--repair-correlations): the given matrix is not positive semi-definite (smallest eigenvalue {N(repair.SmallestEigenvalue)})."));
        console.MarkupLine(Markup.Escape(
            $"The nearest correlation matrix (Higham's alternating projections) changes {repair.Changes.Count} pair(s), by at most {N(repair.LargestChange)} " +
            $"({largest.First} ~ {largest.Second}):"));
        foreach (var c in repair.Changes.Take(Shown))
            console.MarkupLine(Markup.Escape($"  {c.First} ~ {c.Second}: {N(c.Given)} -> {N(c.Repaired)} ({(c.Change >= 0 ? "+" : "")}{N(c.Change)})"));
        if (repair.Changes.Count > Shown) console.MarkupLine(Markup.Escape($"  ... and {repair.Changes.Count - Shown} more"));
    }

    /// <summary>"correlationRepair": {"method", "smallestEigenvalue", "largestChange", "pairs": [{"drivers", "given", "repaired", "change"}]}.</summary>
    public static void Write(Utf8JsonWriter w, CorrelationRepair repair)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(repair);
        w.WriteStartObject("correlationRepair");
        w.WriteString("method", "nearest correlation matrix, Higham (2002) alternating projections with Dykstra's correction");
        w.WriteNumber("smallestEigenvalue", repair.SmallestEigenvalue);
        w.WriteNumber("largestChange", repair.LargestChange);
        w.WriteNumber("iterations", repair.Iterations);
        w.WriteStartArray("pairs");
        foreach (var c in repair.Changes)
        {
            w.WriteStartObject();
            w.WriteStartArray("drivers");
            w.WriteStringValue(c.First);
            w.WriteStringValue(c.Second);
            w.WriteEndArray();
            w.WriteNumber("given", c.Given);
            w.WriteNumber("repaired", c.Repaired);
            w.WriteNumber("change", c.Change);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string N(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
}
