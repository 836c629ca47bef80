namespace Forecast.Engine.Simulation;

/// <summary>Where a block's draws sit in a <see cref="SobolSampling"/>: a driver's or indicator's group and the dimension in it.</summary>
/// <param name="IsIndicator">Whether the group is an indicator's (binomial uniforms) rather than a driver's.</param>
/// <param name="Group">Driver or indicator position in the plan.</param>
/// <param name="Dimension">Driver: 0 the level, s the shock of step s. Indicator: 2(s − 1) exits, 2(s − 1) + 1 capacity entries.</param>
internal readonly record struct SobolCoordinate(bool IsIndicator, int Group, int Dimension);
