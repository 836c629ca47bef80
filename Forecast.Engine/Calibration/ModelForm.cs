namespace Forecast.Engine.Calibration;

/// <summary>The model forms the calibration compares by information criteria; <see cref="ModelForms.Describe"/> gives each its display name.</summary>
public enum ModelForm
{
    /// <summary>A form named by the caller only (<see cref="ModelCandidate.Name"/>).</summary>
    Unspecified,

    /// <summary>ln x walks with a constant drift.</summary>
    RandomWalkWithDrift,

    /// <summary>ln x = a + g·t + iid noise.</summary>
    LogLinearTrend,

    /// <summary>The logit of a share walks with a constant step.</summary>
    LogitRandomWalk,

    /// <summary>logit x = a + b·t + iid noise.</summary>
    LogitLinearTrend,

    /// <summary>Counts: Poisson with a constant rate.</summary>
    PoissonConstantRate,

    /// <summary>Counts: NB2 with a constant rate.</summary>
    NegativeBinomialConstantRate,

    /// <summary>Counts: Poisson whose log rate has a linear trend.</summary>
    PoissonTrendRate,

    /// <summary>Counts: NB2 whose log rate has a linear trend.</summary>
    NegativeBinomialTrendRate,
}

/// <summary>Display names and properties of <see cref="ModelForm"/>.</summary>
public static class ModelForms
{
    /// <summary>The form's display name, e.g. "random walk with drift".</summary>
    public static string Describe(this ModelForm form) => form switch
    {
        ModelForm.RandomWalkWithDrift => "random walk with drift",
        ModelForm.LogLinearTrend => "log-linear trend",
        ModelForm.LogitRandomWalk => "logit random walk",
        ModelForm.LogitLinearTrend => "logit-linear trend",
        ModelForm.PoissonConstantRate => "Poisson, constant rate",
        ModelForm.NegativeBinomialConstantRate => "negative binomial, constant rate",
        ModelForm.PoissonTrendRate => "Poisson, log-linear trend",
        ModelForm.NegativeBinomialTrendRate => "negative binomial, log-linear trend",
        _ => "unspecified",
    };

    /// <summary>True for the count forms whose rate trends.</summary>
    public static bool HasTrendingRate(this ModelForm form) => form is ModelForm.PoissonTrendRate or ModelForm.NegativeBinomialTrendRate;
}
