namespace Forecast.Tests.Sensitivity;

/// <summary>
/// Sobol's G function g = Π_i (|4x_i − 2| + a_i) / (1 + a_i) with x_i ~ U(0, 1) (Sobol 1993; Saltelli
/// and Sobol 1995, "About the use of rank transformation in sensitivity analysis of model output",
/// Reliab. Eng. Syst. Saf. 50; Saltelli et al. 2008, "Global Sensitivity Analysis. The Primer", ch. 3),
/// here with a = (0, 1, 4.5, 9, 99, 99), and its closed-form Sobol indices.
/// </summary>
internal static class SobolGFunction
{
    public static readonly double[] Coefficients = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0];

    public static int InputCount => Coefficients.Length;

    /// <summary>The function as a block model (inputs are already U(0, 1)).</summary>
    public static void Evaluate(ReadOnlySpan<double> uniforms, int rows, int inputCount, Span<double> outputs)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> x = uniforms.Slice(r * inputCount, inputCount);
            double product = 1.0;
            for (int i = 0; i < x.Length; i++)
            {
                double a = Coefficients[i];
                product *= (Math.Abs(4.0 * x[i] - 2.0) + a) / (1.0 + a);
            }
            outputs[r] = product;
        }
    }

    /// <summary>V_i = 1 / (3 (1 + a_i)²).</summary>
    public static double PartialVariance(int i) => 1.0 / (3.0 * (1.0 + Coefficients[i]) * (1.0 + Coefficients[i]));

    /// <summary>V = Π (1 + V_i) − 1.</summary>
    public static double Variance => ProductOfOnePlusPartialVariances(except: -1) - 1.0;

    /// <summary>S1_i = V_i / V.</summary>
    public static double[] FirstOrder => [.. Enumerable.Range(0, InputCount).Select(i => PartialVariance(i) / Variance)];

    /// <summary>ST_i = V_i Π_{j≠i} (1 + V_j) / V.</summary>
    public static double[] Total => [.. Enumerable.Range(0, InputCount).Select(i => PartialVariance(i) * ProductOfOnePlusPartialVariances(except: i) / Variance)];

    private static double ProductOfOnePlusPartialVariances(int except)
    {
        double product = 1.0;
        for (int j = 0; j < InputCount; j++)
        {
            if (j != except) product *= 1.0 + PartialVariance(j);
        }
        return product;
    }
}
