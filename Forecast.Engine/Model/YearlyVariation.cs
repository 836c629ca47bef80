using Forecast.Engine.Resources;
namespace Forecast.Engine.Model;

/// <summary>
/// How a driver's value varies from year to year around its level L (drawn once per path).
/// z is the driver's standard normal shock of the year, correlated across drivers through the
/// scenario's Gaussian copula; u = Φ(z).
/// <list type="bullet">
/// <item><see cref="YearlyVariationKind.None"/>: v = L.</item>
/// <item><see cref="YearlyVariationKind.Normal"/>: v = L + σ·z (an additive shock, e.g. a logit step).</item>
/// <item><see cref="YearlyVariationKind.Growth"/>: v = (1 + L)·exp(σ·z − σ²/2) − 1, a growth rate whose
/// growth factor is lognormal with mean 1 + L; compounding it gives x_T = x_0·(1+L)^T·exp(σ√T·Z − Tσ²/2).</item>
/// <item><see cref="YearlyVariationKind.Poisson"/>: v = F⁻¹(u) of Poisson(L), a yearly count.</item>
/// <item><see cref="YearlyVariationKind.NegativeBinomial"/>: v = F⁻¹(u) of a negative binomial with mean L and
/// dispersion r (variance L + L²/r), an overdispersed yearly count.</item>
/// </list>
/// </summary>
/// <param name="Kind">The form of the yearly variation.</param>
/// <param name="Scale">σ for Normal and Growth; r (dispersion) for NegativeBinomial; unused otherwise.</param>
public sealed record YearlyVariation(YearlyVariationKind Kind, double Scale = 0)
{
    /// <summary>No yearly variation: the level every year.</summary>
    public static YearlyVariation None { get; } = new(YearlyVariationKind.None);

    /// <summary>Additive normal shocks with standard deviation <paramref name="sd"/>.</summary>
    public static YearlyVariation Normal(double sd) => new(YearlyVariationKind.Normal, sd);

    /// <summary>Lognormal growth-factor shocks with log-standard deviation <paramref name="sigma"/>.</summary>
    public static YearlyVariation Growth(double sigma) => new(YearlyVariationKind.Growth, sigma);

    /// <summary>Poisson counts with the level as mean.</summary>
    public static YearlyVariation Poisson { get; } = new(YearlyVariationKind.Poisson);

    /// <summary>Negative binomial counts with the level as mean and dispersion <paramref name="dispersion"/>.</summary>
    public static YearlyVariation NegativeBinomial(double dispersion) => new(YearlyVariationKind.NegativeBinomial, dispersion);

    /// <summary>Whether the yearly values are whole numbers.</summary>
    public bool IsCount => Kind is YearlyVariationKind.Poisson or YearlyVariationKind.NegativeBinomial;

    /// <summary>Whether the yearly value always equals the level (no randomness in the year).</summary>
    public bool IsDeterministic => Kind == YearlyVariationKind.None
        || (Kind is YearlyVariationKind.Normal or YearlyVariationKind.Growth && Scale == 0);

    /// <summary>Returns a message naming the offending parameter, or null when valid.</summary>
    public string? Problem() => Kind switch
    {
        _ when !double.IsFinite(Scale) => Messages.YearlyScaleNotFinite,
        YearlyVariationKind.Normal or YearlyVariationKind.Growth when Scale < 0 => MessageText.Format(Messages.MustBeAtLeastZero, "sd", MessageNumber.Format(Scale)),
        YearlyVariationKind.NegativeBinomial when Scale <= 0 => MessageText.Format(Messages.MustBeAboveZero, "dispersion", MessageNumber.Format(Scale)),
        _ => null,
    };
}

/// <summary>The forms of yearly variation; see <see cref="YearlyVariation"/>.</summary>
public enum YearlyVariationKind
{
    /// <summary>v = L.</summary>
    None,
    /// <summary>v = L + σz.</summary>
    Normal,
    /// <summary>v = (1 + L)exp(σz − σ²/2) − 1.</summary>
    Growth,
    /// <summary>v ~ Poisson(L).</summary>
    Poisson,
    /// <summary>v ~ NB(mean L, dispersion r).</summary>
    NegativeBinomial,
}
