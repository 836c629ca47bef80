namespace Forecast.Engine.Model;

/// <summary>
/// An uncertain rate or count that the plan's levers act on (R&amp;D spending growth, new
/// certifications a year, exit rates ...). Each path draws the driver's level once from
/// <paramref name="Level"/> (parameter uncertainty); each year the value varies around the level as
/// <paramref name="Yearly"/> says. One driver can feed several indicators.
/// </summary>
/// <param name="Id">Identifier, unique in the scenario; also the key of the driver's random stream.</param>
/// <param name="Name">Bilingual name.</param>
/// <param name="Level">Distribution of the level, drawn once per path.</param>
/// <param name="Yearly">Year-to-year variation around the level.</param>
/// <param name="Changes">Level changes from given years on (policy levers), in increasing year order.</param>
/// <param name="Note">Where the assumption comes from.</param>
/// <param name="Trend">How the level moves over the years (growing, damped), or null for a level that stays.</param>
public sealed record Driver(string Id, LocalizedText Name, Distribution Level, YearlyVariation Yearly,
    IReadOnlyList<LevelChange>? Changes = null, string? Note = null, LevelTrend? Trend = null)
{
    /// <summary>Level changes, never null.</summary>
    public IReadOnlyList<LevelChange> LevelChanges => Changes ?? [];

    /// <summary>The level distribution in force in <paramref name="year"/>.</summary>
    public Distribution LevelIn(int year)
    {
        var level = Level;
        foreach (var change in LevelChanges)
            if (change.FromYear <= year) level = change.Level;
        return level;
    }

    /// <summary>Whether the driver's yearly values are whole numbers.</summary>
    public bool IsCount => Yearly.IsCount || (Yearly.Kind == YearlyVariationKind.None && Level.IsDiscrete);
}
