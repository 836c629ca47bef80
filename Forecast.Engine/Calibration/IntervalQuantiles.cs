using MathNet.Numerics.Distributions;

namespace Forecast.Engine.Calibration;

/// <summary>Quantiles used for the 95% intervals of the estimators.</summary>
internal static class IntervalQuantiles
{
    /// <summary>The 0.975 quantile of the standard normal, 1.959964.</summary>
    public static readonly double Normal975 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>The 0.975 quantile of Student t with <paramref name="degreesOfFreedom"/> (normal when infinite).</summary>
    public static double StudentT975(double degreesOfFreedom) =>
        double.IsPositiveInfinity(degreesOfFreedom) ? Normal975 : StudentT.InvCDF(0, 1, degreesOfFreedom, 0.975);

    /// <summary>
    /// 95% interval for a standard deviation from s² with ν degrees of freedom:
    /// [s·√(ν/χ²_{ν,0.975}), s·√(ν/χ²_{ν,0.025})].
    /// </summary>
    public static (double Lower, double Upper) ChiSquareSigma(double s, double degreesOfFreedom) =>
        (s * Math.Sqrt(degreesOfFreedom / ChiSquared.InvCDF(degreesOfFreedom, 0.975)),
         s * Math.Sqrt(degreesOfFreedom / ChiSquared.InvCDF(degreesOfFreedom, 0.025)));
}
