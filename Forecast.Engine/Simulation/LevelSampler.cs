using Forecast.Engine.Model;

namespace Forecast.Engine.Simulation;

/// <summary>
/// Draws a driver's level by inversion, L = F⁻¹(u). Closed-form quantiles (MathNet.Numerics) serve
/// where they are cheap; Beta and PERT, whose quantile is a root search, are tabulated once on a
/// fine grid of u and interpolated linearly (error far below the Monte Carlo error).
/// </summary>
internal sealed class LevelSampler
{
    private const int TableSize = 8192;
    private readonly Distribution _distribution;
    private readonly double[]? _table;
    private readonly double _fixed;
    private readonly bool _isFixed;

    public LevelSampler(Distribution distribution)
    {
        _distribution = distribution;
        if (distribution.IsDegenerate)
        {
            _isFixed = true;
            _fixed = distribution.Quantile(0.5);
        }
        else if (distribution is BetaDistribution)
        {
            _table = new double[TableSize + 1];
            for (int i = 0; i <= TableSize; i++)
            {
                double p = Math.Clamp((double)i / TableSize, 1e-12, 1 - 1e-12);
                _table[i] = distribution.Quantile(p);
            }
        }
    }

    /// <summary>The level for uniform <paramref name="u"/> in (0, 1).</summary>
    public double Quantile(double u)
    {
        if (_isFixed) return _fixed;
        if (_table is not null)
        {
            double x = u * TableSize;
            int i = Math.Min((int)x, TableSize - 1);
            double f = x - i;
            return _table[i] + f * (_table[i + 1] - _table[i]);
        }
        return _distribution.Quantile(u);
    }

    /// <summary>Fills <paramref name="levels"/> with the quantiles of <paramref name="uniforms"/>.</summary>
    public void Fill(ReadOnlySpan<double> uniforms, Span<double> levels)
    {
        if (_isFixed)
        {
            levels[..uniforms.Length].Fill(_fixed);
            return;
        }
        for (int i = 0; i < uniforms.Length; i++) levels[i] = Quantile(uniforms[i]);
    }
}
