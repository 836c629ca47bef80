using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Forecast.Engine.Resources;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Model;

/// <summary>
/// Compound growth: x_{t+1} = x_t·(1 + g_t), g the growth driver's yearly value. Requires x_0 &gt; 0.
/// Expected path: x_{t+1} = x_t·(1 + E[g_t]).
/// </summary>
/// <param name="Growth">Id of the growth-rate driver.</param>
public sealed record CompoundGrowthModel(string Growth) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => [Growth];

    /// <inheritdoc />
    public override string KindName => "compound";

    /// <inheritdoc />
    public override LocalizedText Describe(Func<string, LocalizedText> name, Indicator indicator) =>
        new("按" + name(Growth).Zh + "复合增长", "Compound growth at " + name(Growth).En);

    internal override void Check(Indicator indicator, ModelChecks checks)
    {
        checks.Driver(Growth, "growth");
        if (indicator.BaseValue <= 0) checks.Add("/base.value", MessageText.Format(Messages.CompoundBaseAboveZero, ModelChecks.F(indicator.BaseValue)));
    }

    internal override IndicatorStep Compile(PlanPositions positions, Indicator indicator) => new Step(positions.Driver(Growth));

    private sealed class Step(int growth) : IndicatorStep
    {
        public override void Advance(in StepContext c) => Compound(c.State, c.Driver(growth));

        public override void AdvanceExpected(in StepContext c) => Compound(c.State, c.Driver(growth));

        /// <summary>x ← x·(1 + v), eight paths at a time (loads and stores from the rows' starts, checked once, not sliced per eight).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Compound(Span<double> x, Span<double> v)
        {
            if (v.Length < x.Length) throw new ArgumentException("The driver's row is shorter than the indicator's.", nameof(v));
            ref double xs = ref MemoryMarshal.GetReference(x);
            ref double vs = ref MemoryMarshal.GetReference(v);
            int i = 0;
            for (; i + 8 <= x.Length; i += 8)
                (Vector512.LoadUnsafe(ref xs, (nuint)i) * (Vector512<double>.One + Vector512.LoadUnsafe(ref vs, (nuint)i))).StoreUnsafe(ref xs, (nuint)i);
            for (; i < x.Length; i++) x[i] *= 1 + v[i];
        }
    }
}
