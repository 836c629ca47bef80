using Forecast.Engine.Model;
using static System.FormattableString;

using static Forecast.Engine.Calibration.CalibrationWords;
using T = Forecast.Engine.Resources.CalibrationText;
namespace Forecast.Engine.Calibration;

/// <summary>The shape of a scenario indicator's candidates, from its model kind.</summary>
public static class IndicatorShapes
{
    /// <summary>
    /// compound and ratio: a positive level; share: its bounds; an open stock: its exit-rate driver's level and its entries' negative
    /// binomial dispersion; null for kinds without level history (cumulative, flow, a stock with a capacity).
    /// </summary>
    public static IndicatorShape? Of(Scenario scenario, Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(indicator);
        return indicator.Model switch
        {
            CompoundGrowthModel or RatioModel => IndicatorShape.PositiveLevel,
            BoundedShareModel => new ShareShape(new ShareBounds((indicator.Bounds ?? Bounds.Percent).Lower, (indicator.Bounds ?? Bounds.Percent).Upper)),
            StockFlowModel { Capacity: null } m => new StockShape(
                m.ExitRate is { } exit ? scenario.Driver(exit).Level : new FixedDistribution(0),
                scenario.Driver(m.Entries).Yearly is { Kind: YearlyVariationKind.NegativeBinomial } y ? y.Scale : null),
            _ => null,
        };
    }
}

/// <summary>The candidate analysis of a scenario's indicator: its shape from the model kind, its own series, the donors and the panel.</summary>
internal static class CandidateWiring
{
    /// <summary>Predictive draws of each indicator's mixture in calibration.json.</summary>
    public const int PredictiveDraws = 4000;

    /// <summary>The candidates, their mixture predictive up to the target year, or why there are none.</summary>
    public static (CandidateSet? Set, MixturePredictive? Predictive, string Note, InvestmentRegression? Regression) For(CalibrationContext c, Indicator indicator)
    {
        if (IndicatorShapes.Of(c.Scenario, indicator) is not { } shape)
        {
            return (null, null, F(T.WireNoCandidatesKind, indicator.Model.KindName), null);
        }
        if (!c.History.Covers(indicator))
        {
            return (null, null, "no history", null);
        }
        var (own, _) = c.History.OwnSeries(indicator);
        var donors = c.History.Donors(indicator.Id, 2, _ => true);
        var panel = c.Panel.Series.Where(s => s.Observations.All(o => o.Period is null)).ToList();
        // Does the indicator grow faster where R&D intensity is higher? Used as the drift prior only when it predicts held-out regions better than their mean.
        var scale = shape is ShareShape share ? new WorkingScale(WorkingScaleKind.Logit, share.Bounds) : WorkingScale.Log;
        int origin = own.Count > 0 ? own.Observations[^1].Year : indicator.BaseYear;
        var regression = InvestmentRegression.Fit(c.Panel, indicator.Id, c.Options.Region, origin, scale, (int)(c.Scenario.Defaults.Seed % int.MaxValue));
        var options = regression?.OwnPrior is { } prior && c.Options.Candidates.StatedPanelDrift is null
            ? c.Options.Candidates with { StatedPanelDrift = prior }
            : c.Options.Candidates;
        CandidateSet? set = CandidateAnalysis.Fit(own, donors, panel, shape, options);
        if (set is null)
        {
            return (null, null, own.Count <= 1
                ? F(T.WireNoStructure, own.Count, indicator.Id)
                : T.WireOutsideScale, regression);
        }
        int horizon = Math.Max(1, indicator.Target.Year - set.OriginYear);
        return (set, set.Predict(horizon, PredictiveDraws, c.Scenario.Defaults.Seed), "", regression);
    }
}
