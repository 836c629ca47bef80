namespace Forecast.Engine.Model;

/// <summary>
/// A quantity the plan tracks, with its base value, its model and its target.
/// </summary>
/// <param name="Id">Identifier, unique in the scenario (e.g. "hightech_enterprises").</param>
/// <param name="Name">Bilingual name.</param>
/// <param name="Unit">Bilingual unit.</param>
/// <param name="BaseYear">The year of <paramref name="BaseValue"/>; the trajectory starts the year after.</param>
/// <param name="BaseValue">The last known value.</param>
/// <param name="Model">How the trajectory follows from drivers.</param>
/// <param name="Target">The plan's target for this indicator.</param>
/// <param name="Headline">Whether the target is one of the plan's headline indicators (the table at L179-L191).</param>
/// <param name="Bounds">The range the indicator can never leave, or null.</param>
/// <param name="History">Earlier observations, oldest first (for the historical rate).</param>
/// <param name="Note">Where the figures come from.</param>
public sealed record Indicator(string Id, LocalizedText Name, LocalizedText Unit, int BaseYear, double BaseValue,
    IndicatorModel Model, Target Target, bool Headline = false, Bounds? Bounds = null,
    IReadOnlyList<HistoryPoint>? History = null, string? Note = null)
{
    /// <summary>History points, never null.</summary>
    public IReadOnlyList<HistoryPoint> HistoryPoints => History ?? [];

    /// <summary>Number of yearly steps from the base year to the target year.</summary>
    public int Steps => Target.Year - BaseYear;
}
