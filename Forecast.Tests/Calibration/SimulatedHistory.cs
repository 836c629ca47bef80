using Forecast.Engine.Calibration;
using Forecast.Engine.Randomness;

namespace Forecast.Tests.Calibration;

/// <summary>Series simulated from known parameters with the engine's own generator.</summary>
internal static class SimulatedHistory
{
    /// <summary>ln xₜ = a + g·(year − first) + s·εₜ, εₜ iid N(0, 1).</summary>
    public static HistoricalSeries LogLinearTrend(ref Xoshiro256StarStar generator, int[] years, double a, double g, double s)
    {
        Span<double> noise = stackalloc double[years.Length];
        generator.FillStandardNormal(noise);
        var points = new (int, double)[years.Length];
        for (int i = 0; i < years.Length; i++)
        {
            points[i] = (years[i], Math.Exp(a + g * (years[i] - years[0]) + s * noise[i]));
        }
        return HistoricalSeries.FromValues("simulated", points);
    }

    /// <summary>ln x_{t+Δ} = ln xₜ + g·Δ + σ·√Δ·ε, starting from x₀ at years[0].</summary>
    public static HistoricalSeries RandomWalk(ref Xoshiro256StarStar generator, int[] years, double x0, double g, double sigma)
    {
        Span<double> noise = stackalloc double[years.Length];
        generator.FillStandardNormal(noise);
        var points = new (int, double)[years.Length];
        double log = Math.Log(x0);
        points[0] = (years[0], x0);
        for (int i = 1; i < years.Length; i++)
        {
            double delta = years[i] - years[i - 1];
            log += g * delta + sigma * Math.Sqrt(delta) * noise[i];
            points[i] = (years[i], Math.Exp(log));
        }
        return HistoricalSeries.FromValues("simulated", points);
    }

    /// <summary>xₜ = lo + R/(1 + e^{−(a + b·t)}) + s·εₜ.</summary>
    public static HistoricalSeries Logistic(ref Xoshiro256StarStar generator, int[] years, double a, double b, double s, ShareBounds bounds)
    {
        Span<double> noise = stackalloc double[years.Length];
        generator.FillStandardNormal(noise);
        var points = new (int, double)[years.Length];
        for (int i = 0; i < years.Length; i++)
        {
            points[i] = (years[i], bounds.FromLogit(a + b * (years[i] - years[0])) + s * noise[i]);
        }
        return HistoricalSeries.FromValues("simulated", points);
    }

    public static int[] Consecutive(int first, int count) => Enumerable.Range(first, count).ToArray();
}
