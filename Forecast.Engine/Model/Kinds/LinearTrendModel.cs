using System.Runtime.Intrinsics;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Model;

/// <summary>
/// Constant increments (a linear trend): x_{t+1} = x_t + v_t, v the increment driver's yearly value (an amount a year,
/// e.g. +0.12 points of R&amp;D intensity). Expected path: x + E[v].
/// </summary>
/// <param name="Increment">Id of the increment driver.</param>
public sealed record LinearTrendModel(string Increment) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => [Increment];

    /// <inheritdoc />
    public override string KindName => "linear";

    /// <inheritdoc />
    public override LocalizedText Describe(Func<string, LocalizedText> name, Indicator indicator) =>
        new("每年增加" + name(Increment).Zh + "（线性趋势）", "Linear trend, increments of " + name(Increment).En);

    internal override void Check(Indicator indicator, ModelChecks checks) => checks.Driver(Increment, "increment");

    internal override IndicatorStep Compile(PlanPositions positions, Indicator indicator) => new Step(positions.Driver(Increment));

    private sealed class Step(int increment) : IndicatorStep
    {
        public override void Advance(in StepContext c) => Add(c.State, c.Driver(increment));

        public override void AdvanceExpected(in StepContext c) => Add(c.State, c.Driver(increment));

        /// <summary>x ← x + v, eight paths at a time.</summary>
        private static void Add(Span<double> x, Span<double> v)
        {
            int i = 0;
            for (; i + 8 <= x.Length; i += 8) (Vector512.Create(x.Slice(i, 8)) + Vector512.Create(v.Slice(i, 8))).CopyTo(x.Slice(i, 8));
            for (; i < x.Length; i++) x[i] += v[i];
        }
    }
}
