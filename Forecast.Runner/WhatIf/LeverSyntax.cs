using System.Globalization;
using Forecast.Engine.Model;
using Forecast.Engine.WhatIf;
using Forecast.Scenarios;

namespace Forecast.Runner.WhatIf;

/// <summary>
/// The command-line syntax of levers: <c>driver.parameter</c> (goal), <c>driver.parameter=from:to:steps</c> (sweep:
/// steps + 1 evenly spaced values, both ends included) and ranges <c>low:high</c>. Numbers use a decimal point.
/// Problems come back as <see cref="InputError"/>s naming the option and the token.
/// </summary>
internal static class LeverSyntax
{
    /// <summary>At most this many values per lever.</summary>
    public const int MaxSteps = 200;

    public static Lever ParseLever(string option, string token, Scenario scenario)
    {
        int dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
            throw Error(option, token, $"expected driver.parameter, e.g. hightech_new.mean, not '{token}'");
        var lever = new Lever(token[..dot], token[(dot + 1)..].ToLowerInvariant());
        if (lever.Problem(scenario) is { } problem) throw Error(option, token, problem);
        return lever;
    }

    public static LeverAxis ParseAxis(string option, string token, Scenario scenario)
    {
        int equals = token.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
            throw Error(option, token, $"expected driver.parameter=from:to:steps, e.g. hightech_new.mean=50:100:10, not '{token}'");
        var lever = ParseLever(option, token[..equals], scenario);
        var parts = token[(equals + 1)..].Split(':');
        if (parts.Length != 3)
            throw Error(option, token, $"expected from:to:steps after '=', e.g. {lever}=50:100:10 (11 values from 50 to 100), not '{token[(equals + 1)..]}'");
        double from = Number(option, token, parts[0], "from");
        double to = Number(option, token, parts[1], "to");
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int steps) || steps < 1 || steps > MaxSteps)
            throw Error(option, token, $"steps must be a whole number from 1 to {MaxSteps} (the number of intervals between from and to), not '{parts[2]}'");
        if (from == to) throw Error(option, token, $"from and to are both {parts[0]}; give two different values");
        var axis = LeverAxis.Even(lever, from, to, steps);
        foreach (double value in axis.Values)
            if (lever.TryApply(scenario, value).Problem is { } problem) throw Error(option, token, problem);
        return axis;
    }

    public static (double Low, double High) ParseRange(string option, string token)
    {
        var parts = token.Split(':');
        if (parts.Length != 2) throw Error(option, token, $"expected low:high, e.g. 40:120, not '{token}'");
        double low = Number(option, token, parts[0], "low"), high = Number(option, token, parts[1], "high");
        if (!(low < high)) throw Error(option, token, $"low ({parts[0]}) must be below high ({parts[1]})");
        return (low, high);
    }

    private static double Number(string option, string token, string text, string what)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)) return x;
        throw Error(option, token, $"{what} must be a number with a decimal point (e.g. 0.15), not '{text}'");
    }

    public static InputException Error(string option, string token, string message) => new(new InputError(option, 0, 0, token, message));
}
