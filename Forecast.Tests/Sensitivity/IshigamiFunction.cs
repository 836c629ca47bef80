namespace Forecast.Tests.Sensitivity;

/// <summary>
/// The Ishigami function f = sin x1 + a sin² x2 + b x3⁴ sin x1 with x_i ~ U(−π, π), a = 7, b = 0.1
/// (Ishigami and Homma 1990, "An importance quantification technique in uncertainty analysis for
/// computer models", ISUMA '90; Saltelli et al. 2008, "Global Sensitivity Analysis. The Primer",
/// Wiley, ch. 4), and its closed-form Sobol indices.
/// </summary>
internal static class IshigamiFunction
{
    public const int InputCount = 3;
    public const double A = 7.0;
    public const double B = 0.1;

    /// <summary>The function as a block model: maps each uniform u to x = −π + 2πu, then evaluates.</summary>
    public static void Evaluate(ReadOnlySpan<double> uniforms, int rows, int inputCount, Span<double> outputs)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> u = uniforms.Slice(r * inputCount, inputCount);
            double x1 = Math.PI * (2.0 * u[0] - 1.0);
            double x2 = Math.PI * (2.0 * u[1] - 1.0);
            double x3 = Math.PI * (2.0 * u[2] - 1.0);
            double sin1 = Math.Sin(x1);
            double sin2 = Math.Sin(x2);
            double x3Squared = x3 * x3;
            outputs[r] = sin1 + A * sin2 * sin2 + B * x3Squared * x3Squared * sin1;
        }
    }

    // Closed-form partial variances (Saltelli et al. 2008, ch. 4; Sobol and Levitan 1999):
    private static readonly double Pi4 = Math.Pow(Math.PI, 4);
    private static readonly double Pi8 = Math.Pow(Math.PI, 8);

    /// <summary>V1 = ½ (1 + bπ⁴/5)².</summary>
    public static double V1 => 0.5 * Math.Pow(1.0 + B * Pi4 / 5.0, 2);

    /// <summary>V2 = a²/8.</summary>
    public static double V2 => A * A / 8.0;

    /// <summary>V13 = b²π⁸ (1/18 − 1/50); V3 = V12 = V23 = V123 = 0.</summary>
    public static double V13 => B * B * Pi8 * (1.0 / 18.0 - 1.0 / 50.0);

    /// <summary>V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½.</summary>
    public static double Variance => A * A / 8.0 + B * Pi4 / 5.0 + B * B * Pi8 / 18.0 + 0.5;

    /// <summary>S1 = (V1, V2, 0) / V.</summary>
    public static double[] FirstOrder => [V1 / Variance, V2 / Variance, 0.0];

    /// <summary>ST = (V1 + V13, V2, V13) / V.</summary>
    public static double[] Total => [(V1 + V13) / Variance, V2 / Variance, V13 / Variance];
}
