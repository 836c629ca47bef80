namespace Forecast.Engine.Model;

/// <summary>Something wrong with a scenario, located by a field path such as "indicators[2].target.year".</summary>
/// <param name="Path">Field path into the scenario, in the scenario file's own key names.</param>
/// <param name="Message">What is wrong and what was expected, in words a planner understands.</param>
public sealed record ScenarioProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
