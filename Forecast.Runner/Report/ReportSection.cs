namespace Forecast.Runner.Report;

/// <summary>A section another command adds to report.html (after the summary table, and in the contents).</summary>
/// <param name="Id">The section's anchor.</param>
/// <param name="Title">Its heading.</param>
/// <param name="Html">Its body, already HTML (encoded by whoever builds it).</param>
internal sealed record ReportSection(string Id, string Title, string Html);
