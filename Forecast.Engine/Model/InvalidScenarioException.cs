using Forecast.Engine.Resources;

namespace Forecast.Engine.Model;

/// <summary>Thrown when a scenario handed to the engine breaks its rules; carries every problem found.</summary>
public class InvalidScenarioException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public InvalidScenarioException(IReadOnlyList<ScenarioProblem> problems)
        : base(Messages.InvalidScenarioList + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
        => Problems = problems;

    /// <summary>Creates the exception from the problems found, with its own message.</summary>
    protected InvalidScenarioException(IReadOnlyList<ScenarioProblem> problems, string message) : base(message) => Problems = problems;

    /// <summary>Creates the exception with a message.</summary>
    public InvalidScenarioException(string message) : base(message) => Problems = [new ScenarioProblem("", message)];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public InvalidScenarioException(string message, Exception inner) : base(message, inner) => Problems = [new ScenarioProblem("", message)];

    /// <summary>Creates the exception.</summary>
    public InvalidScenarioException() : this(Messages.InvalidScenario) { }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ScenarioProblem> Problems { get; }
}
