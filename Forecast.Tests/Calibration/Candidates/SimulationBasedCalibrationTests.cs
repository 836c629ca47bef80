using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Forecast.Tests.Calibration.Candidates;

/// <summary>
/// Simulation-based calibration of the candidate analysis (see <see cref="SimulationBasedCalibration"/>). In CI each truth runs 100
/// histories at each of 2, 3, 6 and 10 points (400 in all) with 600 predictive draws; coverage of the 50% and 90% intervals is pooled
/// over the horizons 2-5 and judged against the binomial standard error of 400 histories, √(p(1 − p)/400), taken 4 times: the four
/// horizons of one history are correlated, so this is the conservative (largest) standard error of the pooled rate. The long run
/// (FORECAST_SBC_HISTORIES=2000, every setting printed with its own standard error) is reported in docs/backtest.md.
/// </summary>
public class SimulationBasedCalibrationTests(ITestOutputHelper output)
{
    private static readonly int Histories = int.Parse(Environment.GetEnvironmentVariable("FORECAST_SBC_HISTORIES") ?? "100", CultureInfo.InvariantCulture);
    private static readonly int Draws = Histories >= 1000 ? 2000 : 600;
    private static readonly int[] Points = [2, 3, 6, 10];

    private static SbcResult Run(SbcTruth truth, int n, bool mixture = false) =>
        SimulationBasedCalibration.Run(truth, n, Histories, Draws, (ulong)(1000 * (int)truth + n + (mixture ? 500 : 0)), mixture);

    private string Row(SbcResult r, string label)
    {
        string Rate(int covered) => ((double)covered / r.Histories).ToString("0.000", CultureInfo.InvariantCulture);
        var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"| {label} | {r.Points} | {r.Histories} |"));
        for (int h = 1; h <= SimulationBasedCalibration.Horizon; h++) line.Append(' ').Append(Rate(r.Covered50[h - 1])).Append(" / ").Append(Rate(r.Covered90[h - 1])).Append(" |");
        line.Append(string.Create(CultureInfo.InvariantCulture, $" {r.MeanLogWidth90[4]:0.000} |"));
        output.WriteLine(line.ToString());
        return line.ToString();
    }

    private static (double C50, double C90, int N) Pooled(IEnumerable<SbcResult> results)
    {
        int n = 0, in50 = 0, in90 = 0;
        foreach (SbcResult r in results)
        {
            for (int h = 2; h <= 5; h++)
            {
                in50 += r.Covered50[h - 1];
                in90 += r.Covered90[h - 1];
            }
            n += r.Histories;
        }
        return (in50 / (4.0 * n), in90 / (4.0 * n), n);
    }

    private void AssertNominal(SbcTruth truth, bool mixture = false)
    {
        var results = Points.Select(n => Run(truth, n, mixture)).ToList();
        foreach (SbcResult r in results) Row(r, truth + (mixture ? " (mixture predictive)" : ""));
        var (c50, c90, histories) = Pooled(results);
        double tol50 = 4 * Math.Sqrt(0.25 / histories), tol90 = 4 * Math.Sqrt(0.09 / histories);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{truth}: pooled over h = 2-5 and n = 2, 3, 6, 10: 50% {c50:0.000} ± {tol50:0.000}, 90% {c90:0.000} ± {tol90:0.000}"));
        Assert.InRange(c50, 0.5 - tol50, 0.5 + tol50);
        Assert.InRange(c90, 0.9 - tol90, 0.9 + tol90);
    }

    [Theory]
    [InlineData(SbcTruth.Linear)]
    [InlineData(SbcTruth.Compound)]
    [InlineData(SbcTruth.Damped)]
    [InlineData(SbcTruth.Logistic)]
    [InlineData(SbcTruth.StockConstant)]
    [InlineData(SbcTruth.StockGrowing)]
    public void EachStructure_ItsOwnPredictive_CoversItsTruth_AtTheNominalRate(SbcTruth truth) => AssertNominal(truth);

    [Theory]
    [InlineData(SbcTruth.LevelMixture)]
    [InlineData(SbcTruth.StockMixture)]
    public void TheMixturePredictive_CoversATruthDrawnFromTheMixture_AtTheNominalRate(SbcTruth truth) => AssertNominal(truth);

    [Fact]
    public void ThinHistory_GivesWiderIntervals_OnAverage()
    {
        // Mean ln(upper/lower) of the 90% interval five years ahead, compound truth, the same seed for every number of points (the
        // r-th history has the same drift, volatility and first shocks at 2, 3, 6 and 10 points): each step down in points must widen
        // the interval by more than 3 standard errors of the paired differences, sd(wᵢ − w'ᵢ)/√R. R is at least 400 here: the
        // estimated volatility makes the widths vary a lot from history to history (sd of a difference about 0.7 at 6 vs 10 points).
        var widths = Points.Select(n => SimulationBasedCalibration.Run(SbcTruth.Compound, n, Math.Max(Histories, 400), Draws, 424242)).ToList();
        for (int i = 1; i < widths.Count; i++)
        {
            SbcResult fewer = widths[i - 1], more = widths[i];
            double[] d = fewer.LastWidths.Zip(more.LastWidths, (a, b) => a - b).Where(double.IsFinite).ToArray();
            double mean = d.Average(), se = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (d.Length - 1) / d.Length);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{fewer.Points} points: {fewer.MeanLogWidth90[4]:0.000}; {more.Points} points: {more.MeanLogWidth90[4]:0.000}; paired difference {mean:0.000} (se {se:0.000})"));
            Assert.True(mean > 3 * se, string.Create(CultureInfo.InvariantCulture, $"{fewer.Points} points are not wider than {more.Points} by 3 se: {mean:0.000} vs se {se:0.000}"));
        }
    }

    [Fact]
    public void ARegimeChange_OutsideTheCandidates_IsNotCovered_AndTheTestSaysSo()
    {
        // The truth's drift halves and its level drops 15% in the first forecast year: no candidate has a break, so the 90% interval
        // covers far less than 90% (reported in docs/backtest.md). This pins that the analysis does not claim robustness it lacks.
        var results = Points.Select(n => Run(SbcTruth.RegimeChange, n)).ToList();
        foreach (SbcResult r in results) Row(r, "regime change");
        var (_, c90, histories) = Pooled(results);
        Assert.True(c90 < 0.9 - 4 * Math.Sqrt(0.09 / histories), string.Create(CultureInfo.InvariantCulture, $"coverage {c90:0.000} under a regime change"));
    }
}
