namespace Forecast.Engine.Model;

/// <summary>
/// A value of an indicator observed after its base year (a nowcast's input): every path takes it in that year, later
/// years continue from it, and each path's parameters are weighted by how well they explain it.
/// </summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="Year">The year observed. Range: after the indicator's base year, up to the scenario's last year.</param>
/// <param name="Value">The value observed, in the indicator's unit.</param>
/// <param name="Sd">The observation's own error (standard deviation, in the indicator's unit), or null when it is exact
/// as reported (the weighting then uses a kernel bandwidth from the simulated spread).</param>
/// <param name="Source">Where the figure was published.</param>
public sealed record ObservedValue(string IndicatorId, int Year, double Value, double? Sd = null, string? Source = null);
