namespace Forecast.Engine.Model;

/// <summary>
/// How an indicator's trajectory follows from drivers (and other indicators). Each year t → t+1
/// of the simulation applies the model's step equation to every path; drivers' yearly values are v.
/// </summary>
public abstract record IndicatorModel
{
    /// <summary>Ids of the drivers the model reads.</summary>
    public abstract IEnumerable<string> DriverIds { get; }

    /// <summary>Ids of the indicators the model reads (they are stepped first).</summary>
    public virtual IEnumerable<string> IndicatorIds => [];

    /// <summary>Whether the indicator's values are whole numbers.</summary>
    public virtual bool IsCount => false;

    /// <summary>The model kind's name as written in scenario files.</summary>
    public abstract string KindName { get; }
}

/// <summary>Compound growth: x_{t+1} = x_t·(1 + g_t), g the growth driver's yearly value. Requires x_0 &gt; 0.</summary>
/// <param name="Growth">Id of the growth-rate driver.</param>
public sealed record CompoundGrowthModel(string Growth) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => [Growth];
    /// <inheritdoc />
    public override string KindName => "compound";
}

/// <summary>
/// A ratio of two compounding quantities: x_t = x_0·(N_t/N_0)/(D_t/D_0), e.g. R&amp;D spending over GDP.
/// Each side either compounds a growth driver (Q_{t+1} = Q_t·(1 + g_t), Q_0 = 1) or follows another
/// indicator's value.
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

/// <summary>
/// A bounded share, logistic: with s = (x − lo)/(hi − lo), logit s_{t+1} = logit s_t + v_t, where v is
/// the step driver's yearly value (a logit step per year). The share never leaves (lo, hi).
/// </summary>
/// <param name="Step">Id of the logit-step driver.</param>
public sealed record BoundedShareModel(string Step) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => [Step];
    /// <inheritdoc />
    public override string KindName => "share";
}

/// <summary>
/// A stock-flow count: N_{t+1} = N_t + E_t − X_t, with X_t ~ Binomial(N_t, q_t) exits (q the exit-rate
/// driver's yearly value, clamped to [0, 1]; certificates not renewed, patents lapsing) and entries E_t
/// the entries driver's yearly value rounded to a whole non-negative number. With a capacity C the
/// entries are conversions from the pool not yet in the stock: E_t ~ Binomial(C − N_t, e_t), N_t after the year's exits, e the
/// entries driver read as a yearly conversion probability (e.g. counties becoming innovative counties).
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
}

/// <summary>
/// A cumulative count for "new X over five years" targets: C_{t+1} = C_t + max(0, round(v_t)), v the
/// driver's yearly value; C starts at the base value (usually 0 in the base year).
/// </summary>
/// <param name="Driver">Id of the count driver being accumulated.</param>
public sealed record CumulativeModel(string Driver) : IndicatorModel
{
    /// <inheritdoc />
    public override IEnumerable<string> DriverIds => [Driver];
    /// <inheritdoc />
    public override bool IsCount => true;
    /// <inheritdoc />
    public override string KindName => "cumulative";
}

/// <summary>
/// A yearly flow or standing level: x_t = v_t, the driver's value in year t (e.g. major projects
/// organised in the year, the size of a standing reserve). Counts are rounded to whole numbers.
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
    public override string KindName => "flow";
}
