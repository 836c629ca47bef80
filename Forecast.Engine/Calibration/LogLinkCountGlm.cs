using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Forecast.Engine.Calibration;

/// <summary>
/// Maximum likelihood for count regressions with log link and offset ln(exposure), by Fisher scoring
/// (iteratively reweighted least squares) in double precision with MathNet matrices.
/// NB2 with known α: weights μ/(1 + αμ); α = 0 is Poisson. The covariance of β is (XᵀWX)⁻¹.
/// </summary>
internal sealed class LogLinkCountGlm
{
    private readonly Matrix<double> _design;
    private readonly double[] _counts;
    private readonly double[] _logExposure;

    public LogLinkCountGlm(Matrix<double> design, double[] counts, double[] exposure)
    {
        _design = design;
        _counts = counts;
        _logExposure = exposure.Select(e => Math.Log(e)).ToArray();
    }

    public int Count => _counts.Length;

    public int Parameters => _design.ColumnCount;

    public double[] Mean(Vector<double> beta)
    {
        Vector<double> eta = _design * beta;
        var mu = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            mu[i] = Math.Exp(eta[i] + _logExposure[i]);
        }
        return mu;
    }

    /// <summary>Log-likelihood of NB2 with dispersion α (Poisson when α = 0).</summary>
    public double LogLikelihood(Vector<double> beta, double alpha)
    {
        double[] mu = Mean(beta);
        double ll = 0;
        for (int i = 0; i < Count; i++)
        {
            double y = _counts[i];
            if (alpha <= 0)
            {
                ll += (y > 0 ? y * Math.Log(mu[i]) : 0) - mu[i] - SpecialFunctions.GammaLn(y + 1);
            }
            else
            {
                double r = 1 / alpha;
                ll += SpecialFunctions.GammaLn(y + r) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(y + 1)
                    + (y > 0 ? y * Math.Log(alpha * mu[i]) : 0) - (y + r) * Math.Log(1 + alpha * mu[i]);
            }
        }
        return ll;
    }

    /// <summary>Fits β for fixed α from <paramref name="start"/>; returns β, its covariance and whether it converged.</summary>
    public (Vector<double> Beta, Matrix<double> Covariance, bool Converged) Fit(double alpha, Vector<double> start)
    {
        Vector<double> beta = start.Clone();
        double ll = LogLikelihood(beta, alpha);
        bool converged = false;
        for (int iteration = 0; iteration < 200 && !converged; iteration++)
        {
            double[] mu = Mean(beta);
            Matrix<double> information = Information(mu, alpha);
            Vector<double> score = Vector<double>.Build.Dense(Parameters);
            for (int i = 0; i < Count; i++)
            {
                double factor = (_counts[i] - mu[i]) / (1 + alpha * mu[i]);
                for (int j = 0; j < Parameters; j++)
                {
                    score[j] += _design[i, j] * factor;
                }
            }
            Vector<double> step = information.Solve(score);
            double scale = 1;
            Vector<double> next = beta + step;
            double nextLl = LogLikelihood(next, alpha);
            while ((double.IsNaN(nextLl) || nextLl < ll - 1e-12) && scale > 1e-6)
            {
                scale /= 2;
                next = beta + scale * step;
                nextLl = LogLikelihood(next, alpha);
            }
            converged = (next - beta).InfinityNorm() < 1e-10;
            beta = next;
            ll = nextLl;
        }
        return (beta, Information(Mean(beta), alpha).Inverse(), converged);
    }

    private Matrix<double> Information(double[] mu, double alpha)
    {
        Matrix<double> information = Matrix<double>.Build.Dense(Parameters, Parameters);
        for (int i = 0; i < Count; i++)
        {
            double w = mu[i] / (1 + alpha * mu[i]);
            for (int j = 0; j < Parameters; j++)
            {
                for (int k = 0; k < Parameters; k++)
                {
                    information[j, k] += _design[i, j] * w * _design[i, k];
                }
            }
        }
        return information;
    }
}
