using System.Collections.Immutable;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Estimates the rate of new entries per year (new high-tech enterprises, new platforms) from counts over
/// periods, with Poisson and negative binomial (NB2) regressions with log link:
/// ln μᵢ = ln Eᵢ + β₀ [+ β₁·(yearᵢ − centre)], Eᵢ the period length in years.
/// </summary>
/// <remarks>
/// The Poisson fit is Fisher scoring in double precision (MathNet) from the constant rate Σy/ΣE, which also gives the
/// standard errors (XᵀWX)⁻¹ and Wald 95% intervals. The NB2 fit maximises the likelihood profiled over ln α (MathNet golden-section
/// search, β by Fisher scoring for each α). Overdispersion is tested by Cameron-Trivedi and by the
/// likelihood ratio of NB2 against Poisson.
/// </remarks>
public static class CountRegressionEstimator
{
    private const double MinimumDispersion = 1e-6;
    private const double MaximumDispersion = 100;

    /// <summary>Fits Poisson and NB2 count regressions.</summary>
    /// <param name="counts">Counts per period; each count a whole number ≥ 0, each exposure &gt; 0.</param>
    /// <param name="trend">Whether the log rate has a linear trend in the year.</param>
    /// <exception cref="ArgumentException">A count is negative, fractional or not finite, or an exposure is not positive.</exception>
    public static CountRegressionFit Fit(IReadOnlyList<CountObservation> counts, CountTrend trend = CountTrend.Linear)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (CountObservation c in counts)
        {
            if (!double.IsFinite(c.Count) || c.Count < 0 || c.Count != Math.Floor(c.Count))
            {
                throw new ArgumentException(F(T.ErrCountNotWhole, c.Count, c.Year), nameof(counts));
            }
            if (!double.IsFinite(c.ExposureYears) || c.ExposureYears <= 0)
            {
                throw new ArgumentException(F(T.ErrExposure, c.ExposureYears, c.Year), nameof(counts));
            }
            if (!double.IsFinite(c.Year))
            {
                throw new ArgumentException(T.ErrCountYear, nameof(counts));
            }
        }

        var warnings = ImmutableArray.CreateBuilder<string>();
        int n = counts.Count;
        if (n == 0)
        {
            return NotIdentifiable(double.NaN, trend, ["No counts: the rate of new entries is not identified; state it as an assumption."]);
        }
        double centre = counts.Average(c => c.Year);
        double totalCount = counts.Sum(c => c.Count), totalExposure = counts.Sum(c => c.ExposureYears);
        if (totalCount == 0)
        {
            return NotIdentifiable(centre, trend, [F(T.CountNoEntries, totalExposure, 3.6889 / totalExposure)]);
        }
        bool withTrend = trend == CountTrend.Linear;
        if (withTrend && counts.Select(c => c.Year).Distinct().Count() < 2)
        {
            withTrend = false;
            warnings.Add(T.CountSamePeriod);
        }

        int p = withTrend ? 2 : 1;
        double[] y = counts.Select(c => c.Count).ToArray();
        double[] exposure = counts.Select(c => c.ExposureYears).ToArray();
        double[] centred = counts.Select(c => c.Year - centre).ToArray();
        Matrix<double> design = Matrix<double>.Build.Dense(n, p, (i, j) => j == 0 ? 1.0 : centred[i]);
        var glm = new LogLinkCountGlm(design, y, exposure);

        Vector<double> start = Vector<double>.Build.Dense(p);
        start[0] = Math.Log(totalCount / totalExposure);
        var (poissonBeta, poissonCovariance, poissonConverged) = glm.Fit(0, start);
        if (!poissonConverged)
        {
            warnings.Add(T.CountPoissonNotConverged);
        }
        double poissonLl = glm.LogLikelihood(poissonBeta, 0);
        CountModelFit poisson = ModelFit("Poisson", centre, poissonBeta, poissonCovariance, withTrend,
            ParameterEstimate.PointOnly("dispersion", 0, T.CountPoissonDispersionMeaning),
            new FitStatistics(n, p, double.NaN, poissonLl));

        if (n < p + 2)
        {
            warnings.Add(F(T.CountFewPeriods, n, p));
            return new CountRegressionFit
            {
                Poisson = poisson,
                Warnings = warnings.ToImmutable(),
            };
        }

        // NB2: maximise the likelihood profiled over ln α.
        Vector<double> warm = poissonBeta;
        double ProfileLogLikelihood(double logAlpha)
        {
            var (beta, _, _) = glm.Fit(Math.Exp(logAlpha), warm);
            return glm.LogLikelihood(beta, Math.Exp(logAlpha));
        }
        double logAlphaHat = FindMinimum.OfScalarFunctionConstrained(u => -ProfileLogLikelihood(u), Math.Log(MinimumDispersion), Math.Log(MaximumDispersion), 1e-6);
        double alpha = Math.Exp(logAlphaHat);
        var (nbBeta, nbCovariance, nbConverged) = glm.Fit(alpha, poissonBeta);
        double nbLl = glm.LogLikelihood(nbBeta, alpha);
        if (!nbConverged)
        {
            warnings.Add(T.CountNbNotConverged);
        }

