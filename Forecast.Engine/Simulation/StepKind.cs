namespace Forecast.Engine.Simulation;

/// <summary>The model kinds as the compiled plan dispatches them.</summary>
internal enum StepKind
{
    Compound,
    Ratio,
    Share,
    StockFlow,
    Cumulative,
    Flow,
}
