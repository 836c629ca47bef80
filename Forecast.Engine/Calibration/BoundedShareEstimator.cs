using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Estimates the path of a bounded share (default 0..100%) as a logistic curve:
/// logit((x − lo)/(hi − lo)) = a + b·t, t in years since the first observation.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Three or more points: least squares on the original scale, x = lo + (hi − lo)/(1 + e^{−(a + b·t)}) + ε,
/// ε ~ N(0, s²), solved by MathNet's Levenberg-Marquardt minimiser from the logit-space OLS start;
/// standard errors from s²(JᵀJ)⁻¹ with s² = RSS/(n − 2), t-intervals with n − 2 df.</item>
/// <item>Two points: the yearly logit step b = (logit x₁ − logit x₀)/Δ only, with a warning.</item>
/// <item>One point, or a value on or outside the bounds: not identifiable (no exception).</item>
/// </list>
/// </remarks>
public static class BoundedShareEstimator
{
    // Read at each fit: in the UI culture of the calibration that asks.
    private static string LevelMeaning => T.MeaningShareLevel;
    private static string SlopeMeaning => T.MeaningShareSlope;

    /// <summary>Fits a logistic path to <paramref name="series"/>.</summary>
    /// <param name="series">The history, values strictly inside <paramref name="bounds"/>.</param>
    /// <param name="bounds">The share's range; <see cref="ShareBounds.Percent"/> (0..100) when null.</param>
    public static BoundedShareFit Fit(HistoricalSeries series, ShareBounds? bounds = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        bounds ??= ShareBounds.Percent;
        int n = series.Count;
        if (n == 0)
        {
            return NotIdentifiable(series, bounds, F(T.ShareNoObservations, series.Label));
        }
        foreach (Observation o in series.Observations)
        {
            if (!bounds.StrictlyContains(o.Value))
            {
                return NotIdentifiable(series, bounds, F(T.ShareOutsideBounds, series.Label, o.Value, o.Year, bounds.Lower, bounds.Upper));
            }
        }
        if (n == 1)
        {
            Observation only = series.Observations[0];
            return NotIdentifiable(series, bounds, F(T.ShareOneObservation, series.Label, only.Year, only.Value));
        }

        int firstYear = series.Observations[0].Year;
        double[] t = series.Years.Select(y => (double)(y - firstYear)).ToArray();
        double[] x = series.Values.ToArray();
        double[] z = x.Select(bounds.Logit).ToArray();
        return n == 2 ? FitTwoPoints(series, bounds, t, z) : FitCurve(series, bounds, t, x, z);
    }

    private static BoundedShareFit FitTwoPoints(HistoricalSeries series, ShareBounds bounds, double[] t, double[] z)
    {
        Observation first = series.Observations[0], last = series.Observations[1];
        double step = (z[1] - z[0]) / t[1];
        double pointsPerYear = (last.Value - first.Value) / t[1];
        string warning = F(T.ShareTwoObservations, series.Label, first.Year, first.Value, last.Year, last.Value, step, pointsPerYear);
        var slope = ParameterEstimate.PointOnly("logit slope", step, SlopeMeaning);
        return new BoundedShareFit
        {
            Indicator = series.Indicator,
            Region = series.Region,
            Status = FitStatus.AverageOnly,
            Bounds = bounds,
            FirstYear = first.Year,
            LastYear = last.Year,
            LogitLevel = ParameterEstimate.PointOnly("logit level", z[0], LevelMeaning),
            LogitSlope = slope,
            LogitSpaceSlope = slope,
            Method = "two-point logit step",
            Statistics = new FitStatistics(2, 2, double.NaN, double.NaN),
            Warnings = [warning],
            Predictor = new LogisticPredictor(bounds, first.Year, z[0], step, double.NaN, double.NaN, double.NaN, double.NaN, double.PositiveInfinity),
        };
    }

    private static BoundedShareFit FitCurve(HistoricalSeries series, ShareBounds bounds, double[] t, double[] x, double[] z)
    {
        int n = x.Length;
        int df = n - 2;
        double q = IntervalQuantiles.StudentT975(df);
        var warnings = ImmutableArray.CreateBuilder<string>();

        // Logit-space OLS: the starting point, and a cross-check.
        double meanT = t.Average(), meanZ = z.Average();
        double sxx = 0, sxz = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (t[i] - meanT) * (t[i] - meanT);
            sxz += (t[i] - meanT) * (z[i] - meanZ);
        }
        double b0 = sxz / sxx, a0 = meanZ - b0 * meanT;
        double rssLogit = 0;
        for (int i = 0; i < n; i++)
        {
            double r = z[i] - a0 - b0 * t[i];
            rssLogit += r * r;
        }
        var logitSpaceSlope = ParameterEstimate.Symmetric("logit slope (logit-space OLS)", b0, Math.Sqrt(rssLogit / df / sxx), q, T.MeaningShareSlopeLogitNoise);

