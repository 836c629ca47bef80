using Forecast.Scenarios.Resources;

namespace Forecast.Scenarios.History;

/// <summary>
/// One problem in a history CSV file: where it is (file, line, column) and what was found against what
/// was expected. Line 0 means the whole file (missing, empty, wrong encoding).
/// </summary>
/// <param name="File">The file name as given.</param>
/// <param name="Line">1-based physical line number where the offending record starts; 0 for the whole file.</param>
/// <param name="Column">Column name from the header, or null when the problem is not in one column.</param>
/// <param name="Found">What is there, quoted where it is text.</param>
/// <param name="Expected">What should be there, in words a planner understands.</param>
internal sealed record HistoryCsvError(string File, int Line, string? Column, string Found, string Expected)
{
    /// <summary>"file, line 7, column 'value': found '1,87' (…); expected …".</summary>
    public string Message
    {
        get
        {
            string where = Line > 0 ? MessageText.Format(Messages.HistoryLocation, File, Line) : File;
            if (Column is not null)
            {
                where += MessageText.Format(Messages.HistoryColumn, Column);
            }
            return where + ": " + Sentence;
        }
    }

    /// <summary>"found …; expected …", in the UI culture.</summary>
    public string Sentence => MessageText.Format(Messages.FoundExpected, Found, Expected);

    /// <inheritdoc />
    public override string ToString() => Message;
}
