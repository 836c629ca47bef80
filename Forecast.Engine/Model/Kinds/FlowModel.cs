using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Model;

/// <summary>
/// A yearly flow or standing level: x_t = v_t, the driver's value in year t (e.g. major projects organised in the year,
/// the size of a standing reserve). Counts are rounded to whole non-negative numbers: x_t = max(0, round(v_t)).
/// Expected path: E[v_t] (max(0, E[v_t]) for counts, a certain v_t rounded as the paths round it: <see cref="StepContext.IsCertain"/>).
/// </summary>
/// <param name="Driver">Id of the driver.</param>
/// <param name="Count">Whether values are whole numbers.</param>
public sealed record FlowModel(string Driver, bool Count = true) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => [Driver];

    /// <inheritdoc />
    public override bool IsCount => Count;

    /// <inheritdoc />
    public override bool IsPerYearAmount => true;

    /// <inheritdoc />
    public override bool HasBaseLevel => false;

    /// <inheritdoc />
    public override string KindName => "flow";

    /// <inheritdoc />
    public override LocalizedText Describe(Func<string, LocalizedText> name, Indicator indicator) =>
        new(name(Driver).Zh + "的当年值", "Yearly value of " + name(Driver).En);

    internal override void Check(Indicator indicator, ModelChecks checks) => checks.Driver(Driver, "driver");

    internal override IndicatorStep Compile(PlanPositions positions, Indicator indicator) => new Step(positions.Driver(Driver), Count);

    private sealed class Step(int driver, bool count) : IndicatorStep
    {
        public override void Advance(in StepContext c)
        {
            var x = c.State;
            var v = c.Driver(driver);
            if (count)
                VectorMath.WholeCounts(v, x, add: false);
            else
                v.CopyTo(x);
        }

        public override void AdvanceExpected(in StepContext c)
        {
            var x = c.State;
            var v = c.Driver(driver);
            bool round = c.IsCertain(driver);
            if (count)
                foreach (int i in c.Lanes) x[i] = Math.Max(0, round ? Math.Round(v[i]) : v[i]);
            else
                v.CopyTo(x);
        }
    }
}
