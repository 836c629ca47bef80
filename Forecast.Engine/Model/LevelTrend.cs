namespace Forecast.Engine.Model;

/// <summary>
/// How a driver's level moves over the years, before the yearly variation around it. Its parameters are drawn once per
/// path (parameter uncertainty), from a random stream of their own, so adding a trend changes no other draw. The
/// exponent n = max(0, t − t₀) counts years from <see cref="FromYear"/> (default: the first simulated year).
/// </summary>
/// <param name="FromYear">t₀: the year in which the level is the drawn level L; null for the first simulated year.</param>
public abstract record LevelTrend(int? FromYear)
{
    /// <summary>The level in year t, n = max(0, t − t₀) years on, for level L and the trend's parameters a, b.</summary>
    public abstract double LevelAfter(double level, double a, double b, int years);

    /// <summary>The trend's parameter distributions (one or two), in the order a, b.</summary>
    public abstract IReadOnlyList<Distribution> Parameters { get; }

    /// <summary>The trend's name as written in scenario files.</summary>
    public abstract string KindName { get; }

    /// <summary>The names of <see cref="Parameters"/> as written in scenario files (and in level correlations: <c>driver.rate</c>).</summary>
    public abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>
    /// The copula dimension of a level correlation's member: a driver's level (<c>id</c>) or one of its trend's parameters
    /// (<c>id.rate</c>, <c>id.long-run</c>, <c>id.factor</c>): d for a level, n + 2d + j for parameter j, n drivers in all;
    /// −1 when there is no such member.
    /// </summary>
    public static int Member(string name, IReadOnlyList<Driver> drivers)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(drivers);
        for (int d = 0; d < drivers.Count; d++)
        {
            if (drivers[d].Id == name) return d;
            if (drivers[d].Trend is { } trend && name.StartsWith(drivers[d].Id + ".", StringComparison.Ordinal))
            {
                int j = IndexOf(trend.ParameterNames, name[(drivers[d].Id.Length + 1)..]);
                if (j >= 0) return drivers.Count + 2 * d + j;
            }
        }
        return -1;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int j = 0; j < names.Count; j++) if (names[j] == name) return j;
        return -1;
    }
}

/// <summary>A level growing at a rate: L_t = L·(1 + r)ⁿ (e.g. new certifications growing 10% a year).</summary>
/// <param name="Rate">Distribution of the yearly rate r. Range: r &gt; −1.</param>
/// <param name="FromYear">t₀ (see <see cref="LevelTrend"/>).</param>
public sealed record GrowingLevel(Distribution Rate, int? FromYear = null) : LevelTrend(FromYear)
{
    /// <inheritdoc />
    public override double LevelAfter(double level, double a, double b, int years) => years == 0 ? level : level * Math.Pow(1 + a, years);

    /// <inheritdoc />
    public override IReadOnlyList<Distribution> Parameters => [Rate];

    /// <inheritdoc />
    public override string KindName => "growth";

    /// <inheritdoc />
    public override IReadOnlyList<string> ParameterNames => ["rate"];
}

/// <summary>
/// A damped level, e.g. a growth rate that fades toward a long-run rate: L_t = L∞ + (L − L∞)·φⁿ, with the decay φ
/// uncertain (φ = 1: no damping; φ = 0: the long-run rate at once).
/// </summary>
/// <param name="LongRun">Distribution of the long-run level L∞.</param>
/// <param name="Factor">Distribution of the yearly decay φ. Range: [0, 1].</param>
/// <param name="FromYear">t₀ (see <see cref="LevelTrend"/>).</param>
public sealed record DampedLevel(Distribution LongRun, Distribution Factor, int? FromYear = null) : LevelTrend(FromYear)
{
    /// <inheritdoc />
    public override double LevelAfter(double level, double a, double b, int years) => years == 0 ? level : a + (level - a) * Math.Pow(b, years);

    /// <inheritdoc />
    public override IReadOnlyList<Distribution> Parameters => [LongRun, Factor];

    /// <inheritdoc />
    public override string KindName => "damped";

    /// <inheritdoc />
    public override IReadOnlyList<string> ParameterNames => ["long-run", "factor"];
}
