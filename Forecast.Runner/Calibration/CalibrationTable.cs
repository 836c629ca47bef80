using System.Globalization;
using Forecast.Engine.Calibration;
using Forecast.Runner.Output;
using Spectre.Console;
using A = Forecast.Runner.Resources.AnalysisStrings;
using S = Forecast.Runner.Resources.Strings;

namespace Forecast.Runner.Calibration;

/// <summary>The fit table printed by <c>calibrate</c>: one row per indicator the history covers, then the warnings.</summary>
internal static class CalibrationTable
{
    public static Table Build(ScenarioCalibration calibration)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(W(A.CalTitle, calibration.Base.Name)));
        foreach (string column in new[] { S.ColIndicator, A.CalColModel, A.CalColData, A.CalColEstimates, A.CalColFit, A.CalColBacktest, A.CalColDriver })
            table.AddColumn(Markup.Escape(column));
        foreach (IndicatorCalibration c in calibration.Indicators.Where(c => c.Outcome != CalibrationOutcome.NoHistory))
        {
            table.AddRow(
                Cell(c.Indicator + (Language.IsChinese ? "（" + AnalysisWords.Kind(c.ModelKind) + "）" : " (" + c.ModelKind + ")") + "\n" + AnalysisWords.CalibrationOutcome(c.Outcome)),
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
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(A.CalCandidatesTitle));
        foreach (string column in new[] { S.ColIndicator, A.CalColCandidates, A.CalColWeights, A.CalColPanel, A.CalColVolatility, A.CalColMixture })
            table.AddColumn(Markup.Escape(column));
        foreach (IndicatorCalibration c in rows)
        {
            CandidateSet set = c.Candidates!;
            string candidates = string.Join("\n", set.Candidates.Select(k => AnalysisWords.Structure(k.Fit.Structure) + A.Colon + Numbers.Percent(k.Weight, 0)));
            string basis = (set.Basis == WeightBasis.OneStepLogScore ? A.CalBasisLogScore : A.CalBasisPrior) + "\n" + set.Why;
            string pooled = set.Pooling is not { } p
                ? A.CalNoOtherRegion
                : (p.Reml is { } r
                    ? $"REML mu {Numbers.Human(r.Mu)}, tau {Numbers.Human(r.Tau)}; DL tau {Numbers.Human(p.DerSimonianLaird!.Tau)}"
                    : W(A.CalOneDonor, Numbers.Human(p.OwnPrior.Mean)))
                  + "\n" + W(A.CalOwnPrior, Numbers.Human(p.OwnPrior.Mean), Numbers.Human(p.OwnPrior.Sd))
                  + (p.OwnShrunken is { } o ? "\n" + W(A.CalOwnShrunk, Numbers.Human(o.Estimate), Numbers.Human(o.Lower95), Numbers.Human(o.Upper95)) : "");
            if (c.InvestmentRegression is { } regression)
                pooled += "\n" + W(A.CalRegression, Numbers.Human(regression.CrossValidatedRmse), Numbers.Human(regression.BaselineRmse), regression.Used ? A.CalUsed : A.CalNotUsed);
            string volatility = W(A.CalVolatility, Numbers.Human(set.Volatility.Sigma), Numbers.Human(set.Volatility.DegreesOfFreedom), AnalysisWords.VolatilityBasis(set.Volatility.Basis));
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
            console.WriteLine(W(A.CalNoHistoryFor, none.Count, string.Join(", ", none)));
        if (!calibration.UnusedSeries.IsEmpty)
            console.WriteLine(W(A.CalUnusedSeries, string.Join(", ", calibration.UnusedSeries)));
        console.WriteLine(A.CalWarnings);
        foreach (IndicatorCalibration c in calibration.Indicators.Where(c => !c.Warnings.IsEmpty))
        {
            console.WriteLine("  " + c.Indicator + ":");
            foreach (string w in c.Warnings) console.WriteLine("    - " + w);
        }
    }

    private static Markup Cell(string text) => new(Markup.Escape(text));

    private static string Estimate(ParameterEstimate p)
    {
        string name = CalibrationWords.Parameter(p.Name);
        return p.HasInterval
            ? $"{name} {Numbers.Human(p.Estimate)} [{Numbers.Human(p.Lower95)}, {Numbers.Human(p.Upper95)}]"
            : double.IsNaN(p.Estimate) ? name + " -" : $"{name} {Numbers.Human(p.Estimate)} {A.CalNoInterval}";
    }

    private static string Fit(IndicatorCalibration c)
    {
        if (c.Statistics is not { } s) return "-";
        string text = "n = " + s.ObservationCount.ToString(CultureInfo.InvariantCulture);
        if (double.IsFinite(s.LogLikelihood))
            text += $"\nAIC {Numbers.Human(s.Aic)}, BIC {Numbers.Human(s.Bic)}";
        if (c.Ranking?.BestByAic is { } best) text += "\n" + W(A.CalBestByAic, CalibrationWords.Model(best));
        return text;
    }

    private static string Backtest(IndicatorCalibration c)
    {
        if (c.Backtest is not { } b) return c.BacktestNote;
        return W(A.CalBacktestCell, b.Forecasts.Length, b.Forecasts.Max(f => f.Horizon)) + $"\nMAPE {Numbers.Human(b.Mape)}%, RMSE {Numbers.Human(b.Rmse)}\n"
            + W(A.CalCoverage, Numbers.Percent(b.Coverage50, 0), Numbers.Percent(b.Coverage90, 0));
    }

    private static string Drivers(IndicatorCalibration c) => string.Join("\n", c.Drivers.Select(d => d.Changed
        ? $"{d.Driver}: {AnalysisWords.Distribution(d.Before)} → {AnalysisWords.Distribution(d.After)}"
            + (d.YearlyAfter != d.YearlyBefore ? W(A.CalYearly, Language.IsChinese ? AnalysisWords.Yearly(d.YearlyAfter) : CalibrationJsonWriter.Describe(d.YearlyAfter)) : "")
        : $"{d.Driver}: {A.Unchanged}"));

    private static string W(string format, params object?[] args) => Words.F(format, args);
}
