namespace Forecast.Runner.Commands;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    /// <summary>Bad input: a scenario, CSV, option or output folder that cannot be used.</summary>
    public const int BadInput = 2;
    /// <summary>Cancelled by Ctrl+C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
