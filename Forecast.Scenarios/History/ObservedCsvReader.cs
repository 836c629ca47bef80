using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Scenarios.Resources;

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
        var errors = syntax.Select(e => new InputError(path, e.Line, 0, "", MessageText.Format(Messages.ObservedSyntax, e.Found, e.Expected))).ToList();
        if (records.Length == 0) errors.Add(new InputError(path, 1, 0, "", Messages.ObservedEmpty));
        if (errors.Count > 0) throw new InputException(errors);
        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        int Column(string name) => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        int indicatorAt = Column("indicator"), yearAt = Column("year"), valueAt = Column("value");
        int regionAt = Column("region"), sdAt = Column("sd"), boundAt = Column("bound"), sourceAt = Column("source");
        foreach (var (name, at) in new[] { ("indicator", indicatorAt), ("year", yearAt), ("value", valueAt) })
            if (at < 0) errors.Add(new InputError(path, records[0].Line, 0, name, MessageText.Format(Messages.ObservedNoColumn, name, string.Join(", ", header))));
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
                errors.Add(Error(-1, MessageText.Format(Messages.ObservedFields, header.Count, record.Fields.Length)));
                continue;
            }
            string id = Field(indicatorAt), where = Field(regionAt);
            if (!int.TryParse(Field(yearAt), NumberStyles.None, CultureInfo.InvariantCulture, out int year))
            {
                errors.Add(Error(yearAt, MessageText.Format(Messages.ObservedYear, Field(yearAt))));
                continue;
            }
            if (!double.TryParse(Field(valueAt), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                errors.Add(Error(valueAt, MessageText.Format(Messages.ObservedValue, Field(valueAt))));
                continue;
            }
            double? sd = null;
            if (sdAt >= 0 && Field(sdAt).Length > 0)
            {
                if (!double.TryParse(Field(sdAt), NumberStyles.Float, CultureInfo.InvariantCulture, out double s))
                {
                    errors.Add(Error(sdAt, MessageText.Format(Messages.ObservedSdNumber, Field(sdAt))));
                    continue;
                }
                sd = s;
            }
            string label = MessageText.Format(Messages.ObservedLabel, record.Line, id, year, Field(valueAt));
            if (where.Length > 0 && !string.Equals(where, region, StringComparison.OrdinalIgnoreCase)) continue;
            if (!ids.Contains(id)) leftOut.Add(MessageText.Format(Messages.LeftOutUnknown, label));
            else if (year <= scenario.Indicator(id).BaseYear) leftOut.Add(MessageText.Format(Messages.LeftOutBeforeBase, label, scenario.Indicator(id).BaseYear));
            else if (year > until) leftOut.Add(MessageText.Format(Messages.LeftOutAfterUntil, label, until));
            else if (Field(boundAt).Length > 0) leftOut.Add(MessageText.Format(Messages.LeftOutBound, label, Field(boundAt)));
            else if (!seen.Add((id, year))) leftOut.Add(MessageText.Format(Messages.LeftOutTwice, label, id, year));
            else observed.Add((new ObservedValue(id, year, value, sd, sourceAt >= 0 ? Field(sourceAt) : null), record.Line));
        }
        if (errors.Count > 0) throw new InputException(errors);
        return (observed, leftOut);
    }
}
