using System.Collections.Immutable;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Estimates compound growth of a positive indicator: drift g (annual log-growth), the arithmetic
/// rate e^g − 1, and the volatility σ of yearly log-changes.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Three or more points: the drift by <see cref="GrowthModel.LogLinearTrend"/> (OLS of ln xₜ = a + g·t,
/// t-interval with n − 2 df) or <see cref="GrowthModel.RandomWalkWithDrift"/> (g = Σ dᵢ / Σ Δᵢ over the
/// log-changes dᵢ across Δᵢ years, t-interval with m − 1 df). The volatility is always that of the yearly
/// log-changes, σ̂² = Σ (dᵢ − ĝΔᵢ)²/Δᵢ / (m − 1) with ĝ = Σ dᵢ / Σ Δᵢ, and a chi-square interval with
/// m − 1 df (exact when the changes are independent normal).</item>
/// <item>Two points: only the average growth, g = ln(x₁/x₀)/Δ (the CAGR in log terms); σ comes from the
/// caller's <see cref="GrowthPrior"/>, and the drift interval ĝ ± 1.96·σ/√Δ is conditional on it.</item>
/// <item>One point, or a value ≤ 0: not identifiable; the result says why (no exception).</item>
/// </list>
/// </remarks>
public static class CompoundGrowthEstimator
{
    // The meanings are read at each fit: they are in the UI culture of the calibration that asks.
    private static string DriftMeaning => T.MeaningDrift;
    private static string RateMeaning => T.MeaningRate;
    private static string VolatilityMeaning => T.MeaningVolatility;
    private static string InterceptMeaning => T.MeaningIntercept;

    /// <summary>Fits compound growth to <paramref name="series"/>.</summary>
    /// <param name="series">The history; values must be &gt; 0.</param>
    /// <param name="prior">Volatility prior, used when only two points are available; may be null.</param>
    /// <param name="model">Estimation method for three or more points.</param>
    public static CompoundGrowthFit Fit(HistoricalSeries series, GrowthPrior? prior = null, GrowthModel model = GrowthModel.LogLinearTrend)
    {
        ArgumentNullException.ThrowIfNull(series);
        int n = series.Count;
        if (n == 0)
        {
            return NotIdentifiable(series, model, 0, F(T.GrowthNoObservations, series.Label));
        }
        foreach (Observation o in series.Observations)
        {
            if (o.Value <= 0)
            {
                return NotIdentifiable(series, model, n, F(T.GrowthNotPositive, series.Label, o.Value, o.Year));
            }
        }
        if (n == 1)
        {
            Observation only = series.Observations[0];
            return NotIdentifiable(series, model, 1, F(T.GrowthOneObservation, series.Label, only.Year, only.Value));
        }

        var years = series.Years;
        var logs = series.Values.Select(Math.Log).ToArray();
        return n == 2 ? FitTwoPoints(series, prior, model, logs) : FitMany(series, model, years, logs);
    }

