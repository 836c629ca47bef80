using System.Collections.Immutable;

namespace Forecast.Engine.Calibration;

/// <summary>Builds <see cref="ElasticityPoint"/>s from a regional panel.</summary>
public static class ElasticityPoints
{
    /// <summary>
    /// Yearly log-growth of both indicators between <paramref name="fromYear"/> and <paramref name="toYear"/>,
    /// ln(x_to/x_from)/(to − from), for every region that reports both indicators, positive, in both years.
    /// </summary>
    public static ImmutableArray<ElasticityPoint> FromGrowth(HistoricalPanel panel, string responseIndicator, string driverIndicator, int fromYear, int toYear)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (toYear <= fromYear)
        {
            throw new ArgumentException(FormattableString.Invariant($"The growth period must run forwards; got {fromYear} to {toYear}."), nameof(toYear));
        }
        double span = toYear - fromYear;
        return Pairs(panel, responseIndicator, driverIndicator, s =>
            ValueIn(s, fromYear) is double a && ValueIn(s, toYear) is double b && a > 0 && b > 0 ? Math.Log(b / a) / span : null);
    }

    /// <summary>Natural logarithms of both indicators' levels in <paramref name="year"/> (cross-sectional elasticity).</summary>
    public static ImmutableArray<ElasticityPoint> FromLevels(HistoricalPanel panel, string responseIndicator, string driverIndicator, int year)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return Pairs(panel, responseIndicator, driverIndicator, s => ValueIn(s, year) is double v && v > 0 ? Math.Log(v) : null);
    }

    private static ImmutableArray<ElasticityPoint> Pairs(HistoricalPanel panel, string response, string driver, Func<HistoricalSeries, double?> measure)
    {
        var builder = ImmutableArray.CreateBuilder<ElasticityPoint>();
        foreach (HistoricalSeries r in panel.ForIndicator(response))
        {
            if (r.Region is null || panel.Find(driver, r.Region) is not HistoricalSeries d)
            {
                continue;
            }
            if (measure(r) is double y && measure(d) is double x)
            {
                builder.Add(new ElasticityPoint(r.Region, x, y));
            }
        }
        return builder.ToImmutable();
    }

    private static double? ValueIn(HistoricalSeries series, int year)
    {
        foreach (Observation o in series.Observations)
        {
            if (o.Year == year)
            {
                return o.Value;
            }
        }
        return null;
    }
}
