namespace Forecast.Engine.Calibration;

/// <summary>A model's place in a <see cref="ModelRanking"/>.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Statistics">Its fit statistics.</param>
/// <param name="DeltaAic">AIC − min AIC (≥ 0; below 2 is no real difference, above 10 is decisive).</param>
/// <param name="AkaikeWeight">exp(−ΔAIC/2) normalised over the candidates: 0..1, summing to 1.</param>
/// <param name="DeltaBic">BIC − min BIC (≥ 0).</param>
/// <param name="Form">The model's form, or <see cref="ModelForm.Unspecified"/>.</param>
public sealed record RankedModel(string Name, FitStatistics Statistics, double DeltaAic, double AkaikeWeight, double DeltaBic, ModelForm Form = ModelForm.Unspecified);
