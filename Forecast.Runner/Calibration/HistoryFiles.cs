using Forecast.Engine.Calibration;
using Forecast.Scenarios.History;
using Forecast.Scenarios;

namespace Forecast.Runner.Calibration;

/// <summary>
/// Reads one or more history CSV files into one panel. Every file's errors are reported together (located by
/// file, line and column); a (region, indicator, year) given by two files must have the same value in both
/// (the shipped plan history and public panel repeat the plan's own figures), otherwise it is an error.
/// </summary>
internal static class HistoryFiles
{
    public static HistoricalPanel Read(IReadOnlyList<string> paths)
    {
        var errors = new List<InputError>();
        var observations = new List<Observation>();
        var seen = new Dictionary<(string Region, string Indicator, int Year), (double Value, string File)>();
        foreach (string path in paths)
        {
            HistoryReadResult result = HistoryCsvReader.Read(path);
            if (result.Panel is not { } panel)
            {
                errors.AddRange(result.Errors.Select(e => new InputError(e.File, e.Line, 0, e.Column ?? "", e.Sentence)));
                continue;
            }
            foreach (Observation o in panel.Series.SelectMany(s => s.Observations))
            {
                var key = (o.Region ?? "", o.Indicator, o.Year);
                if (seen.TryGetValue(key, out var first))
                {
                    if (first.Value != o.Value)
                    {
                        errors.Add(new InputError(path, 0, 0, o.Indicator, FormattableString.Invariant(
                            $"{o.Region ?? "(no region)"} {o.Indicator} {o.Year} is {o.Value} here but {first.Value} in {first.File}; give one value per region, indicator and year")));
                    }
                    continue;
                }
                seen[key] = (o.Value, path);
                observations.Add(o);
            }
        }
        if (errors.Count > 0) throw new InputException(errors);
        return HistoricalPanel.FromObservations(observations);
    }
}
