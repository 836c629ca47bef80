using Forecast.Engine.Resources;
using Forecast.Engine.Simulation;

namespace Forecast.Engine.Model;

/// <summary>
/// A ratio of two compounding quantities: x_t = x_0·(N_t/N_0)/(D_t/D_0), e.g. R&amp;D spending over GDP.
/// Each side either compounds a growth driver (Q_{t+1} = Q_t·(1 + g_t), Q_0 = 1) or follows another
/// indicator's value relative to its base (Q_t = y_t / y_0). Expected path: the same with each g at its mean.
/// </summary>
/// <param name="Numerator">The numerator quantity.</param>
/// <param name="Denominator">The denominator quantity.</param>
public sealed record RatioModel(Quantity Numerator, Quantity Denominator) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds =>
        new[] { Numerator, Denominator }.Where(q => q.GrowthDriver is not null).Select(q => q.GrowthDriver!);

    /// <inheritdoc />
    public override IEnumerable<string> IndicatorIds =>
        new[] { Numerator, Denominator }.Where(q => q.Indicator is not null).Select(q => q.Indicator!);

    /// <inheritdoc />
    public override string KindName => "ratio";

    /// <inheritdoc />
    public override LocalizedText Describe(Func<string, LocalizedText> name, Indicator indicator)
    {
        LocalizedText Side(Quantity q) => q.GrowthDriver is { } g
            ? new LocalizedText("按" + name(g).Zh + "增长", "compounding " + name(g).En)
            : new LocalizedText("随" + name(q.Indicator!).Zh, "following " + name(q.Indicator!).En);
        var (n, d) = (Side(Numerator), Side(Denominator));
        return new LocalizedText("比值：分子" + n.Zh + "，分母" + d.Zh, "Ratio: numerator " + n.En + ", denominator " + d.En);
    }

    internal override void Check(Indicator indicator, ModelChecks checks)
    {
        CheckSide(Numerator, "numerator");
        CheckSide(Denominator, "denominator");
        if (indicator.BaseValue <= 0) checks.Add("/base.value", MessageText.Format(Messages.RatioBaseAboveZero, ModelChecks.F(indicator.BaseValue)));

        void CheckSide(Quantity q, string field)
        {
            if ((q.GrowthDriver is null) == (q.Indicator is null))
            {
                checks.Add(field, Messages.RatioOneSide);
                return;
            }
            checks.Driver(q.GrowthDriver, $"{field}.growth");
            if (q.Indicator is { } id && checks.Indicator(id, $"{field}.indicator") is { } other)
            {
                if (other.BaseYear != indicator.BaseYear)
                    checks.Add($"{field}.indicator", MessageText.Format(Messages.RatioSideBaseYear, id, other.BaseYear, indicator.BaseYear));
                else if (other.BaseValue <= 0)
                    checks.Add($"{field}.indicator", MessageText.Format(Messages.RatioSideBaseValue, id, ModelChecks.F(other.BaseValue)));
            }
        }
    }

    internal override IndicatorStep Compile(PlanPositions positions, Indicator indicator) => new Step(
        positions.Driver(Numerator.GrowthDriver), positions.Indicator(Numerator.Indicator),
        positions.Driver(Denominator.GrowthDriver), positions.Indicator(Denominator.Indicator));

    /// <summary>Own rows: 0 the numerator N_t/N_0, 1 the denominator D_t/D_0.</summary>
    private sealed class Step(int numeratorDriver, int numeratorIndicator, int denominatorDriver, int denominatorIndicator) : IndicatorStep
    {
        public override int OwnRows => 2;

        public override void Start(in StepContext c)
        {
            base.Start(c);
            c.Own(0).Fill(1);
            c.Own(1).Fill(1);
        }

        public override void Advance(in StepContext c) => Ratio(c);

        public override void Observe(in StepContext c, double value)
        {
            // x = b·N/D: the numerator takes the value (N = x·D/b), so a growing numerator goes on from the observed ratio.
            base.Observe(c, value);
            var n = c.Own(0);
            var d = c.Own(1);
            double b = c.BaseValue;
            for (int i = 0; i < n.Length; i++) n[i] = value * d[i] / b;
        }

        public override void AdvanceExpected(in StepContext c) => Ratio(c);

        private void Ratio(in StepContext c)
        {
            var n = c.Own(0);
            var d = c.Own(1);
            Side(c, numeratorDriver, numeratorIndicator, n);
            Side(c, denominatorDriver, denominatorIndicator, d);
            var x = c.State;
            double b = c.BaseValue;
            for (int i = 0; i < x.Length; i++) x[i] = b * n[i] / d[i];
        }

        /// <summary>Advances one side: compounds its growth driver, or follows an indicator relative to its base.</summary>
        private static void Side(in StepContext c, int driver, int indicator, Span<double> q)
        {
            if (driver >= 0)
            {
                var g = c.Driver(driver);
                for (int i = 0; i < q.Length; i++) q[i] *= 1 + g[i];
            }
            else
            {
                var other = c.Indicator(indicator);
                double otherBase = c.Plan.Indicators[indicator].BaseValue;
                for (int i = 0; i < q.Length; i++) q[i] = other[i] / otherBase;
            }
        }
    }
}

/// <summary>One side of a <see cref="RatioModel"/>: a growth driver or an indicator (exactly one is set).</summary>
/// <param name="GrowthDriver">Id of a growth-rate driver compounded from 1.</param>
/// <param name="Indicator">Id of an indicator whose value is used.</param>
public sealed record Quantity(string? GrowthDriver = null, string? Indicator = null)
{
    /// <summary>A side that compounds a growth driver.</summary>
    public static Quantity Growing(string driver) => new(GrowthDriver: driver);

    /// <summary>A side that follows an indicator.</summary>
    public static Quantity Of(string indicator) => new(Indicator: indicator);
}
