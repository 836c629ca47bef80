using Forecast.Engine.Model;

namespace Forecast.Scenarios;

/// <summary>
/// A scenario read from a file, with a way to locate a problem found later in one of its fields: the
/// field path (as <see cref="ScenarioValidator"/> writes it, e.g. "drivers[9].level") becomes the file, line
/// and column it was read from. For a what-if file, fields it overrides are located in the what-if file and
/// the others in its base.
/// </summary>
/// <param name="Scenario">The validated scenario.</param>
/// <param name="Locate">Turns a field path and a message into a located error.</param>
/// <param name="Repair">What a correlation repair changed (<see cref="ScenarioReadOptions.RepairCorrelations"/>), or null.</param>
internal sealed record LocatedScenario(Scenario Scenario, Func<string, string, InputError> Locate, CorrelationRepair? Repair = null);
