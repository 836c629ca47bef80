using System.Text.Json;
using Forecast.Engine.Calibration;
using Forecast.Runner.Output;
using A = Forecast.Runner.Resources.AnalysisStrings;
using static Forecast.Runner.Output.JsonNumbers;

namespace Forecast.Runner.Calibration;

/// <summary>
/// The "candidates" object of an indicator in calibration.json: the candidate structures with their weights and the basis of the
/// weights (and why), each candidate's parameters as distributions, the pooled panel estimates (DerSimonian-Laird and REML), the
/// volatility prior and its source, and the mixture predictive up to the target year.
/// </summary>
internal static class CandidateJson
{
    public static void Write(Utf8JsonWriter w, IndicatorCalibration c)
    {
        if (c.InvestmentRegression is { } regression)
        {
            // The panel regression of growth on R&D intensity (Microsoft.ML), cross-validated by region.
            w.WriteStartObject("investmentRegression");
            w.WriteNumber("rows", regression.Rows);
            w.WriteStartArray("regions");
            foreach (string region in regression.Regions) w.WriteStringValue(region);
            w.WriteEndArray();
            Number(w, "slope", regression.Slope);
            Number(w, "crossValidatedRmse", regression.CrossValidatedRmse);
            Number(w, "baselineRmse", regression.BaselineRmse);
            Number(w, "crossValidatedR2", regression.CrossValidatedR2);
            w.WriteBoolean("used", regression.Used);
            w.WriteString("why", regression.Why);
            w.WriteEndObject();
        }
        if (c.Candidates is not { } set)
        {
            w.WriteNull("candidates");
            w.WriteString("candidatesNote", c.CandidatesNote);
            return;
        }
        w.WriteStartObject("candidates");
        w.WriteString("basis", set.Basis == WeightBasis.OneStepLogScore ? A.CalBasisLogScore : A.CalBasisPrior);
        w.WriteString("why", set.Why);
        w.WriteNumber("originYear", set.OriginYear);
        w.WriteStartObject("volatilityPrior");
        Number(w, "sigma", set.Volatility.Sigma);
        Number(w, "degreesOfFreedom", set.Volatility.DegreesOfFreedom);
        w.WriteString("basis", AnalysisWords.VolatilityBasis(set.Volatility.Basis));
        w.WriteString("source", set.Volatility.Source);
        w.WriteEndObject();
        WritePooling(w, set.Pooling);
        w.WriteStartArray("structures");
        foreach (WeightedCandidate k in set.Candidates)
        {
            w.WriteStartObject();
            w.WriteString("structure", k.Fit.Structure.Key());
            w.WriteString("name", k.Fit.Structure.Describe());
            Number(w, "weight", k.Weight);
            Number(w, "priorWeight", k.PriorWeight);
            Number(w, "logScore", k.LogScore);
            w.WriteString("note", k.Fit.Note);
            w.WriteStartArray("parameters");
            foreach (CandidateParameter p in k.Fit.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("distribution", p.Distribution.Describe());
                Number(w, "mean", p.Distribution.Mean);
                Number(w, "lower95", p.Distribution.IsDegenerate ? p.Distribution.Mean : p.Distribution.Quantile(0.025));
                Number(w, "upper95", p.Distribution.IsDegenerate ? p.Distribution.Mean : p.Distribution.Quantile(0.975));
                w.WriteBoolean("fromPrior", p.FromPrior);
                w.WriteString("meaning", p.Meaning);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("correlations");
            foreach (ParameterCorrelation r in k.Fit.Correlations)
            {
                w.WriteStartObject();
                w.WriteString("first", r.First);
                w.WriteString("second", r.Second);
                Number(w, "rho", r.Rho);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("predictive");
        if (c.CandidatePredictive is { } p90)
        {
            for (int h = 1; h <= p90.Horizon; h++)
            {
                w.WriteStartObject();
                w.WriteNumber("year", p90.OriginYear + h);
                foreach (var (name, q) in Quantiles) Number(w, name, p90.Quantile(h, q));
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteNumber("predictiveDraws", c.CandidatePredictive?.Draws ?? 0);
        w.WriteStartArray("warnings");
        foreach (string warning in set.Warnings) w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("candidatesNote", c.CandidatesNote);
    }

    public static readonly (string Name, double Q)[] Quantiles = [("p5", 0.05), ("p10", 0.10), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p90", 0.90), ("p95", 0.95)];

    private static void WritePooling(Utf8JsonWriter w, PanelPooling? pooling)
    {
        if (pooling is null)
        {
            w.WriteNull("pooling");
            return;
        }
        w.WriteStartObject("pooling");
        w.WriteStartArray("regions");
        foreach (RandomEffectsStudy s in pooling.Studies)
        {
            w.WriteStartObject();
            w.WriteString("region", s.Label);
            Number(w, "drift", s.Estimate);
            Number(w, "standardError", Math.Sqrt(s.Variance));
            var shrunk = pooling.Reml?.Shrunken.FirstOrDefault(x => x.Label == s.Label);
            Number(w, "shrunken", shrunk?.Estimate ?? double.NaN);
            Number(w, "shrunkenStandardError", shrunk?.StandardError ?? double.NaN);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        foreach (var (name, fit) in new[] { ("derSimonianLaird", pooling.DerSimonianLaird), ("reml", pooling.Reml) })
        {
            if (fit is null)
            {
                w.WriteNull(name);
                continue;
            }
            w.WriteStartObject(name);
            Number(w, "mu", fit.Mu);
            Number(w, "muStandardError", fit.MuStandardError);
            Number(w, "tau2", fit.Tau2);
            Number(w, "q", fit.Q);
            w.WriteEndObject();
        }
        Number(w, "betweenRegionSd", pooling.BetweenRegionSd);
        w.WriteString("betweenRegionSource", pooling.BetweenRegionSource);
        w.WriteStartObject("ownPrior");
        Number(w, "mean", pooling.OwnPrior.Mean);
        Number(w, "sd", pooling.OwnPrior.Sd);
        w.WriteString("source", pooling.OwnPrior.Source);
        w.WriteEndObject();
        if (pooling.OwnShrunken is { } own)
        {
            w.WriteStartObject("ownShrunken");
            w.WriteString("region", own.Label);
            Number(w, "estimate", own.Estimate);
            Number(w, "standardError", own.StandardError);
            Number(w, "lower95", own.Lower95);
            Number(w, "upper95", own.Upper95);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("ownShrunken");
        }
        w.WriteEndObject();
    }
}
