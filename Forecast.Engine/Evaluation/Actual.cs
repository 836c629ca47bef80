namespace Forecast.Engine.Evaluation;

/// <summary>How a reported figure bounds the true value.</summary>
public enum ActualBound
{
    /// <summary>The figure is the value.</summary>
    Exact,

    /// <summary>The value is at least the figure ("over 1,000", 超过, 余).</summary>
    AtLeast,

    /// <summary>The value is at most the figure.</summary>
    AtMost,
}

/// <summary>An outcome reported after the forecast was made: one row of an actuals file.</summary>
/// <param name="Region">The region the figure is about, or null when the file does not say.</param>
/// <param name="Indicator">The indicator id, as written in the file.</param>
/// <param name="Year">The year the figure is about.</param>
/// <param name="Value">The reported figure.</param>
/// <param name="Bound">Whether the figure is the value or a bound on it.</param>
/// <param name="Unit">The unit as reported, or null.</param>
/// <param name="Note">Where the figure's definition differs from the indicator's (net or gross, a mid-year date, ...), or null.</param>
/// <param name="Source">Publisher, document, date, address; or null.</param>
/// <param name="File">The file it was read from.</param>
/// <param name="Line">The line of the file.</param>
public sealed record Actual(string? Region, string Indicator, int Year, double Value, ActualBound Bound, string? Unit, string? Note,
    string? Source, string File, int Line)
{
    /// <summary>"≥ 1000", "918", "≤ 51.96".</summary>
    public string ValueText => Bound switch
    {
        ActualBound.AtLeast => "≥ " + Text(Value),
        ActualBound.AtMost => "≤ " + Text(Value),
        _ => Text(Value),
    };

    private static string Text(double x) => x.ToString("G10", System.Globalization.CultureInfo.InvariantCulture);
}
