using Forecast.Engine.Model;

namespace Forecast.Tests.Robustness;

/// <summary>
/// Which way each model moves with a driver, and the scenario edits the invariant properties make:
/// raising one lever, and freezing every driver at its mean.
/// </summary>
internal static class Monotonicity
{
    /// <summary>The indicator reads the driver both ways (e.g. the same growth driver over itself): no direction.</summary>
    public const int Mixed = 2;

    /// <summary>
    /// +1 when the indicator's value is non-decreasing in the driver's yearly values on every path, −1 when
    /// non-increasing, 0 when it does not read the driver at all, <see cref="Mixed"/> otherwise.
    /// Increasing: compound growth, a ratio's numerator, a share's step, stock-flow entries (a count, or a
    /// conversion rate with a capacity), cumulative and flow drivers. Decreasing: a ratio's denominator and
    /// stock-flow exits. A ratio side that is an indicator passes on that indicator's direction (ratio
    /// sides stay positive, so x = x₀·(N/N₀)/(D/D₀) is increasing in N and decreasing in D).
    /// </summary>
    public static int Sign(Scenario scenario, Indicator indicator, string driver)
    {
        int Of(string? id, int sign) => id == driver ? sign : 0;
        int Side(Quantity q, int sign) => q.GrowthDriver is { } g ? Of(g, sign)
            : Negate(Sign(scenario, scenario.Indicator(q.Indicator!), driver), sign);
        return indicator.Model switch
        {
            CompoundGrowthModel m => Of(m.Growth, 1),
            RatioModel m => Combine(Side(m.Numerator, 1), Side(m.Denominator, -1)),
            BoundedShareModel m => Of(m.Step, 1),
            StockFlowModel m => Combine(Of(m.Entries, 1), Of(m.ExitRate, -1)),
            CumulativeModel m => Of(m.Driver, 1),
            FlowModel m => Of(m.Driver, 1),
            _ => Mixed,
        };
    }

    private static int Negate(int sign, int by) => sign == Mixed ? Mixed : sign * by;

    private static int Combine(int a, int b) => a == 0 ? b : b == 0 ? a : a == b ? a : Mixed;

    /// <summary>
    /// The scenario with one driver's level distributions (and level changes) shifted up, so that every
    /// path's level rises with the same uniform: by 0.05·<paramref name="amount"/> for growth and rate
    /// drivers, 0.1·amount for logit steps and 20·amount for counts. Lognormal levels shift μ.
    /// </summary>
    public static Scenario Raise(Scenario scenario, string driver, double amount)
    {
        double delta = driver[0] switch
        {
            'c' => 20 * amount,
            's' => 0.1 * amount,
            _ => 0.05 * amount,
        };
        return scenario with
        {
            Drivers = scenario.Drivers.Select(d => d.Id != driver ? d : d with
            {
                Level = Shift(d.Level, delta),
                Changes = d.Changes?.Select(c => c with { Level = Shift(c.Level, delta) }).ToList(),
            }).ToList(),
        };
    }

    private static Distribution Shift(Distribution level, double delta) => level switch
    {
        FixedDistribution f => new FixedDistribution(f.Value + delta),
        NormalDistribution n => n with { MeanValue = n.MeanValue + delta },
        LogNormalDistribution l => l with { Mu = l.Mu + delta },
        UniformDistribution u => new UniformDistribution(u.Min + delta, u.Max + delta),
        TriangularDistribution t => new TriangularDistribution(t.Min + delta, t.Mode + delta, t.Max + delta),
        PertDistribution p => new PertDistribution(p.Min + delta, p.Mode + delta, p.Max + delta),
        BetaDistribution b => new BetaDistribution(b.Alpha, b.Beta, b.Min + delta, b.Max + delta),
        PoissonDistribution p => new PoissonDistribution(p.Lambda + delta),
        NegativeBinomialDistribution n => n with { MeanValue = n.MeanValue + delta },
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown distribution"),
    };

    /// <summary>
    /// The scenario with no uncertainty left: every level (and level change) fixed at its mean, no yearly
    /// variation, stock-flows without exits or capacity (binomial draws), and drivers that feed a count
    /// fixed at a whole, non-negative number (counts round their entries; the projection does not).
    /// </summary>
    public static Scenario Freeze(Scenario scenario)
    {
        var indicators = scenario.Indicators.Select(i => i.Model is StockFlowModel m ? i with { Model = new StockFlowModel(m.Entries) } : i).ToList();
        var whole = indicators.Select(i => i.Model switch
        {
            StockFlowModel m => m.Entries,
            CumulativeModel m => m.Driver,
            FlowModel { Count: true } m => m.Driver,
            _ => null,
        }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        double Mean(Distribution d, string id) => whole.Contains(id) ? Math.Max(0, Math.Round(d.Mean)) : d.Mean;
        return scenario with
        {
            Indicators = indicators,
            Drivers = scenario.Drivers.Select(d => d with
            {
                Level = new FixedDistribution(Mean(d.Level, d.Id)),
                Yearly = YearlyVariation.None,
                Changes = d.Changes?.Select(c => c with { Level = new FixedDistribution(Mean(c.Level, d.Id)) }).ToList(),
            }).ToList(),
        };
    }
}
