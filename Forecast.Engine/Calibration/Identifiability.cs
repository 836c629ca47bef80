using System.Collections.Immutable;
using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Says what a series can and cannot identify for a compound-growth (or logistic) model, and where each
/// missing quantity can come from: the panel (other regions' series of the same indicator), a stated
/// prior, or an explicit scenario assumption.
/// </summary>
/// <remarks>
/// Rules: 0 points identify nothing; 1 point the level; 2 points the level and the average growth
/// (CAGR) but not its uncertainty or the volatility; 3 or more points all four (with n − 2 degrees of
/// freedom; fewer than 5 points are flagged as weak).
/// </remarks>
public static class Identifiability
{
    /// <summary>Assesses <paramref name="series"/>; <paramref name="panel"/> and <paramref name="prior"/> are optional fallbacks.</summary>
    public static IdentifiabilityReport Assess(HistoricalSeries series, HistoricalPanel? panel = null, GrowthPrior? prior = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        int n = series.Count;
        var others = panel is null
            ? ImmutableArray<HistoricalSeries>.Empty
            : panel.ForIndicator(series.Indicator).Where(s => !string.Equals(s.Region, series.Region, StringComparison.Ordinal)).ToImmutableArray();
        string growthDonors = Donors(others, 2);
        string volatilityDonors = Donors(others, 3);

        string growthFallback = growthDonors.Length > 0
            ? F(T.IdGrowthFromPanel, growthDonors)
            : T.IdGrowthAssume;
        string volatilityFallback = prior is not null
            ? F(T.IdVolatilityFromPrior, prior.Source)
            : volatilityDonors.Length > 0
                ? F(T.IdVolatilityFromPanel, volatilityDonors)
                : T.IdVolatilityNone;

        var items = ImmutableArray.CreateBuilder<IdentifiabilityItem>(4);
        string summary;
        string label = series.Label;
        switch (n)
        {
            case 0:
                items.Add(new("level", false, T.IdNoObsLevel));
                items.Add(new("average growth", false, F(T.IdNoObsGrowth, growthFallback)));
                items.Add(new("growth uncertainty", false, T.IdNoObs));
                items.Add(new("volatility", false, F(T.IdNoObsVolatility, volatilityFallback)));
                summary = F(T.IdNoHistorySummary, label, growthFallback, volatilityFallback);
                break;
            case 1:
            {
                Observation o = series.Observations[0];
                items.Add(new("level", true, F(T.IdBaseValue, o.Value, o.Year)));
                items.Add(new("average growth", false, F(T.IdOnePointGrowth, growthFallback)));
                items.Add(new("growth uncertainty", false, T.IdOnePoint));
                items.Add(new("volatility", false, F(T.IdOnePointVolatility, volatilityFallback)));
                summary = F(T.IdOnePointSummary, label, o.Year, growthFallback, volatilityFallback);
                break;
            }
            case 2:
            {
                Observation a = series.Observations[0], b = series.Observations[1];
                string average = a.Value > 0 && b.Value > 0
                    ? F(T.IdCagrOver, (Math.Pow(b.Value / a.Value, 1.0 / (b.Year - a.Year)) - 1) * 100, a.Year, b.Year)
                    : F(T.IdAverageChangeOver, (b.Value - a.Value) / (b.Year - a.Year), a.Year, b.Year);
                items.Add(new("level", true, F(T.IdLastValue, b.Value, b.Year)));
                items.Add(new("average growth", true, average));
                items.Add(new("growth uncertainty", false, F(T.IdTwoPointsGrowthUncertainty, volatilityFallback)));
                items.Add(new("volatility", false, F(T.IdTwoPointsVolatility, volatilityFallback)));
                summary = F(T.IdTwoPointsSummary, label, a.Year, b.Year, average, volatilityFallback);
                break;
            }
            default:
            {
                int first = series.Observations[0].Year, last = series.Observations[n - 1].Year;
                string weak = n < 5 ? F(T.IdWeak, n - 2) : string.Empty;
                items.Add(new("level", true, F(T.IdLastValueIn, last)));
                items.Add(new("average growth", true, F(T.IdTrendOver, first, last, n)));
                items.Add(new("growth uncertainty", true, F(T.IdScatter, n, weak)));
                items.Add(new("volatility", true, F(T.IdFromChanges, n - 1, weak)));
                summary = F(T.IdManySummary, label, n, first, last, weak);
                break;
            }
        }
        return new IdentifiabilityReport(series.Indicator, series.Region, n, items.MoveToImmutable(), summary);
    }

    private static string Donors(ImmutableArray<HistoricalSeries> others, int minimumPoints) => string.Join(T.ListSeparator,
        others.Where(s => s.Count >= minimumPoints)
              .Select(s => F(T.IdDonor, s.Region ?? T.IdNoRegion, s.Count, s.Observations[0].Year, s.Observations[s.Count - 1].Year)));
}
