namespace Forecast.Engine.Simulation;

/// <summary>How the uniforms and normal shocks of a block of paths are drawn.</summary>
public enum SamplingMethod
{
    /// <summary>Independent draws (plain Monte Carlo).</summary>
    Random,

    /// <summary>
    /// Antithetic variates: the second half of each block mirrors the first (level uniforms u → 1 − u,
    /// yearly shocks z → −z, binomial uniforms u → 1 − u), which cancels the odd part of every
    /// monotone response. Paths are then pairwise dependent; the Wilson interval (which assumes
    /// independent paths) is conservative for monotone responses.
    /// </summary>
    Antithetic,

    /// <summary>
    /// Latin hypercube: within each block, each driver's level uniforms and each year's shocks are
    /// stratified into as many equal-probability strata as there are paths, one draw per stratum in
    /// random order (z = Φ⁻¹ of the stratified uniform).
    /// </summary>
    LatinHypercube,

    /// <summary>
    /// Scrambled Sobol points (randomised quasi-Monte Carlo) in a Latin supercube (<see cref="SobolSampling"/>):
    /// each driver's level and yearly shocks, and each indicator's binomial uniforms, are the low dimensions of
    /// their own scrambled Sobol sequence (z = Φ⁻¹ of the coordinate; path n takes point n, in a random order
    /// per block and group). Different seeds give independent replicates. Paths are not independent: the
    /// Wilson interval assumes they are, and replicates with different seeds measure the real error.
    /// </summary>
    Sobol,
}
