using Forecast.Engine.Resources;
namespace Forecast.Engine.Calibration;

/// <summary>
/// The years a value totals over, e.g. 111 new platforms in 2016-2020 is <c>new YearPeriod(2016, 2020)</c>. A period
/// total is recorded at its last year (<see cref="Observation.Year"/> = <see cref="Last"/>).
/// </summary>
/// <param name="First">The first year of the period.</param>
/// <param name="Last">The last year of the period (≥ <paramref name="First"/>).</param>
public sealed record YearPeriod(int First, int Last)
{
    /// <summary>The number of years in the period (the exposure of a count), ≥ 1.</summary>
    public int Years => Last - First + 1;

    /// <summary>The period's centre in years (2018 for 2016-2020).</summary>
    public double Centre => (First + Last) / 2.0;

    /// <summary>A message naming the problem, or null when <see cref="First"/> ≤ <see cref="Last"/>.</summary>
    public string? Problem() => First <= Last ? null : MessageText.Format(Messages.PeriodBackwards, First, Last);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{First}-{Last}");
}
