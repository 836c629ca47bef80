namespace Forecast.Engine.Calibration;

/// <summary>
/// Tests of Poisson against NB2 overdispersion (Var = μ + α·μ²).
/// Cameron-Trivedi (1990): OLS without intercept of ((y − μ̂)² − y)/μ̂ on μ̂, one-sided t-test of α = 0.
/// Likelihood ratio: LR = 2(ln L_NB − ln L_Poisson), p = ½·P(χ²₁ ≥ LR) because α = 0 is on the boundary.
/// </summary>
/// <param name="CameronTrivediAlpha">α estimated by the auxiliary regression.</param>
/// <param name="CameronTrivediStatistic">Its t statistic.</param>
/// <param name="CameronTrivediPValue">One-sided p-value, Student t with n − 1 df.</param>
/// <param name="LikelihoodRatio">LR statistic (≥ 0).</param>
/// <param name="LikelihoodRatioPValue">p-value of the LR test with the boundary correction.</param>
/// <param name="Overdispersed">True when the LR test rejects Poisson at the 5% level.</param>
/// <param name="Conclusion">The result in words.</param>
public sealed record OverdispersionTest(
    double CameronTrivediAlpha,
    double CameronTrivediStatistic,
    double CameronTrivediPValue,
    double LikelihoodRatio,
    double LikelihoodRatioPValue,
    bool Overdispersed,
    string Conclusion);
