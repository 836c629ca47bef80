using System.Globalization;
using Forecast.Engine.Calibration;
using Forecast.Runner.Output;
using Spectre.Console;

namespace Forecast.Runner.Calibration;

/// <summary>The fit table printed by <c>calibrate</c>: one row per indicator the history covers, then the warnings.</summary>
internal static class CalibrationTable
{
    public static Table Build(ScenarioCalibration calibration)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Calibration of " + Markup.Escape(calibration.Base.Name) + " from history");
        table.AddColumn("Indicator");
        table.AddColumn("Model");
        table.AddColumn("Data");
        table.AddColumn("Estimates [[95% interval]]");
        table.AddColumn("Fit");
        table.AddColumn("Backtest");
        table.AddColumn("Driver level");
        foreach (IndicatorCalibration c in calibration.Indicators.Where(c => c.Outcome != CalibrationOutcome.NoHistory))
        {
            table.AddRow(
                Cell(c.Indicator + " (" + c.ModelKind + ")\n" + CalibrationJsonWriter.Outcome(c.Outcome)),
                Cell(c.Method),
                Cell(c.DataSource),
                Cell(string.Join("\n", c.Parameters.Select(Estimate))),
                Cell(Fit(c)),
                Cell(Backtest(c)),
                Cell(Drivers(c)));
        }
        return table;
    }

    /// <summary>
    /// The candidate structures of each level indicator: their weights and where the weights come from (with why, when they are the
    /// prior's), the pooled panel drift, the volatility prior's source, and the mixture's predictive in the target year.
    /// </summary>
    public static Table? Candidates(ScenarioCalibration calibration)
    {
        var rows = calibration.Indicators.Where(c => c.Candidates is not null).ToList();
        if (rows.Count == 0) return null;
        var table = new Table().Border(TableBorder.Rounded).Title("Candidate structures (model uncertainty): what the history cannot tell apart");
        table.AddColumn("Indicator");
        table.AddColumn("Candidates: weight");
        table.AddColumn("Weights from");
        table.AddColumn("Panel (pooled drift)");
        table.AddColumn("Volatility prior");
        table.AddColumn("Mixture in target year [[5%, 95%]]");
        foreach (IndicatorCalibration c in rows)
        {
            CandidateSet set = c.Candidates!;
            string candidates = string.Join("\n", set.Candidates.Select(k => $"{k.Fit.Structure.Key()}: {Numbers.Percent(k.Weight, 0)}"));
            string basis = (set.Basis == WeightBasis.OneStepLogScore ? "one-step log score" : "prior weights") + "\n" + set.Why;
            string pooled = set.Pooling is not { } p
                ? "no other region"
                : (p.Reml is { } r
                    ? $"REML mu {Numbers.Human(r.Mu)}, tau {Numbers.Human(r.Tau)}; DL tau {Numbers.Human(p.DerSimonianLaird!.Tau)}"
                    : $"one donor: {Numbers.Human(p.OwnPrior.Mean)}")
                  + $"\nown prior {Numbers.Human(p.OwnPrior.Mean)} ± {Numbers.Human(p.OwnPrior.Sd)}"
                  + (p.OwnShrunken is { } o ? $"\nown shrunk {Numbers.Human(o.Estimate)} [{Numbers.Human(o.Lower95)}, {Numbers.Human(o.Upper95)}]" : "");
            if (c.InvestmentRegression is { } regression)
                pooled += $"\ngrowth on R&D intensity (ML.NET, by region): RMSE {Numbers.Human(regression.CrossValidatedRmse)} vs {Numbers.Human(regression.BaselineRmse)} without, {(regression.Used ? "used" : "not used")}";
            string volatility = $"sigma {Numbers.Human(set.Volatility.Sigma)} on {Numbers.Human(set.Volatility.DegreesOfFreedom)} df ({CandidateJson.Basis(set.Volatility.Basis)})";
            string predictive = "-";
            if (c.CandidatePredictive is { } m)
            {
                int h = m.Horizon;
                predictive = $"{m.OriginYear + h}: {Numbers.Human(m.Quantile(h, 0.5))} [{Numbers.Human(m.Quantile(h, 0.05))}, {Numbers.Human(m.Quantile(h, 0.95))}]";
            }
            table.AddRow(Cell(c.Indicator), Cell(candidates), Cell(basis), Cell(pooled), Cell(volatility), Cell(predictive));
        }
        return table;
    }

    public static void Notes(IAnsiConsole console, ScenarioCalibration calibration)
    {
        var none = calibration.Indicators.Where(c => c.Outcome == CalibrationOutcome.NoHistory).Select(c => c.Indicator).ToList();
        if (none.Count > 0)
            console.WriteLine($"No history for {none.Count} indicator(s), drivers unchanged: {string.Join(", ", none)}");
        if (!calibration.UnusedSeries.IsEmpty)
            console.WriteLine($"History series that match no indicator or driver of the scenario: {string.Join(", ", calibration.UnusedSeries)}");
        console.WriteLine("Warnings:");
        foreach (IndicatorCalibration c in calibration.Indicators.Where(c => !c.Warnings.IsEmpty))
        {
            console.WriteLine("  " + c.Indicator + ":");
            foreach (string w in c.Warnings) console.WriteLine("    - " + w);
        }
    }

    private static Markup Cell(string text) => new(Markup.Escape(text));

    private static string Estimate(ParameterEstimate p) => p.HasInterval
        ? $"{p.Name} {Numbers.Human(p.Estimate)} [{Numbers.Human(p.Lower95)}, {Numbers.Human(p.Upper95)}]"
        : double.IsNaN(p.Estimate) ? p.Name + " -" : $"{p.Name} {Numbers.Human(p.Estimate)} (no interval)";

    private static string Fit(IndicatorCalibration c)
    {
        if (c.Statistics is not { } s) return "-";
        string text = "n = " + s.ObservationCount.ToString(CultureInfo.InvariantCulture);
        if (double.IsFinite(s.LogLikelihood))
            text += $"\nAIC {Numbers.Human(s.Aic)}, BIC {Numbers.Human(s.Bic)}";
        if (c.Ranking?.BestByAic is { } best) text += "\nbest by AIC: " + best;
        return text;
    }

    private static string Backtest(IndicatorCalibration c)
    {
        if (c.Backtest is not { } b) return c.BacktestNote;
        return $"{b.Forecasts.Length} forecasts (h ≤ {b.Forecasts.Max(f => f.Horizon)})\nMAPE {Numbers.Human(b.Mape)}%, RMSE {Numbers.Human(b.Rmse)}\ncoverage 50%: {Numbers.Percent(b.Coverage50, 0)}, 90%: {Numbers.Percent(b.Coverage90, 0)}";
    }

    private static string Drivers(IndicatorCalibration c) => string.Join("\n", c.Drivers.Select(d => d.Changed
        ? $"{d.Driver}: {d.Before.Describe()} → {d.After.Describe()}" + (d.YearlyAfter != d.YearlyBefore ? $"; yearly {CalibrationJsonWriter.Describe(d.YearlyAfter)}" : "")
        : $"{d.Driver}: unchanged"));
}
