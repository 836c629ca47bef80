namespace Forecast.Engine.Simulation;

/// <summary>How the uniforms and normal shocks of a block of paths are drawn.</summary>
public enum SamplingMethod
{
    /// <summary>Independent draws (plain Monte Carlo).</summary>
    Random,

    /// <summary>
    /// Antithetic variates: the second half of each block mirrors the first (level uniforms u → 1 − u,
    /// yearly shocks z → −z, binomial uniforms u → 1 − u), which cancels the odd part of every
    /// monotone response. Paths are then pairwise dependent, and every interval comes from the spread
    /// of the pairs' means (<see cref="IntervalUnit.AntitheticPair"/>): narrower than Wilson's for a
    /// monotone response, wider for one that is not (a band |z| ≤ c, where the pair members agree).
    /// </summary>
    Antithetic,

    /// <summary>
    /// Latin hypercube: within each block, each driver's level uniforms and each year's shocks are
    /// stratified into as many equal-probability strata as there are paths, one draw per stratum in
    /// random order (z = Φ⁻¹ of the stratified uniform). Each block is an independent hypercube, and
    /// every interval comes from the spread of the blocks' means (<see cref="IntervalUnit.Block"/>).
    /// </summary>
    LatinHypercube,

    /// <summary>
    /// Scrambled Sobol points (randomised quasi-Monte Carlo) in a Latin supercube (<see cref="SobolSampling"/>):
    /// each driver's level and yearly shocks, and each indicator's binomial uniforms, are the low dimensions of
    /// their own scrambled Sobol sequence (z = Φ⁻¹ of the coordinate, in a random order per block and group).
    /// A run is 16 independently scrambled replicates (block b in replicate b mod 16), and every interval comes
    /// from the spread of the replicates' means (<see cref="IntervalUnit.SobolReplicate"/>, Student's t with 15
    /// degrees of freedom once the run has 16 blocks).
    /// </summary>
    Sobol,
}
