using System.Collections.Immutable;
using MathNet.Numerics.LinearRegression;
using static System.FormattableString;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Estimates the elasticity β of one indicator with respect to another across a regional panel:
/// responseᵣ = c + β·driverᵣ + εᵣ, both on the log scale (levels or yearly log-growth, see
/// <see cref="ElasticityPoints"/>).
/// </summary>
/// <remarks>
/// β and its t-interval (n − 2 df) come from ordinary least squares (MathNet <c>SimpleRegression</c>); the
/// same regression is fitted with Microsoft.ML's SDCA trainer and cross-validated with
/// <c>mlContext.Regression.CrossValidate</c> (k folds; leave-one-out when the panel has fewer than 2k
/// regions; none below 3 regions), reporting pooled held-out RMSE and predictive R².
/// </remarks>
public static class ElasticityEstimator
{
    /// <summary>Fits the elasticity of <paramref name="response"/> with respect to <paramref name="driver"/>.</summary>
    /// <param name="points">One pair per region; finite values.</param>
    /// <param name="response">Response indicator id (for messages).</param>
    /// <param name="driver">Driver indicator id (for messages).</param>
    /// <param name="options">Folds, seed, ML.NET on or off; <see cref="ElasticityOptions.Default"/> when null.</param>
    public static ElasticityFit Fit(IReadOnlyList<ElasticityPoint> points, string response, string driver, ElasticityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentException.ThrowIfNullOrWhiteSpace(response);
        ArgumentException.ThrowIfNullOrWhiteSpace(driver);
        options ??= ElasticityOptions.Default;
        if (options.Folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Folds, "Cross-validation needs at least 2 folds.");
        }
        foreach (ElasticityPoint p in points)
        {
            if (!double.IsFinite(p.Driver) || !double.IsFinite(p.Response))
            {
                throw new ArgumentException(Invariant($"{p.Region}: driver {p.Driver} and response {p.Response} must be finite."), nameof(points));
            }
        }

        int n = points.Count;
        string label = Invariant($"Elasticity of {response} with respect to {driver}");
        var regions = points.Select(p => p.Region).ToImmutableArray();
        double[] x = points.Select(p => p.Driver).ToArray();
        double[] y = points.Select(p => p.Response).ToArray();
        if (n < 2)
        {
            return NotIdentifiable(response, driver, regions, Invariant($"{label}: {n} region(s) with both indicators; at least two are needed (three for an interval)."));
        }
        double meanX = x.Average();
        double sxx = x.Sum(v => (v - meanX) * (v - meanX));
        if (sxx <= 0)
        {
            return NotIdentifiable(response, driver, regions, Invariant($"{label}: every region has the same {driver} value, so no slope can be estimated."));
        }

        var (intercept, slope) = SimpleRegression.Fit(x, y);
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (n == 2)
        {
            warnings.Add(Invariant($"{label}: only two regions ({regions[0]}, {regions[1]}); the slope through them is identified but not its uncertainty, and no cross-validation is possible."));
            return new ElasticityFit
            {
                Response = response,
                Driver = driver,
                Status = FitStatus.AverageOnly,
                Elasticity = ParameterEstimate.PointOnly("elasticity", slope, "beta, % change of the response per 1% of the driver"),
                Intercept = ParameterEstimate.PointOnly("intercept", intercept, "c, response at driver 0 (log scale)"),
                CrossValidation = CrossValidationSummary.None,
                Statistics = new FitStatistics(2, 3, double.NaN, double.NaN),
                Regions = regions,
                Warnings = warnings.ToImmutable(),
            };
        }

        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i] - intercept - slope * x[i];
            rss += r * r;
        }
        int df = n - 2;
        double s2 = rss / df;
        double q = IntervalQuantiles.StudentT975(df);
        var elasticity = ParameterEstimate.Symmetric("elasticity", slope, Math.Sqrt(s2 / sxx), q, "beta, % change of the response per 1% of the driver");
        var constant = ParameterEstimate.Symmetric("intercept", intercept, Math.Sqrt(s2 * (1.0 / n + meanX * meanX / sxx)), q, "c, response at driver 0 (log scale)");
        double logLikelihood = rss > 0 ? -0.5 * n * (Math.Log(2 * Math.PI * rss / n) + 1) : double.NaN;
        if (n < 8)
        {
            warnings.Add(Invariant($"{label}: only {n} regions; the interval is wide and rests on normal errors."));
        }

        double mlNetSlope = double.NaN;
        CrossValidationSummary crossValidation = CrossValidationSummary.None;
        if (options.UseMlNet)
        {
            int folds = options.Folds;
            if (n < 2 * folds)
            {
                folds = n;
                warnings.Add(Invariant($"{label}: {n} regions are too few for {options.Folds}-fold cross-validation (at least {2 * options.Folds} needed); leave-one-out is used instead."));
            }
            (mlNetSlope, crossValidation) = MlNetLinearRegression.Fit(x, y, folds, options.Seed);
            double allowed = 0.02 * Math.Abs(slope) + 0.25 * elasticity.StandardError;
            if (Math.Abs(mlNetSlope - slope) > allowed)
            {
                warnings.Add(Invariant($"{label}: Microsoft.ML's SDCA slope {mlNetSlope:0.####} differs from least squares {slope:0.####}; the least-squares value is reported."));
            }
        }

        return new ElasticityFit
        {
            Response = response,
            Driver = driver,
            Status = FitStatus.Estimated,
            Elasticity = elasticity,
            Intercept = constant,
            MlNetElasticity = mlNetSlope,
            CrossValidation = crossValidation,
            Statistics = new FitStatistics(n, 3, s2, logLikelihood),
            Regions = regions,
            Warnings = warnings.ToImmutable(),
        };
    }

    private static ElasticityFit NotIdentifiable(string response, string driver, ImmutableArray<string> regions, string reason) => new()
    {
        Response = response,
        Driver = driver,
        Status = FitStatus.NotIdentifiable,
        Elasticity = ParameterEstimate.Missing("elasticity", "beta, % change of the response per 1% of the driver"),
        Intercept = ParameterEstimate.Missing("intercept", "c, response at driver 0 (log scale)"),
        CrossValidation = CrossValidationSummary.None,
        Statistics = FitStatistics.None(regions.Length),
        Regions = regions,
        Warnings = [reason],
    };
}
