namespace Forecast.Tests.Simulation;

/// <summary>Where a value falls in a sorted sample: the counts of values below it and at or below it.</summary>
internal static class SortedRanks
{
    /// <summary>The number of values of <paramref name="sorted"/> below <paramref name="x"/>.</summary>
    public static int Below(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) / 2; if (sorted[mid] < x) lo = mid + 1; else hi = mid; }
        return lo;
    }

    /// <summary>The number of values of <paramref name="sorted"/> at or below <paramref name="x"/>.</summary>
    public static int AtOrBelow(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) / 2; if (sorted[mid] <= x) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
