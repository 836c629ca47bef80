using Forecast.Engine.Resources;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Model;

/// <summary>
/// A bounded share, logistic: with s = (x − lo)/(hi − lo), logit s_{t+1} = logit s_t + v_t, where v is the step
/// driver's yearly value (a logit step per year). The share never leaves (lo, hi); the bounds are the indicator's,
/// else [0, 100]. Expected path: the logit steps by the driver's mean.
/// </summary>
/// <param name="Step">Id of the logit-step driver.</param>
public sealed record BoundedShareModel(string Step) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => [Step];

    /// <inheritdoc />
    public override string KindName => "share";

    /// <summary>The bounds a share of <paramref name="indicator"/> moves within.</summary>
    public static Bounds BoundsOf(Indicator indicator) => indicator.Bounds ?? Bounds.Percent;

    /// <inheritdoc />
    public override LocalizedText Describe(Func<string, LocalizedText> name, Indicator indicator)
    {
        string within = indicator.Bounds is { } b ? $" {ModelChecks.F(b.Lower)}-{ModelChecks.F(b.Upper)}" : "";
        return new LocalizedText("有界比重（logistic），按" + name(Step).Zh + "变化" + (within.Length > 0 ? "，范围" + within : ""),
            "Bounded share (logistic) stepping by " + name(Step).En + (within.Length > 0 ? " within" + within : ""));
    }

    internal override void Check(Indicator indicator, ModelChecks checks)
    {
        checks.Driver(Step, "step");
        var b = BoundsOf(indicator);
        if (!checks.BaseReported && !b.StrictlyContains(indicator.BaseValue))
            checks.Add("/base.value", MessageText.Format(Messages.ShareBaseInside, ModelChecks.F(b.Lower), ModelChecks.F(b.Upper), ModelChecks.F(indicator.BaseValue)));
    }

    internal override IndicatorStep Compile(PlanPositions positions, Indicator indicator) => new ShareStep(positions.Driver(Step), BoundsOf(indicator));

    /// <summary>Own row 0: the logit of the share.</summary>
    private sealed class ShareStep(int step, Bounds bounds) : IndicatorStep
    {
        private readonly double _lower = bounds.Lower, _width = bounds.Upper - bounds.Lower;

        public override int OwnRows => 1;

        public override void Start(in StepContext c)
        {
            base.Start(c);
            double s = (c.BaseValue - _lower) / _width;
            c.Own(0).Fill(Math.Log(s / (1 - s)));
        }

        public override void Advance(in StepContext c) => Share(c, c.Lanes);

        public override void Observe(in StepContext c, double value)
        {
            base.Observe(c, value);
            double s = (value - _lower) / _width;
            c.Own(0).Fill(Math.Log(s / (1 - s)));
        }

        // E[x | the path's level] is not x at the mean logit (the logistic curve bends), but the logit's path is.
        public override void AdvanceExpected(in StepContext c) => Share(c, c.Lanes);

        private void Share(in StepContext c, ReadOnlySpan<int> lanes)
        {
            var y = c.Own(0);
            var v = c.Driver(step);
            var x = c.State;
            foreach (int i in lanes)
            {
                y[i] += v[i];
                x[i] = _lower + _width / (1 + Math.Exp(-y[i]));
            }
        }
    }
}
