using System.Globalization;
using Forecast.Engine.Model;

namespace Forecast.Scenarios.History;

/// <summary>
/// Reads observed values for a nowcast (<c>run --observed</c>) from a CSV with a header naming at least
/// <c>indicator, year, value</c>, and optionally <c>region, sd, bound, source</c> (the outcomes files of
/// scenarios/history have this shape). Rows are used when they are of the chosen region (or none), of an indicator
/// of the scenario, and exact; the others are listed with the reason, not silently dropped: a figure reported as a
/// bound ("over 1000") cannot be imposed on every path. Malformed rows are located errors (file, line, column).
/// </summary>
public static class ObservedCsvReader
{
    /// <summary>
    /// The observations of <paramref name="scenario"/>'s indicators in <paramref name="region"/> up to the year <paramref name="until"/> (a
    /// mid-term review sees only what was published by then), and the rows left out with why.
    /// </summary>
    public static (IReadOnlyList<(ObservedValue Value, int Line)> Observed, IReadOnlyList<string> LeftOut) Read(string path, Scenario scenario, string region, int? until = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        string text = TextFile.Read(path, "observations");
        var (records, syntax) = CsvTokenizer.Split(text);
        var errors = syntax.Select(e => new InputError(path, e.Line, 0, "", $"found {e.Found}, expected {e.Expected}")).ToList();
        if (records.Length == 0) errors.Add(new InputError(path, 1, 0, "", "the file is empty; expected a header with indicator, year, value"));
        if (errors.Count > 0) throw new InputException(errors);
        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        int Column(string name) => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        int indicatorAt = Column("indicator"), yearAt = Column("year"), valueAt = Column("value");
        int regionAt = Column("region"), sdAt = Column("sd"), boundAt = Column("bound"), sourceAt = Column("source");
        foreach (var (name, at) in new[] { ("indicator", indicatorAt), ("year", yearAt), ("value", valueAt) })
            if (at < 0) errors.Add(new InputError(path, records[0].Line, 0, name, $"the header has no '{name}' column (it has {string.Join(", ", header)})"));
        if (errors.Count > 0) throw new InputException(errors);

        var observed = new List<(ObservedValue, int)>();
        var leftOut = new List<string>();
        var seen = new HashSet<(string, int)>();
        var ids = scenario.Indicators.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            string Field(int at) => at >= 0 && at < record.Fields.Length ? record.Fields[at].Trim() : "";
            InputError Error(int at, string message) => new(path, record.Line, at + 1, at >= 0 && at < header.Count ? header[at] : "", message);
            if (record.Fields.Length != header.Count)
            {
                errors.Add(Error(-1, $"expected {header.Count} fields as in the header, found {record.Fields.Length}"));
                continue;
            }
            string id = Field(indicatorAt), where = Field(regionAt);
            if (!int.TryParse(Field(yearAt), NumberStyles.None, CultureInfo.InvariantCulture, out int year))
            {
                errors.Add(Error(yearAt, $"expected a year such as 2023, found '{Field(yearAt)}'"));
                continue;
            }
            if (!double.TryParse(Field(valueAt), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                errors.Add(Error(valueAt, $"expected a number such as 918 or 2.51, found '{Field(valueAt)}'"));
                continue;
            }
            double? sd = null;
            if (sdAt >= 0 && Field(sdAt).Length > 0)
            {
                if (!double.TryParse(Field(sdAt), NumberStyles.Float, CultureInfo.InvariantCulture, out double s))
                {
                    errors.Add(Error(sdAt, $"expected the observation's error as a number, found '{Field(sdAt)}'"));
                    continue;
                }
                sd = s;
            }
            string label = $"line {record.Line}: {id} {year} = {Field(valueAt)}";
            if (where.Length > 0 && !string.Equals(where, region, StringComparison.OrdinalIgnoreCase)) continue;
            if (!ids.Contains(id)) leftOut.Add($"{label}: not an indicator of this scenario");
            else if (year <= scenario.Indicator(id).BaseYear) leftOut.Add($"{label}: at or before the base year {scenario.Indicator(id).BaseYear} (a restated base, not an observation)");
            else if (year > until) leftOut.Add($"{label}: after {until}, the last year observed");
            else if (Field(boundAt).Length > 0) leftOut.Add($"{label}: reported as {Field(boundAt)} that value, a bound that cannot be set on every path");
            else if (!seen.Add((id, year))) leftOut.Add($"{label}: {id} in {year} is given on an earlier line; the first is used");
            else observed.Add((new ObservedValue(id, year, value, sd, sourceAt >= 0 ? Field(sourceAt) : null), record.Line));
        }
        if (errors.Count > 0) throw new InputException(errors);
        return (observed, leftOut);
    }
}
