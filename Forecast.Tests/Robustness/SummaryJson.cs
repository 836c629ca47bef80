using System.Text.Json;

namespace Forecast.Tests.Robustness;

/// <summary>What a successful run's summary.json must hold: a number (JSON has no NaN or infinity) for every mean and percentile of every year of every indicator, and for every target probability and its interval.</summary>
internal static class SummaryJson
{
    private static readonly string[] YearNumbers = ["mean", "p5", "p25", "p50", "p75", "p95"];

    public static void AssertFinite(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var indicators = doc.RootElement.GetProperty("indicators");
        Assert.True(indicators.GetArrayLength() > 0, "summary.json has no indicator");
        foreach (var indicator in indicators.EnumerateArray())
        {
            string id = indicator.GetProperty("id").GetString()!;
            Assert.Equal(JsonValueKind.Number, indicator.GetProperty("probability").ValueKind);
            foreach (var bound in indicator.GetProperty("probabilityCi95").EnumerateArray()) Assert.Equal(JsonValueKind.Number, bound.ValueKind);
            var years = indicator.GetProperty("years");
            Assert.True(years.GetArrayLength() > 0, $"{id} has no year");
            foreach (var year in years.EnumerateArray())
                foreach (string field in YearNumbers)
                    Assert.True(year.GetProperty(field).ValueKind == JsonValueKind.Number,
                        $"{id} {year.GetProperty("year")}: {field} is {year.GetProperty(field).ValueKind}, not a number");
        }
    }
}