    private static CompoundGrowthFit FitTwoPoints(HistoricalSeries series, GrowthPrior? prior, GrowthModel model, double[] logs)
    {
        Observation first = series.Observations[0], last = series.Observations[1];
        double span = last.Year - first.Year;
        double g = (logs[1] - logs[0]) / span;
        double cagr = Math.Exp(g) - 1;
        var warnings = ImmutableArray.CreateBuilder<string>();
        string head = F(T.GrowthTwoObservations, series.Label, first.Year, first.Value, last.Year, last.Value, cagr * 100, g);

        ParameterEstimate drift, rate, volatility;
        string volatilitySource;
        LogGrowthPredictor predictor;
        if (prior is not null)
        {
            double se = prior.Volatility / Math.Sqrt(span);
            drift = ParameterEstimate.Symmetric("drift", g, se, IntervalQuantiles.Normal975, DriftMeaning);
            rate = ArithmeticRateOf(drift);
            volatility = ParameterEstimate.PointOnly("volatility", prior.Volatility, T.MeaningVolatilityFromPrior);
            volatilitySource = F(T.VolatilityPriorSource, prior.Source);
            warnings.Add(F(T.GrowthTwoObservationsPrior, head, prior.Volatility, prior.Source));
            predictor = new LogGrowthPredictor(false, last.Year, logs[1], g, prior.Volatility * prior.Volatility, se * se, 2, double.NaN, double.NaN, double.PositiveInfinity);
        }
        else
        {
            drift = ParameterEstimate.PointOnly("drift", g, DriftMeaning);
            rate = ParameterEstimate.PointOnly("arithmetic rate", cagr, RateMeaning);
            volatility = ParameterEstimate.Missing("volatility", VolatilityMeaning);
            volatilitySource = T.VolatilityNotIdentifiedTwoPoints;
            warnings.Add(F(T.GrowthTwoObservationsNoPrior, head));
            predictor = new LogGrowthPredictor(false, last.Year, logs[1], g, double.NaN, double.NaN, 2, double.NaN, double.NaN, double.PositiveInfinity);
        }

        return new CompoundGrowthFit
        {
            Indicator = series.Indicator,
            Region = series.Region,
            Model = model,
            Status = FitStatus.AverageOnly,
            FirstYear = first.Year,
            LastYear = last.Year,
            Intercept = ParameterEstimate.PointOnly("intercept", logs[0], InterceptMeaning),
            Drift = drift,
            ArithmeticRate = rate,
            Volatility = volatility,
            VolatilitySource = volatilitySource,
            Statistics = new FitStatistics(2, 2, double.NaN, double.NaN),
            Warnings = warnings.ToImmutable(),
            Predictor = predictor,
        };
    }