        double lo = bounds.Lower, range = bounds.Range;
        double Curve(Vector<double> p, double tau) => lo + range / (1 + Math.Exp(-(p[0] + p[1] * tau)));
        Vector<double> Gradient(Vector<double> p, double tau)
        {
            double s = 1 / (1 + Math.Exp(-(p[0] + p[1] * tau)));
            double d = range * s * (1 - s);
            return Vector<double>.Build.Dense([d, d * tau]);
        }

        var objective = ObjectiveFunction.NonlinearModel(Curve, Gradient,
            Vector<double>.Build.DenseOfArray(t), Vector<double>.Build.DenseOfArray(x));
        var minimiser = new LevenbergMarquardtMinimizer(maximumIterations: 1000);
        NonlinearMinimizationResult result = minimiser.FindMinimum(objective, Vector<double>.Build.Dense([a0, b0]));
        Vector<double> p = result.MinimizingPoint;
        string method = T.ShareMethodLm;
        if (result.ReasonForExit is ExitCondition.ExceedIterations or ExitCondition.InvalidValues || !double.IsFinite(p[0]) || !double.IsFinite(p[1]))
        {
            warnings.Add(F(T.ShareNotConverged, series.Label, result.ReasonForExit));
            p = Vector<double>.Build.Dense([a0, b0]);
            method = T.ShareMethodLogit;
        }

        // Covariance s²(JᵀJ)⁻¹ at the minimum, computed here so that the scaling is explicit.
        double rss = 0, j11 = 0, j12 = 0, j22 = 0;
        for (int i = 0; i < n; i++)
        {
            double r = x[i] - Curve(p, t[i]);
            rss += r * r;
            Vector<double> g = Gradient(p, t[i]);
            j11 += g[0] * g[0];
            j12 += g[0] * g[1];
            j22 += g[1] * g[1];
        }
        double s2 = rss / df;
        double det = j11 * j22 - j12 * j12;
        double varA = s2 * j22 / det, varB = s2 * j11 / det, cov = -s2 * j12 / det;
        if (n < 5)
        {
            warnings.Add(F(T.ShareFewObservations, series.Label, n));
        }
        double logLikelihood = rss > 0 ? -0.5 * n * (Math.Log(2 * Math.PI * rss / n) + 1) : double.NaN;
        if (rss <= 0)
        {
            warnings.Add(F(T.ShareExactCurve, series.Label));
        }

        return new BoundedShareFit
        {
            Indicator = series.Indicator,
            Region = series.Region,
            Status = FitStatus.Estimated,
            Bounds = bounds,
            FirstYear = series.Observations[0].Year,
            LastYear = series.Observations[n - 1].Year,
            LogitLevel = ParameterEstimate.Symmetric("logit level", p[0], Math.Sqrt(varA), q, LevelMeaning),
            LogitSlope = ParameterEstimate.Symmetric("logit slope", p[1], Math.Sqrt(varB), q, SlopeMeaning),
            LogitSpaceSlope = logitSpaceSlope,
            Method = method,
            Statistics = new FitStatistics(n, 3, s2, logLikelihood),
            Warnings = warnings.ToImmutable(),
            Predictor = new LogisticPredictor(bounds, series.Observations[0].Year, p[0], p[1], s2, varA, varB, cov, df),
        };
    }

    private static BoundedShareFit NotIdentifiable(HistoricalSeries series, ShareBounds bounds, string reason) => new()
    {
        Indicator = series.Indicator,
        Region = series.Region,
        Status = FitStatus.NotIdentifiable,
        Bounds = bounds,
        FirstYear = series.Count > 0 ? series.Observations[0].Year : 0,
        LastYear = series.Count > 0 ? series.Observations[series.Count - 1].Year : 0,
        LogitLevel = ParameterEstimate.Missing("logit level", LevelMeaning),
        LogitSlope = ParameterEstimate.Missing("logit slope", SlopeMeaning),
        LogitSpaceSlope = ParameterEstimate.Missing("logit slope (logit-space OLS)", SlopeMeaning),
        Method = "none",
        Statistics = FitStatistics.None(series.Count),
        Warnings = [reason],
    };
}
