using System.Runtime.Intrinsics;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Model;

/// <summary>
/// Constant increments (a linear trend): x_{t+1} = x_t + v_t, v the increment driver's yearly value (an amount a year,
/// e.g. +0.12 points of R&amp;D intensity), held within the indicator's bounds where it has them: x_{t+1} = clamp(x_t + v_t,
/// lower, upper) (a share stays in 0-100 however long the horizon). Expected path: x + E[v], clamped alike.
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

    internal override IndicatorStep Compile(PlanPositions positions, Indicator indicator) =>
        new Step(positions.Driver(Increment), indicator.Bounds?.Lower ?? double.NegativeInfinity, indicator.Bounds?.Upper ?? double.PositiveInfinity);

    private sealed class Step(int increment, double lower, double upper) : IndicatorStep
    {
        public override void Advance(in StepContext c) => Add(c.State, c.Driver(increment), lower, upper);

        public override void AdvanceExpected(in StepContext c) => Add(c.State, c.Driver(increment), lower, upper);

        /// <summary>x ← min(max(x + v, lower), upper), eight paths at a time (exact in every width: no rounding beyond the sum).</summary>
        private static void Add(Span<double> x, Span<double> v, double lower, double upper)
        {
            var lo = Vector512.Create(lower);
            var hi = Vector512.Create(upper);
            int i = 0;
            for (; i + 8 <= x.Length; i += 8)
                Vector512.Min(Vector512.Max(Vector512.Create(x.Slice(i, 8)) + Vector512.Create(v.Slice(i, 8)), lo), hi).CopyTo(x.Slice(i, 8));
            for (; i < x.Length; i++) x[i] = Math.Min(Math.Max(x[i] + v[i], lower), upper);
        }
    }
}
