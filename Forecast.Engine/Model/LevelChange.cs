namespace Forecast.Engine.Model;

/// <summary>
/// A policy lever that changes a driver's level from a given year on (e.g. cultivation rises from
/// 2023). The new level is drawn with the same uniform as the old one, L' = F'⁻¹(u), so each path
/// keeps its rank: a path that was lucky before the change stays lucky after it.
/// </summary>
/// <param name="FromYear">The first year whose value uses <paramref name="Level"/>.</param>
/// <param name="Level">The level distribution from that year on.</param>
public sealed record LevelChange(int FromYear, Distribution Level);
