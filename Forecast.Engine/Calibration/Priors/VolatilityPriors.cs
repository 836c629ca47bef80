using Forecast.Engine.Model;
using static System.FormattableString;
using static Forecast.Engine.Calibration.CalibrationText;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>
/// Resolves the volatility σ of yearly changes (log-changes for growth, logit changes for shares) where the history cannot
/// identify it: the caller's stated prior first, else the driver's own yearly σ in the base scenario (a stated assumption),
/// else the panel's spread of yearly changes (<see cref="CandidateAnalysis"/>'s volatility prior: the other regions' series of
/// the indicator, else every series of the panel), else <see cref="ScenarioCalibrationOptions.DefaultPriorVolatility"/>.
/// Each prior carries its source for the notes.
/// </summary>
internal sealed class VolatilityPriors(Scenario scenario, GrowthPrior? stated, HistoryGatherer history, HistoricalPanel panel, CandidateOptions options)
{
    /// <summary>The caller's stated prior, or null.</summary>
    public GrowthPrior? Stated { get; } = stated;

    /// <summary>The last resort: σ = <see cref="ScenarioCalibrationOptions.DefaultPriorVolatility"/>.</summary>
    /// <remarks>Made at each call: its source is in the UI culture of the calibration that asks.</remarks>
    public static GrowthPrior Default => new(ScenarioCalibrationOptions.DefaultPriorVolatility, F(T.PriorDefault, ScenarioCalibrationOptions.DefaultPriorVolatility));

    /// <summary>The prior for a growth or step driver: stated, else the driver's own yearly σ, else the panel's, else the default.</summary>
    public GrowthPrior For(Driver driver, Indicator indicator)
    {
        if (Stated is not null) return Stated;
        if (driver.Yearly.Kind is YearlyVariationKind.Normal or YearlyVariationKind.Growth && driver.Yearly.Scale > 0)
            return new GrowthPrior(driver.Yearly.Scale, F(T.PriorDriverSd, driver.Id));
        return Panel(indicator);
    }

    /// <summary>The prior for a level without a σ of its own (a stock): stated, else the panel's, else the default.</summary>
    public GrowthPrior StatedOrPanel(Indicator indicator) => Stated ?? Panel(indicator);

    /// <summary>
    /// The panel's spread of yearly log-changes (logit-changes for a share) as a prior: other regions' series of the indicator
    /// with three or more points, else every positive series of the panel with three or more; else the default 0.10.
    /// </summary>
    public GrowthPrior Panel(Indicator indicator)
    {
        WorkingScale scale = indicator.Model is BoundedShareModel
            ? new WorkingScale(WorkingScaleKind.Logit, new ShareBounds((indicator.Bounds ?? Bounds.Percent).Lower, (indicator.Bounds ?? Bounds.Percent).Upper))
            : WorkingScale.Log;
        var donors = history.Donors(indicator.Id, 3, o => scale.Accepts(o.Value));
        var series = panel.Series.Where(s => s.Observations.All(o => o.Period is null)).ToList();
        VolatilityPrior prior = CandidateAnalysis.PanelVolatility(scale, donors, series, scale.Kind == WorkingScaleKind.Logit, options);
        return prior.Basis == VolatilityPriorBasis.Fallback ? Default : new GrowthPrior(prior.Sigma, F(T.PriorPanel, prior.Source));
    }

    /// <summary>
    /// The prior for a ratio's yearly log-change: stated, else the σ the base scenario's numerator and denominator shocks imply
    /// (σ² = σ_N² + σ_D² − 2ρσ_Nσ_D), else the panel's, else the default.
    /// </summary>
    public GrowthPrior ForRatio(Driver? numerator, Driver? denominator, Indicator indicator)
    {
        if (Stated is not null) return Stated;
        double sigmaN = GrowthSigma(numerator), sigmaD = GrowthSigma(denominator);
        if (sigmaN > 0 || sigmaD > 0)
        {
            double rho = numerator is not null && denominator is not null ? Correlation(numerator.Id, denominator.Id) : 0;
            double s = Math.Sqrt(Math.Max(0, sigmaN * sigmaN + sigmaD * sigmaD - 2 * rho * sigmaN * sigmaD));
            return new GrowthPrior(s, F(T.PriorRatio, Num(sigmaN), Num(sigmaD), Num(rho)));
        }
        return Panel(indicator);
    }

    /// <summary>The yearly σ of a growth driver's lognormal factor, 0 for other yearly kinds or no driver.</summary>
    public static double GrowthSigma(Driver? d) => d is { Yearly.Kind: YearlyVariationKind.Growth } ? d.Yearly.Scale : 0;

    private double Correlation(string a, string b)
    {
        foreach (Correlation corr in scenario.Correlations)
        {
            if ((corr.First == a && corr.Second == b) || (corr.First == b && corr.Second == a)) return corr.Rho;
        }
        return 0;
    }
}
