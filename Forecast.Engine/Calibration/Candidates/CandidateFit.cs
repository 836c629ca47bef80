using System.Collections.Immutable;
using Forecast.Engine.Randomness;

namespace Forecast.Engine.Calibration;

/// <summary>
/// One candidate structure fitted to an indicator's history with its parameter uncertainty: its parameters as distributions,
/// and its predictive of the years after the history's last (parameter and noise uncertainty), by draws.
/// </summary>
public abstract class CandidateFit
{
    private protected CandidateFit(CandidateStructure structure, int originYear, double originValue)
    {
        Structure = structure;
        OriginYear = originYear;
        OriginValue = originValue;
    }

    /// <summary>The structure.</summary>
    public CandidateStructure Structure { get; }

    /// <summary>The last year of the history (the forecast origin).</summary>
    public int OriginYear { get; }

    /// <summary>The value in <see cref="OriginYear"/>.</summary>
    public double OriginValue { get; }

    /// <summary>The parameters as distributions (mapping onto the scenario format's drivers).</summary>
    public abstract ImmutableArray<CandidateParameter> Parameters { get; }

    /// <summary>Correlations between <see cref="Parameters"/> that a scenario must keep (empty where they are independent).</summary>
    public virtual ImmutableArray<ParameterCorrelation> Correlations => [];

    /// <summary>What the fit rests on, in a sentence (priors, what is not identified).</summary>
    public abstract string Note { get; }

    /// <summary>Draws one path: <paramref name="values"/>[h − 1] is the value in <see cref="OriginYear"/> + h.</summary>
    internal abstract void DrawPath(ref Xoshiro256StarStar rng, Span<double> values);

    /// <summary>ln of the predictive density of <paramref name="value"/> in <paramref name="year"/> &gt; <see cref="OriginYear"/>, on the original scale.</summary>
    internal abstract double LogPredictiveDensity(int year, double value);
}
