using Forecast.Engine.Resources;
using Forecast.Engine.Simulation;
using Forecast.Engine.Statistics;

namespace Forecast.Engine.Model;

/// <summary>
/// A cumulative count for "new X over five years" targets: C_{t+1} = C_t + max(0, round(v_t)), v the driver's yearly
/// value; C starts at the base value (usually 0 in the base year). Expected path: C + max(0, E[v]), no rounding, except
/// that a certain v (fixed level, no yearly variation) is rounded as the paths round it (<see cref="StepContext.IsCertain"/>).
/// </summary>
/// <param name="Driver">Id of the count driver being accumulated.</param>
public sealed record CumulativeModel(string Driver) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => [Driver];

    /// <inheritdoc />
    public override bool IsCount => true;

    /// <inheritdoc />
    public override bool IsPerYearAmount => true;

    /// <inheritdoc />
    public override string KindName => "cumulative";

    /// <inheritdoc />
    public override LocalizedText Describe(Func<string, LocalizedText> name, Indicator indicator) =>
        new(name(Driver).Zh + "的累计数", "Cumulative count of " + name(Driver).En);

    internal override void Check(Indicator indicator, ModelChecks checks)
    {
        checks.Driver(Driver, "driver");
        if (indicator.BaseValue < 0 || indicator.BaseValue != Math.Floor(indicator.BaseValue))
            checks.Add("/base.value", MessageText.Format(Messages.CumulativeBaseWhole, ModelChecks.F(indicator.BaseValue)));
    }

    internal override IndicatorStep Compile(PlanPositions positions, Indicator indicator) => new Step(positions.Driver(Driver));

    private sealed class Step(int driver) : IndicatorStep
    {
        public override void Advance(in StepContext c)
        {
            var x = c.State;
            var v = c.Driver(driver);
            VectorMath.WholeCounts(v, x, add: true);
        }

        public override void AdvanceExpected(in StepContext c)
        {
            var x = c.State;
            var v = c.Driver(driver);
            bool round = c.IsCertain(driver);
            foreach (int i in c.Lanes) x[i] += Math.Max(0, round ? Math.Round(v[i]) : v[i]);
        }
    }
}
