using System.CommandLine;

namespace Forecast.Runner.Commands;

/// <summary>A sub-command of forecast; every registered builder appears under the root command.</summary>
internal interface ICommandBuilder
{
    /// <summary>Builds the command with its arguments, options and action.</summary>
    Command Build();
}
