namespace Forecast.Engine.Simulation;

/// <summary>Progress of a running simulation.</summary>
/// <param name="PathsDone">Paths simulated so far.</param>
/// <param name="PathsPlanned">Paths planned (in precision mode, the current estimate).</param>
public readonly record struct SimulationProgress(long PathsDone, long PathsPlanned);
