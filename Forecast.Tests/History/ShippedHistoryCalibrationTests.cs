using System.Globalization;
using Forecast.Engine.Calibration;
using Forecast.Scenarios.History;
using Xunit;
using Xunit.Abstractions;

namespace Forecast.Tests.History;

/// <summary>
/// The estimators on the shipped history: pins what the plan's own figures identify, so that a change to
/// the data or the estimators that moves these numbers is seen. Expected values are arithmetic on the
/// figures the rows cite (plan L105-L113, the headline table L182-L189, the public sources).
/// </summary>
public class ShippedHistoryCalibrationTests(ITestOutputHelper output)
{
    private static readonly GrowthPrior IllustrativePrior = new(0.10, "illustrative assumption (no shipped series has three points)");

    private static HistoricalPanel Load(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "scenarios", "history", name);
            if (File.Exists(candidate))
            {
                return HistoryCsvReader.Read(candidate).PanelOrThrow();
            }
        }
        throw new FileNotFoundException(name);
    }

    private void Report(string what, ParameterEstimate p) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {p.Name} {p.Estimate:0.000000} [{p.Lower95:0.000000}, {p.Upper95:0.000000}]"));

    [Fact]
    public void HighTechEnterprises_2015To2020_Cagr39_35Percent_VolatilityFromTheStatedPrior()
    {
        HistoricalSeries series = Load("liaocheng-plan-history.csv").Find("hightech_enterprises", "Liaocheng")!;

        CompoundGrowthFit fit = CompoundGrowthEstimator.Fit(series, IllustrativePrior);

        // ln(268/51)/5 = 0.331832; ± 1.959964·0.10/√5 = ± 0.087652 conditional on σ = 0.10.
        Assert.Equal(FitStatus.AverageOnly, fit.Status);
        Assert.Equal(0.331832, fit.Drift.Estimate, 6);
        Assert.Equal(0.244180, fit.Drift.Lower95, 6);
        Assert.Equal(0.419485, fit.Drift.Upper95, 6);
        Assert.Equal(0.393519, fit.ArithmeticRate.Estimate, 6);
        Report("hightech_enterprises 2015-2020 (prior sigma 0.10)", fit.Drift);
        Report("hightech_enterprises 2015-2020 (prior sigma 0.10)", fit.ArithmeticRate);
    }

    [Fact]
    public void HighTechOutputShare_2015To2020_LogitStep0_1422AYear()
    {
        HistoricalSeries series = Load("liaocheng-plan-history.csv").Find("hightech_output_share", "Liaocheng")!;

        BoundedShareFit fit = BoundedShareEstimator.Fit(series);

        // (logit 0.4203 − logit 0.2626)/5 = (−0.321542 + 1.032499)/5 = 0.142191.
        Assert.Equal(FitStatus.AverageOnly, fit.Status);
        Assert.Equal(0.142191, fit.LogitSlope.Estimate, 6);
        // Continuing that step to 2025 gives 59.6%, above the 50% target (L186).
        Assert.Equal(59.61, fit.Predict(2025).Median, 2);
        Report("hightech_output_share 2015-2020", fit.LogitSlope);
    }

    [Fact]
    public void ScienceLiteracyChina_2015To2020_Cagr11_24Percent_AndLogitStep0_1160()
    {
        HistoricalSeries series = Load("public-history-to-2020.csv").Find("science_literacy", "China")!;

        CompoundGrowthFit growth = CompoundGrowthEstimator.Fit(series);
        BoundedShareFit share = BoundedShareEstimator.Fit(series);

        // (10.56/6.20)^(1/5) − 1 = 0.112383; (logit 0.1056 − logit 0.062)/5 = 0.116024.
        Assert.Equal(0.112383, growth.ArithmeticRate.Estimate, 6);
        Assert.Equal(0.116024, share.LogitSlope.Estimate, 6);
        Report("China science_literacy 2015-2020", growth.Drift);
        Report("China science_literacy 2015-2020", growth.ArithmeticRate);
        Report("China science_literacy 2015-2020", share.LogitSlope);
    }

    [Fact]
    public void OtherTwoPointSeries_GiveTheirAverageGrowth()
    {
        HistoricalPanel plan = Load("liaocheng-plan-history.csv");
        HistoricalPanel pub = Load("public-history-to-2020.csv");

        // Jining: 614/503 − 1 = 0.220676 (one year); Shandong industrial R&D ratio (derived 2015 value): √(1.11/0.89) − 1 = 0.116777.
        Assert.Equal(0.220676, CompoundGrowthEstimator.Fit(pub.Find("hightech_enterprises", "Jining")!).ArithmeticRate.Estimate, 6);
        Assert.Equal(0.116777, CompoundGrowthEstimator.Fit(pub.Find("industrial_rd_ratio", "Shandong")!).ArithmeticRate.Estimate, 6);
        // R&D institution coverage 14.8% → 54.8% in 2020 (L113): logit step 1.942967.
        Assert.Equal(1.942967, BoundedShareEstimator.Fit(plan.Find("rd_institution_coverage", "Liaocheng")!).LogitSlope.Estimate, 6);
        foreach (var (panel, indicator, region) in new[]
        {
            (pub, "hightech_enterprises", "Jining"), (pub, "industrial_rd_ratio", "Shandong"),
            (plan, "four_new_value_added_share", "Liaocheng"), (plan, "four_new_investment_share", "Liaocheng"),
        })
        {
            Report(region + " " + indicator, CompoundGrowthEstimator.Fit(panel.Find(indicator, region)!).ArithmeticRate);
        }
    }

    [Fact]
    public void NewPlatforms_111In2016To2020_Are22_2AYear()
    {
        HistoricalPanel plan = Load("liaocheng-plan-history.csv");
        double platforms = plan.Find("new_provincial_platforms_2016_2020", "Liaocheng")!.Observations[0].Value;
        double grants = plan.Find("invention_patent_grants_2016_2020", "Liaocheng")!.Observations[0].Value;

        CountRegressionFit platformRate = CountRegressionEstimator.Fit([new CountObservation(2018, platforms, 5)], CountTrend.None);
        CountRegressionFit grantRate = CountRegressionEstimator.Fit([new CountObservation(2018, grants, 5)], CountTrend.None);

        // 111/5 = 22.2 a year, Poisson Wald interval 22.2·exp(±1.959964/√111) = [18.43, 26.74].
        Assert.Equal(22.2, platformRate.Poisson.YearlyRate.Estimate, 9);
        Assert.Equal(18.43, platformRate.Poisson.YearlyRate.Lower95, 2);
        Assert.Equal(26.74, platformRate.Poisson.YearlyRate.Upper95, 2);
        Assert.Equal(416.8, grantRate.Poisson.YearlyRate.Estimate, 9);
        Report("new provincial-or-higher platforms a year", platformRate.Poisson.YearlyRate);
        Report("invention patents granted a year", grantRate.Poisson.YearlyRate);
    }

    [Fact]
    public void HeadlineIndicators_IdentifyAtMostAverageGrowth()
    {
        HistoricalPanel plan = Load("liaocheng-plan-history.csv");
        HistoricalPanel pub = Load("public-history-to-2020.csv");
        string[] headline = ["rd_intensity", "industrial_rd_ratio", "rd_personnel_density", "patent_density", "hightech_output_share", "hightech_enterprises", "tech_smes", "science_literacy"];

        foreach (string indicator in headline)
        {
            IdentifiabilityReport report = Identifiability.Assess(plan.Find(indicator, "Liaocheng")!, pub);
            output.WriteLine(report.Summary);
            Assert.InRange(report.ObservationCount, 1, 2);
            Assert.False(report.Items.Single(i => i.Quantity == "volatility").Identified);
        }
    }
}
