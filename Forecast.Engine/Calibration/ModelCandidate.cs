namespace Forecast.Engine.Calibration;

/// <summary>A fitted model offered to <see cref="ModelChoice.Rank"/>.</summary>
/// <param name="Name">The model's name, e.g. "compound growth".</param>
/// <param name="Statistics">Its fit statistics (log-likelihood on the original scale).</param>
/// <param name="Form">Which form it is, when it is one the calibration knows; choices are made on this, never on the name.</param>
public sealed record ModelCandidate(string Name, FitStatistics Statistics, ModelForm Form = ModelForm.Unspecified)
{
    /// <summary>A candidate of a known form, named by it.</summary>
    public ModelCandidate(ModelForm form, FitStatistics statistics) : this(form.Describe(), statistics, form)
    {
    }
}