    private static CompoundGrowthFit FitMany(HistoricalSeries series, GrowthModel model, ImmutableArray<int> years, double[] logs)
    {
        int n = logs.Length;
        int firstYear = years[0], lastYear = years[n - 1];
        var warnings = ImmutableArray.CreateBuilder<string>();

        // Yearly log-changes: d_i over Δ_i years; random-walk drift and volatility.
        int m = n - 1;
        double totalSpan = lastYear - firstYear;
        double walkDrift = (logs[n - 1] - logs[0]) / totalSpan;
        double walkSquares = 0;
        bool gaps = false;
        for (int i = 1; i < n; i++)
        {
            double delta = years[i] - years[i - 1];
            gaps |= delta != 1;
            double e = logs[i] - logs[i - 1] - walkDrift * delta;
            walkSquares += e * e / delta;
        }
        int volatilityDf = m - 1;
        double sigma = Math.Sqrt(walkSquares / volatilityDf);
        var (sigmaLow, sigmaHigh) = IntervalQuantiles.ChiSquareSigma(sigma, volatilityDf);
        var volatility = new ParameterEstimate("volatility", sigma, sigma / Math.Sqrt(2.0 * volatilityDf), sigmaLow, sigmaHigh, VolatilityMeaning);
        string volatilitySource = F(T.VolatilityEstimated, m, volatilityDf);

        if (gaps)
        {
            warnings.Add(F(T.GrowthYearsNotConsecutive, series.Label));
        }
        if (n < 5)
        {
            warnings.Add(F(T.GrowthFewObservations, series.Label, n));
        }

        ParameterEstimate intercept, drift;
        FitStatistics statistics;
        LogGrowthPredictor predictor;
        double sumLogs = logs.Sum();
        if (model == GrowthModel.LogLinearTrend)
        {
            double meanT = 0, meanY = 0;
            for (int i = 0; i < n; i++)
            {
                meanT += years[i] - firstYear;
                meanY += logs[i];
            }
            meanT /= n;
            meanY /= n;
            double sxx = 0, sxy = 0;
            for (int i = 0; i < n; i++)
            {
                double dt = years[i] - firstYear - meanT;
                sxx += dt * dt;
                sxy += dt * (logs[i] - meanY);
            }
            double g = sxy / sxx;
            double a = meanY - g * meanT;
            double rss = 0;
            for (int i = 0; i < n; i++)
            {
                double r = logs[i] - a - g * (years[i] - firstYear);
                rss += r * r;
            }
            int df = n - 2;
            double s2 = rss / df;
            double q = IntervalQuantiles.StudentT975(df);
            drift = ParameterEstimate.Symmetric("drift", g, Math.Sqrt(s2 / sxx), q, DriftMeaning);
            intercept = ParameterEstimate.Symmetric("intercept", a, Math.Sqrt(s2 * (1.0 / n + meanT * meanT / sxx)), q, InterceptMeaning);
            double logLikelihood = rss > 0 ? -0.5 * n * (Math.Log(2 * Math.PI * rss / n) + 1) - sumLogs : double.NaN;
            if (rss <= 0)
            {
                warnings.Add(F(T.GrowthExactCurve, series.Label));
            }
            statistics = new FitStatistics(n, 3, s2, logLikelihood);
            predictor = new LogGrowthPredictor(true, firstYear, a, g, s2, double.NaN, n, meanT, sxx, df);
        }
        else
        {
            double seDrift = sigma / Math.Sqrt(totalSpan);
            drift = ParameterEstimate.Symmetric("drift", walkDrift, seDrift, IntervalQuantiles.StudentT975(volatilityDf), DriftMeaning);
            intercept = ParameterEstimate.PointOnly("intercept", logs[0], T.MeaningInterceptObserved);
            double sigma2Ml = walkSquares / m;
            double logLikelihood = double.NaN;
            if (sigma2Ml > 0)
            {
                logLikelihood = -0.5 * m;
                for (int i = 1; i < n; i++)
                {
                    logLikelihood -= 0.5 * Math.Log(2 * Math.PI * sigma2Ml * (years[i] - years[i - 1]));
                }
                logLikelihood -= sumLogs - logs[0];
            }
            statistics = new FitStatistics(m, 2, sigma * sigma, logLikelihood);
            predictor = new LogGrowthPredictor(false, lastYear, logs[n - 1], walkDrift, sigma * sigma, seDrift * seDrift, n, double.NaN, double.NaN, volatilityDf);
        }

        return new CompoundGrowthFit
        {
            Indicator = series.Indicator,
            Region = series.Region,
            Model = model,
            Status = FitStatus.Estimated,
            FirstYear = firstYear,
            LastYear = lastYear,
            Intercept = intercept,
            Drift = drift,
            ArithmeticRate = ArithmeticRateOf(drift),
            Volatility = volatility,
            VolatilitySource = volatilitySource,
            Statistics = statistics,
            Warnings = warnings.ToImmutable(),
            Predictor = predictor,
        };
    }

    private static ParameterEstimate ArithmeticRateOf(ParameterEstimate drift)
    {
        double growth = Math.Exp(drift.Estimate);
        return new ParameterEstimate("arithmetic rate", growth - 1, growth * drift.StandardError,
            Math.Exp(drift.Lower95) - 1, Math.Exp(drift.Upper95) - 1, RateMeaning);
    }

    private static CompoundGrowthFit NotIdentifiable(HistoricalSeries series, GrowthModel model, int n, string reason) => new()
    {
        Indicator = series.Indicator,
        Region = series.Region,
        Model = model,
        Status = FitStatus.NotIdentifiable,
        FirstYear = n > 0 ? series.Observations[0].Year : 0,
        LastYear = n > 0 ? series.Observations[n - 1].Year : 0,
        Intercept = ParameterEstimate.Missing("intercept", InterceptMeaning),
        Drift = ParameterEstimate.Missing("drift", DriftMeaning),
        ArithmeticRate = ParameterEstimate.Missing("arithmetic rate", RateMeaning),
        Volatility = ParameterEstimate.Missing("volatility", VolatilityMeaning),
        VolatilitySource = T.VolatilityNotIdentified,
        Statistics = FitStatistics.None(n),
        Warnings = [reason],
    };
}