        ParameterEstimate dispersion;
        double lr = Math.Max(0, 2 * (nbLl - poissonLl));
        if (lr < 1e-8 || logAlphaHat <= Math.Log(MinimumDispersion) + 1e-3)
        {
            dispersion = new ParameterEstimate("dispersion", 0, double.NaN, 0, double.NaN, T.CountNoOverdispersionMeaning);
            nbBeta = poissonBeta;
            nbCovariance = poissonCovariance;
            nbLl = poissonLl;
            lr = 0;
        }
        else
        {
            const double h = 0.01;
            double curvature = -(ProfileLogLikelihood(logAlphaHat + h) - 2 * ProfileLogLikelihood(logAlphaHat) + ProfileLogLikelihood(logAlphaHat - h)) / (h * h);
            double seLog = curvature > 0 ? 1 / Math.Sqrt(curvature) : double.NaN;
            double z = IntervalQuantiles.Normal975;
            dispersion = new ParameterEstimate("dispersion", alpha, alpha * seLog, alpha * Math.Exp(-z * seLog), alpha * Math.Exp(z * seLog),
                T.CountOverdispersionMeaning);
            if (logAlphaHat >= Math.Log(MaximumDispersion) - 1e-3)
            {
                warnings.Add(F(T.CountDispersionLimit, MaximumDispersion));
            }
        }
        CountModelFit negativeBinomial = ModelFit("negative binomial (NB2)", centre, nbBeta, nbCovariance, withTrend, dispersion,
            new FitStatistics(n, p + 1, double.NaN, nbLl));

        OverdispersionTest test = Overdispersion(y, glm.Mean(poissonBeta), lr);
        return new CountRegressionFit
        {
            Poisson = poisson,
            NegativeBinomial = negativeBinomial,
            Overdispersion = test,
            Warnings = warnings.ToImmutable(),
        };
    }

    private static OverdispersionTest Overdispersion(double[] y, double[] mu, double lr)
    {
        int n = y.Length;
        double sxy = 0, sxx = 0;
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = ((y[i] - mu[i]) * (y[i] - mu[i]) - y[i]) / mu[i];
            sxy += z[i] * mu[i];
            sxx += mu[i] * mu[i];
        }
        double ctAlpha = sxy / sxx;
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double r = z[i] - ctAlpha * mu[i];
            rss += r * r;
        }
        double se = Math.Sqrt(rss / (n - 1) / sxx);
        double t = se > 0 ? ctAlpha / se : double.NaN;
        double ctP = double.IsNaN(t) ? double.NaN : 1 - StudentT.CDF(0, 1, n - 1, t);
        double lrP = lr <= 0 ? 1.0 : 0.5 * (1 - ChiSquared.CDF(1, lr));
        bool overdispersed = lrP < 0.05;
        string conclusion = overdispersed
            ? F(T.CountOverdispersed, lr, lrP, ctAlpha, ctP)
            : F(T.CountNotOverdispersed, lr, lrP, ctAlpha, ctP);
        return new OverdispersionTest(ctAlpha, t, ctP, lr, lrP, overdispersed, conclusion);
    }

    private static CountModelFit ModelFit(string model, double centre, Vector<double> beta, Matrix<double> covariance, bool withTrend,
        ParameterEstimate dispersion, FitStatistics statistics)
    {
        double z = IntervalQuantiles.Normal975;
        var logRate = ParameterEstimate.Symmetric("log rate", beta[0], Math.Sqrt(covariance[0, 0]), z,
            F(T.CountLogRateAtMeaning, centre));
        double rate = Math.Exp(beta[0]);
        var yearlyRate = new ParameterEstimate("yearly rate", rate, rate * logRate.StandardError, Math.Exp(logRate.Lower95), Math.Exp(logRate.Upper95),
            F(T.CountRateAtMeaning, centre));
        ParameterEstimate trend = withTrend
            ? ParameterEstimate.Symmetric("trend", beta[1], Math.Sqrt(covariance[1, 1]), z, T.CountTrendMeaning)
            : ParameterEstimate.Missing("trend", T.CountNoTrendMeaning);
        return new CountModelFit
        {
            Model = model,
            Status = FitStatus.Estimated,
            CentreYear = centre,
            LogRate = logRate,
            YearlyRate = yearlyRate,
            Trend = trend,
            Dispersion = dispersion,
            Statistics = statistics,
        };
    }

    private static CountRegressionFit NotIdentifiable(double centre, CountTrend trend, ImmutableArray<string> warnings) => new()
    {
        Poisson = new CountModelFit
        {
            Model = "Poisson",
            Status = FitStatus.NotIdentifiable,
            CentreYear = centre,
            LogRate = ParameterEstimate.Missing("log rate", T.CountLogRateMeaning),
            YearlyRate = ParameterEstimate.Missing("yearly rate", T.CountRateMeaningPlain),
            Trend = ParameterEstimate.Missing("trend", trend == CountTrend.Linear ? T.CountTrendMeaning : T.CountNoTrendMeaning),
            Dispersion = ParameterEstimate.Missing("dispersion", "alpha"),
            Statistics = FitStatistics.None(0),
        },
        Warnings = warnings,
    };
}
