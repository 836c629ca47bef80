using System.Collections.Immutable;
using static System.FormattableString;

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
            ? "can be borrowed from the panel (" + growthDonors + ")"
            : "no other region reports two or more years: state it as a scenario assumption";
        string volatilityFallback = prior is not null
            ? "taken from the prior (" + prior.Source + ")"
            : volatilityDonors.Length > 0
                ? "can be taken from the panel (" + volatilityDonors + ")"
                : "no panel series has three or more points and no prior was given: supply a GrowthPrior";

        var items = ImmutableArray.CreateBuilder<IdentifiabilityItem>(4);
        string summary;
        string label = series.Label;
        switch (n)
        {
            case 0:
                items.Add(new("level", false, "no observation: state the base value as an assumption"));
                items.Add(new("average growth", false, "no observation: growth " + growthFallback));
                items.Add(new("growth uncertainty", false, "no observation"));
                items.Add(new("volatility", false, "no observation: volatility " + volatilityFallback));
                summary = Invariant($"{label}: no history: nothing is identified; the level and growth must be stated as assumptions, growth {growthFallback}; volatility {volatilityFallback}.");
                break;
            case 1:
            {
                Observation o = series.Observations[0];
                items.Add(new("level", true, Invariant($"the base value {o.Value} in {o.Year}")));
                items.Add(new("average growth", false, "one point gives no change: growth " + growthFallback));
                items.Add(new("growth uncertainty", false, "one point gives no change"));
                items.Add(new("volatility", false, "one point gives no change: volatility " + volatilityFallback));
                summary = Invariant($"{label}: one point ({o.Year}): level identified; growth not: {growthFallback}; volatility not: {volatilityFallback}.");
                break;
            }
            case 2:
            {
                Observation a = series.Observations[0], b = series.Observations[1];
                string average = a.Value > 0 && b.Value > 0
                    ? Invariant($"CAGR {(Math.Pow(b.Value / a.Value, 1.0 / (b.Year - a.Year)) - 1) * 100:0.00}% a year over {a.Year}-{b.Year}")
                    : Invariant($"average change {(b.Value - a.Value) / (b.Year - a.Year):0.####} a year over {a.Year}-{b.Year}");
                items.Add(new("level", true, Invariant($"the last value {b.Value} in {b.Year}")));
                items.Add(new("average growth", true, average));
                items.Add(new("growth uncertainty", false, "two points give one change, so no spread: it follows from the volatility, " + volatilityFallback));
                items.Add(new("volatility", false, "two points give one change, so no spread: volatility " + volatilityFallback));
                summary = Invariant($"{label}: two points ({a.Year}, {b.Year}): average growth identified ({average}); volatility not: {volatilityFallback}.");
                break;
            }
            default:
            {
                int first = series.Observations[0].Year, last = series.Observations[n - 1].Year;
                string weak = n < 5 ? Invariant($" (only {n - 2} degrees of freedom: weak)") : string.Empty;
                items.Add(new("level", true, Invariant($"the last value in {last}")));
                items.Add(new("average growth", true, Invariant($"trend over {first}-{last} from {n} points")));
                items.Add(new("growth uncertainty", true, Invariant($"from the scatter of {n} points{weak}")));
                items.Add(new("volatility", true, Invariant($"from {n - 1} changes{weak}")));
                summary = Invariant($"{label}: {n} points ({first}-{last}): level, average growth, its uncertainty and the volatility are identified{weak}.");
                break;
            }
        }
        return new IdentifiabilityReport(series.Indicator, series.Region, n, items.MoveToImmutable(), summary);
    }

    private static string Donors(ImmutableArray<HistoricalSeries> others, int minimumPoints) => string.Join(", ",
        others.Where(s => s.Count >= minimumPoints)
              .Select(s => Invariant($"{s.Region ?? "(no region)"}: {s.Count} points {s.Observations[0].Year}-{s.Observations[s.Count - 1].Year}")));
}
