using System.Collections.Immutable;
using Forecast.Engine.Randomness;

namespace Forecast.Engine.Calibration;

/// <summary>A candidate with its weight in the set.</summary>
/// <param name="Fit">The fitted candidate.</param>
/// <param name="PriorWeight">Its stated prior weight (normalised over the set).</param>
/// <param name="LogScore">Its one-step-ahead log score (sum over the scored observations), or NaN where not scored.</param>
/// <param name="Weight">Its weight in the mixture (0..1, summing to 1 over the set).</param>
public sealed record WeightedCandidate(CandidateFit Fit, double PriorWeight, double LogScore, double Weight);

/// <summary>
/// Every candidate structure fitted to one indicator's history, weighted, with the pooled panel estimates and the volatility prior
/// they rest on: the calibration layer's model uncertainty. Maps one-to-one onto a scenario indicator
/// <c>model: {mixture: [{name, weight, model}...]}</c>: each <see cref="WeightedCandidate"/> is one entry, its
/// <see cref="CandidateFit.Structure"/> the model kind and its <see cref="CandidateFit.Parameters"/> the drivers' levels.
/// </summary>
public sealed class CandidateSet
{
    internal CandidateSet(string indicator, HistoricalSeries own, ImmutableArray<WeightedCandidate> candidates, WeightBasis basis, string why,
        VolatilityPrior volatility, PanelPooling? pooling, ImmutableArray<string> warnings)
    {
        Indicator = indicator;
        Own = own;
        Candidates = candidates;
        Basis = basis;
        Why = why;
        Volatility = volatility;
        Pooling = pooling;
        Warnings = warnings;
    }

    /// <summary>The indicator's id.</summary>
    public string Indicator { get; }

    /// <summary>The own series the candidates were fitted to.</summary>
    public HistoricalSeries Own { get; }

    /// <summary>The candidates, in a fixed order of <see cref="CandidateStructure"/>.</summary>
    public ImmutableArray<WeightedCandidate> Candidates { get; }

    /// <summary>How the weights were set.</summary>
    public WeightBasis Basis { get; }

    /// <summary>Why, in one line (always said; for prior weights, why the data cannot choose), in the UI culture: the console, calibration.json and the scenario file.</summary>
    public string Why { get; }

    /// <summary>The volatility prior the candidates rest on, with its source.</summary>
    public VolatilityPrior Volatility { get; }

    /// <summary>The pooled panel estimates of the indicator's yearly drift, or null without a panel.</summary>
    public PanelPooling? Pooling { get; }

    /// <summary>What is assumed or fragile.</summary>
    public ImmutableArray<string> Warnings { get; }

    /// <summary>The last year of the history.</summary>
    public int OriginYear => Own.Observations[^1].Year;

    /// <summary>The mixture predictive of the years <see cref="OriginYear"/> + 1 .. + <paramref name="horizon"/>: each draw picks a candidate by weight, then its parameters and noise.</summary>
    public MixturePredictive Predict(int horizon, int draws, ulong seed) => Draw(horizon, draws, seed, null);

    /// <summary>One candidate's predictive alone (the same draws as its share of the mixture would use, for its own checks).</summary>
    public MixturePredictive PredictCandidate(CandidateStructure structure, int horizon, int draws, ulong seed) => Draw(horizon, draws, seed, structure);

    private MixturePredictive Draw(int horizon, int draws, ulong seed, CandidateStructure? only)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 2);
        int index = only is { } s ? Candidates.Select(c => c.Fit.Structure).ToList().IndexOf(s) : -1;
        if (only is not null && index < 0) throw new ArgumentException("The set has no candidate " + only + ".", nameof(only));
        var rng = Xoshiro256StarStar.FromSeed(seed);
        var values = new double[horizon][];
        for (int h = 0; h < horizon; h++) values[h] = new double[draws];
        var counts = new int[Candidates.Length];
        Span<double> path = stackalloc double[horizon];
        for (int d = 0; d < draws; d++)
        {
            int c = index;
            if (c < 0)
            {
                double u = rng.NextDouble(), cumulative = 0;
                c = Candidates.Length - 1;
                for (int i = 0; i < Candidates.Length; i++)
                {
                    cumulative += Candidates[i].Weight;
                    if (u < cumulative)
                    {
                        c = i;
                        break;
                    }
                }
            }
            counts[c]++;
            Candidates[c].Fit.DrawPath(ref rng, path);
            for (int h = 0; h < horizon; h++) values[h][d] = path[h];
        }
        return new MixturePredictive(OriginYear, values, [.. counts]);
    }
}

/// <summary>
/// The indicator's yearly drift (log growth, or logit step) in the other regions of the panel, pooled by a random-effects model,
/// and the predictive it gives the own region.
/// </summary>
/// <param name="Studies">Each donor region's drift and its sampling variance.</param>
/// <param name="DerSimonianLaird">The DerSimonian-Laird fit (two or more donors), or null.</param>
/// <param name="Reml">The REML fit (two or more donors), or null.</param>
/// <param name="OwnPrior">The predictive of the own region's drift: μ̂ + τz plus μ̂'s error (REML, τ at least the stated between-region sd with fewer than five donors), or with one donor its drift plus the stated between-region sd.</param>
/// <param name="OwnShrunken">The own region's drift shrunk towards the pool (own history of two or more points), or null.</param>
/// <param name="BetweenRegionSd">The between-region sd used for the own region.</param>
/// <param name="BetweenRegionSource">Where it comes from: REML, or the stated prior and its source.</param>
public sealed record PanelPooling(ImmutableArray<RandomEffectsStudy> Studies, RandomEffectsFit? DerSimonianLaird, RandomEffectsFit? Reml,
    DriftPrior OwnPrior, ShrunkenEstimate? OwnShrunken, double BetweenRegionSd, string BetweenRegionSource);
