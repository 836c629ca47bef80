using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;
using Forecast.Runner.Output;
using Forecast.Runner.Resources;
using Forecast.Scenarios;

namespace Forecast.Runner.WhatIf;

/// <summary>
/// The command-line syntax of levers: <c>driver.parameter</c> (goal), <c>driver.parameter=from:to:steps</c> (sweep:
/// steps + 1 evenly spaced values, both ends included) and ranges <c>low:high</c>. Numbers use a decimal point.
/// Problems come back as <see cref="InputError"/>s naming the option and the token, in the invocation's language, with
/// examples built from the scenario's own drivers (so an example never names a driver the scenario lacks).
/// </summary>
internal static class LeverSyntax
{
    /// <summary>At most this many values per lever.</summary>
    public const int MaxSteps = 200;

    /// <summary>Intervals in the examples: 11 values.</summary>
    private const int ExampleSteps = 10;

    public static Lever ParseLever(string option, string token, Scenario scenario)
    {
        int dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
            throw Error(option, token, Words.F(WhatIfStrings.LeverExpectedParameter, Example(scenario)?.ToString() ?? "driver.mean", token));
        var lever = new Lever(token[..dot], token[(dot + 1)..].ToLowerInvariant());
        if (lever.Problem(scenario) is { } problem) throw Error(option, token, problem);
        return lever;
    }

    public static LeverAxis ParseAxis(string option, string token, Scenario scenario)
    {
        int equals = token.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
            throw Error(option, token, Words.F(WhatIfStrings.LeverExpectedAxis, Example(scenario) is { } example ? AxisExample(example, scenario).Text : "driver.mean=1:2:10", token));
        var lever = ParseLever(option, token[..equals], scenario);
        var parts = token[(equals + 1)..].Split(':');
        if (parts.Length != 3)
        {
            var (text, from, to) = AxisExample(lever, scenario);
            throw Error(option, token, Words.F(WhatIfStrings.LeverExpectedSteps, text, ExampleSteps + 1, from, to, token[(equals + 1)..]));
        }
        double low = Number(option, token, parts[0], WhatIfStrings.WordFrom);
        double high = Number(option, token, parts[1], WhatIfStrings.WordTo);
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int steps) || steps < 1 || steps > MaxSteps)
            throw Error(option, token, Words.F(WhatIfStrings.LeverSteps, MaxSteps, parts[2]));
        if (low == high) throw Error(option, token, Words.F(WhatIfStrings.LeverSameEnds, parts[0]));
        var axis = LeverAxis.Even(lever, low, high, steps);
        foreach (double value in axis.Values)
            if (lever.TryApply(scenario, value).Problem is { } problem) throw Error(option, token, problem);
        return axis;
    }

    public static (double Low, double High) ParseRange(string option, string token)
    {
        var parts = token.Split(':');
        if (parts.Length != 2) throw Error(option, token, Words.F(WhatIfStrings.RangeExpected, "40:120", token));
        double low = Number(option, token, parts[0], WhatIfStrings.WordLow), high = Number(option, token, parts[1], WhatIfStrings.WordHigh);
        if (!(low < high)) throw Error(option, token, Words.F(WhatIfStrings.RangeOrder, parts[0], parts[1]));
        return (low, high);
    }

    /// <summary>The mean of the scenario's first uncertain driver (else its first driver), as an example lever; null without one.</summary>
    private static Lever? Example(Scenario scenario) =>
        scenario.Drivers.OrderBy(d => Tornado.IsUncertain(d) ? 0 : 1).Select(d => new Lever(d.Id, "mean")).FirstOrDefault(l => l.Problem(scenario) is null);

    /// <summary>An axis from half to twice the lever's current value (two significant digits): "hightech_exit_rate.mean=0.026:0.1:10".</summary>
    private static (string Text, string From, string To) AxisExample(Lever lever, Scenario scenario)
    {
        double now = lever.CurrentValue(scenario);
        var (low, high) = now == 0 ? (0.0, 1.0) : now > 0 ? (now / 2, now * 2) : (now * 2, now / 2);
        string from = Numbers.Significant(low, 2, keepZeros: false), to = Numbers.Significant(high, 2, keepZeros: false);
        return ($"{lever}={from}:{to}:{ExampleSteps}", from, to);
    }

    private static double Number(string option, string token, string text, string what)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)) return x;
        throw Error(option, token, Words.F(WhatIfStrings.NumberExpected, what, text));
    }

    public static InputException Error(string option, string token, string message) => new(new InputError(option, 0, 0, token, message));
}
