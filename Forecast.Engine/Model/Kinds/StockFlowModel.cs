using Forecast.Engine.Resources;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Model;

/// <summary>
/// A stock-flow count: N_{t+1} = N_t + E_t − X_t, with X_t ~ Binomial(N_t, q_t) exits (q the exit-rate driver's yearly
/// value, clamped to [0, 1]; certificates not renewed, patents lapsing) and entries E_t the entries driver's yearly value
/// rounded to a whole non-negative number. With a capacity C the entries are conversions from the pool not yet in the
/// stock: E_t ~ Binomial(C − N_t, e_t), N_t after the year's exits, e the entries driver read as a yearly conversion
/// probability (e.g. counties becoming innovative counties). Expected path: N ← N − N·q, then + max(0, e) (open) or
/// + (C − N)·e (capacity), each rate at its mean, no rounding (but certain open entries, a fixed level with no yearly
/// variation, are rounded as the paths round them: <see cref="StepContext.IsCertain"/>).
/// </summary>
/// <param name="Entries">Id of the entries driver (a count, or a conversion rate with a capacity).</param>
/// <param name="ExitRate">Id of the exit-rate driver, or null for no exits.</param>
/// <param name="Capacity">The size of the pool entries come from, or null for an open stock.</param>
public sealed record StockFlowModel(string Entries, string? ExitRate = null, int? Capacity = null) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => ExitRate is null ? [Entries] : [Entries, ExitRate];

    /// <inheritdoc />
    public override bool IsCount => true;

    /// <inheritdoc />
    public override string KindName => "stock-flow";

    /// <inheritdoc />
    public override LocalizedText Describe(Func<string, LocalizedText> name, Indicator indicator) => new(
        "存量与流量：新增" + name(Entries).Zh + (ExitRate is { } x ? "，退出率" + name(x).Zh : "，无退出") + (Capacity is { } c ? $"，池容量 {c}" : ""),
        "Stock and flow: entries " + name(Entries).En + (ExitRate is { } y ? ", exits at " + name(y).En : ", no exits")
            + (Capacity is { } d ? $", out of a pool of {d}" : ""));

    internal override void Check(Indicator indicator, ModelChecks checks)
    {
        checks.Driver(Entries, "entries");
        checks.Driver(ExitRate, "exits");
        if (indicator.BaseValue < 0 || indicator.BaseValue != Math.Floor(indicator.BaseValue))
            checks.Add("/base.value", MessageText.Format(Messages.StockBaseWhole, ModelChecks.F(indicator.BaseValue)));
        if (Capacity is { } capacity && (capacity < 0 || capacity < indicator.BaseValue))
            checks.Add("capacity", MessageText.Format(Messages.StockCapacityBelowBase, capacity, ModelChecks.F(indicator.BaseValue)));
    }

    internal override IndicatorStep Compile(PlanPositions positions, Indicator indicator) =>
        new Step(positions.Driver(Entries), positions.Driver(ExitRate), Capacity ?? -1);

    /// <summary>
    /// Own rows (with exits): each path's last exit rate and its ln q, ln(1 − q) and odds (<see cref="BinomialRate"/>): an
    /// exit rate is most often a level fixed for the path, so its logarithms are computed once, not every year.
    /// </summary>
    private sealed class Step(int entries, int exitRate, int capacity) : IndicatorStep
    {
        public override int OwnRows => exitRate >= 0 ? 4 : 0;

        public override void Start(in StepContext c)
        {
            base.Start(c);
            if (exitRate >= 0) c.Own(0).Fill(double.NaN);
        }

        public override void Advance(in StepContext c)
        {
            var x = c.State;
            var v = c.Driver(entries);
            var ws = c.Workspace;
            var u = ws.Uniforms.AsSpan(0, c.Count);
            ref var stream = ref ws.IndicatorStreams[c.K];
            // The uniforms are drawn for every path (the stream's order does not depend on which paths are moved); the
            // binomial draws only on the paths the step moves (a mixture's structure: those that drew it).
            var lanes = c.Lanes;
            if (exitRate >= 0)
            {
                var q = c.Driver(exitRate);
                Sampler.BinomialUniforms(ref stream, u, ws, c.Sampling, new SobolCoordinate(true, c.K, 2 * (c.Step - 1)));
                Span<double> rates = c.Own(0), logP = c.Own(1), logQ = c.Own(2), odds = c.Own(3);
                foreach (int i in lanes)
                {
                    double p = Math.Clamp(q[i], 0, 1);
                    // A NaN rate is never equal to the last, so it is recomputed (and gives what Binomial gives at NaN).
                    if (p != rates[i])
                    {
                        var fresh = BinomialRate.Of(p);
                        (rates[i], odds[i], logP[i], logQ[i]) = (p, fresh.Odds, fresh.LogP, fresh.LogQ);
                    }
                    x[i] -= DiscreteQuantile.Binomial(u[i], (int)x[i], new BinomialRate(p, odds[i], logP[i], logQ[i]));
                }
            }
            if (capacity >= 0)
            {
                Sampler.BinomialUniforms(ref stream, u, ws, c.Sampling, new SobolCoordinate(true, c.K, 2 * (c.Step - 1) + 1));
                foreach (int i in lanes)
                    x[i] += DiscreteQuantile.Binomial(u[i], capacity - (int)x[i], Math.Clamp(v[i], 0, 1));
            }
            else
            {
                VectorMath.WholeCounts(v, x, add: true);
            }
        }

        public override void AdvanceExpected(in StepContext c)
        {
            var x = c.State;
            var e = c.Driver(entries);
            var q = exitRate >= 0 ? c.Driver(exitRate) : default;
            bool round = capacity < 0 && c.IsCertain(entries);
            foreach (int i in c.Lanes)
            {
                double n = x[i];
                if (exitRate >= 0) n -= n * Math.Clamp(q[i], 0, 1);
                x[i] = n + (capacity >= 0 ? (capacity - n) * Math.Clamp(e[i], 0, 1) : Math.Max(0, round ? Math.Round(e[i]) : e[i]));
            }
        }
    }
}
