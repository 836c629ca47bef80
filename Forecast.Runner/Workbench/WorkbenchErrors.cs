using Forecast.Engine.Model;
using Forecast.Scenarios;

namespace Forecast.Runner.Workbench;

/// <summary>A request the page cannot make: HTTP 400 with the problems, each beside its lever.</summary>
internal sealed class BadRequestException(IReadOnlyList<LeverProblem> problems) : Exception(string.Join("; ", problems.Select(p => p.Message)))
{
    public IReadOnlyList<LeverProblem> Problems { get; } = problems;

    public BadRequestException(string message) : this([new LeverProblem("", message)])
    {
    }
}

/// <summary>Turns what went wrong into the words the page shows: never a stack trace.</summary>
internal static class WorkbenchErrors
{
    /// <summary>An error object {error, problems}: the message and the located problems.</summary>
    public static object Describe(Exception e) => e switch
    {
        BadRequestException b => Body(b.Problems),
        InvalidScenarioException i => Body(i.Problems.Select(p => new LeverProblem("", p.Message)).ToList()),
        InputException i => Body(i.Errors.Select(p => new LeverProblem(p.Field, p.Message)).ToList()),
        ServerBusyException => new { error = e.Message, problems = Array.Empty<object>() },
        ArgumentException => new { error = e.Message, problems = Array.Empty<object>() },
        _ => new { error = F(Resources.AnalysisStrings.WbInternal, e.GetType().Name, e.Message), problems = Array.Empty<object>() },
    };

    /// <summary>The HTTP status of an exception.</summary>
    public static int Status(Exception e) => e switch
    {
        BadRequestException or InvalidScenarioException or InputException or ArgumentException => 400,
        ServerBusyException => 503,
        _ => 500,
    };

    private static string F(string format, params object?[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);

    private static object Body(IReadOnlyList<LeverProblem> problems) => new
    {
        error = problems.Count == 1 ? problems[0].Message : F(Resources.AnalysisStrings.WbProblems, problems.Count, string.Join(Resources.Strings.ListSep, problems.Select(p => p.Message))),
        problems = problems.Select(p => new { lever = p.Lever, message = p.Message }).ToArray(),
    };
}
