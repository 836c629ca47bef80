using System.CommandLine;
using System.Globalization;
using Forecast.Engine.Calibration;
using Forecast.Engine.Model;
using Forecast.Engine.Results;
using Forecast.Runner.Calibration;
using Forecast.Runner.Output;
using Forecast.Runner.Resources;
using Forecast.Scenarios;
using Spectre.Console;
using A = Forecast.Runner.Resources.AnalysisStrings;

namespace Forecast.Runner.Commands;

/// <summary>
/// <c>forecast calibrate &lt;history.csv&gt;... [--scenario base.yaml] [--out DIR] [--prior-volatility σ]</c>: fit the
/// scenario's growth models to history, print the fit table, and write a calibrated scenario that <c>run</c>
/// accepts, calibration.json and fit plots.
/// </summary>
internal sealed class CalibrateCommand(Terminal terminal) : ICommandBuilder
{
    public const string DefaultScenario = "scenarios/liaocheng-2025.yaml";
    public const string DefaultOut = "out/calibration";

    private readonly Argument<string[]> _history = new("history")
    {
        Description = HelpStrings.CalibrateHistory,
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> _scenario = new("--scenario")
    {
        Description = HelpStrings.CalibrateScenario,
        DefaultValueFactory = _ => DefaultScenario,
    };

    private readonly Option<string> _out = new("--out") { Description = HelpStrings.OutFolder, DefaultValueFactory = _ => DefaultOut };

    private readonly Option<double?> _prior = new("--prior-volatility")
    {
        Description = HelpStrings.CalibratePrior,
        CustomParser = r => CommonOptions.Parse<double>(r, HelpStrings.ExpectVolatility, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : (double?)null),
    };

    private readonly Option<string> _region = new("--region") { Description = HelpStrings.CalibrateRegion, DefaultValueFactory = _ => "Liaocheng" };

    private readonly Option<int> _horizon = new("--horizon")
    {
        Description = HelpStrings.CalibrateHorizon,
        DefaultValueFactory = _ => 3,
        CustomParser = r => CommonOptions.Parse<int>(r, HelpStrings.ExpectYears, s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : (int?)null) ?? 3,
    };

    private readonly Option<bool> _noPlots = new("--no-plots") { Description = HelpStrings.CalibrateNoPlots };

    private readonly Option<string?> _name = new("--name") { Description = HelpStrings.CalibrateName };

    private readonly Option<string?> _title = new("--title") { Description = HelpStrings.CalibrateTitle };

    private readonly Option<string?> _description = new("--description") { Description = HelpStrings.CalibrateDescription };

    private readonly Option<bool> _oneStructure = new("--one-structure")
    {
        Description = HelpStrings.CalibrateOneStructure,
    };

    private readonly Option<bool> _force = new("--force") { Description = HelpStrings.Force };

    public Command Build()
    {
        var command = new Command("calibrate", HelpStrings.Calibrate);
        command.Arguments.Add(_history);
        foreach (Option option in new Option[] { _scenario, _out, _name, _title, _description, _prior, _region, _horizon, _oneStructure, _noPlots, _force }) command.Options.Add(option);
        CommonOptions.Check(_prior, v => v is { } s && !(s >= 0 && double.IsFinite(s)) ? HelpStrings.PriorVolatilityRange : null);
        CommonOptions.Check(_horizon, v => v < 1 ? Cli.Format(HelpStrings.AtLeast, "--horizon", 1) : null);
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            string scenarioFile = parse.GetValue(_scenario)!;
            string[] historyFiles = parse.GetValue(_history)!;
            // Every input is checked before anything is written.
            Scenario scenario = ScenarioReader.Read(scenarioFile);
            var panel = HistoryFiles.Read(historyFiles);
            var options = new ScenarioCalibrationOptions
            {
                Region = parse.GetValue(_region)!,
                StatedVolatility = parse.GetValue(_prior) is { } sigma ? new GrowthPrior(sigma, FormattableString.Invariant($"--prior-volatility {sigma:G4}")) : null,
                BacktestHorizon = parse.GetValue(_horizon),
                Mixtures = !parse.GetValue(_oneStructure),
                Name = parse.GetValue(_name),
                Title = parse.GetValue(_title) is { } title
                    ? title.Split('|') is [var zh, var en] ? new LocalizedText(zh.Trim(), en.Trim()) : LocalizedText.Both(title.Trim())
                    : null,
            };
            ScenarioCalibration calibration = ScenarioCalibrator.Calibrate(scenario, panel, options);
            cancellationToken.ThrowIfCancellationRequested();

            var fans = new Dictionary<string, IReadOnlyList<YearStatistics>>(StringComparer.Ordinal);
            foreach (IndicatorCalibration c in calibration.Indicators.Where(c => c.Outcome != CalibrationOutcome.NoHistory))
            {
                fans[c.Indicator] = CalibrationFan.Simulate(calibration.Calibrated, c.Indicator, calibration.Calibrated.Defaults.Seed);
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (backtestSeries, backtestForecasts) = Phase.Run(terminal.Out, Resources.Strings.PhaseCalibrate,
                () => CalibrationBacktest.Run(scenario, panel, options.Candidates), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();

            string outPath = parse.GetValue(_out)!;
            string fileName = calibration.Calibrated.Name + ".yaml";
            var run = new CalibrationRun(scenarioFile, historyFiles, fileName);
            using var folder = OutputFolder.Open(outPath, calibration.Calibrated.Name, parse.GetValue(_force), cancellationToken);
            ScenarioWriter.WriteFile(folder.StagedFile(fileName), calibration.Calibrated, Annotations(scenarioFile, calibration, historyFiles, parse.GetValue(_description)));
            using (var json = File.Create(folder.StagedFile("calibration.json"))) CalibrationJsonWriter.Write(json, calibration, run, fans);
            File.WriteAllText(folder.StagedFile("backtest.md"), CalibrationBacktest.Markdown(backtestSeries, backtestForecasts));
            File.WriteAllText(folder.StagedFile("backtest-series.csv"), CalibrationBacktest.SeriesCsv(backtestSeries, backtestForecasts));
            if (!parse.GetValue(_noPlots))
            {
                Directory.CreateDirectory(folder.StagedFile("plots"));
                // The fit plots speak the run's plots' language, with the same fonts (English with a note where no font covers the Chinese).
                var (language, note) = Plots.PlotLanguage.For(Output.Language.Code, scenario.Indicators);
                if (note is not null) terminal.Out.MarkupLine("[yellow]" + Markup.Escape(Resources.Strings.Note) + "[/] " + Markup.Escape(note));
                foreach (var (id, fan) in fans)
                {
                    CalibrationPlot.Save(folder.StagedFile(Path.Combine("plots", id + ".png")), calibration.Base.Indicator(id), calibration.Indicators.First(c => c.Indicator == id), fan, language);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            var table = CalibrationTable.Build(calibration);
            var candidateTable = CalibrationTable.Candidates(calibration);
            var written = folder.Commit();

            var console = terminal.Out;
            console.Write(table);
            if (candidateTable is not null) console.Write(candidateTable);
            CalibrationTable.Notes(console, calibration);
            console.WriteLine(backtestSeries.IsEmpty
                ? Words.F(A.CalBacktestNone, CalibrationBacktest.MinimumPoints)
                : Words.F(A.CalBacktestDone, backtestSeries.Length, CalibrationBacktest.MinimumPoints, string.Join(", ", backtestSeries.Select(b => b.Label))));
            string calibrated = Path.Combine(folder.Path, fileName);
            int calibratedCount = calibration.Indicators.Count(c => c.Outcome == CalibrationOutcome.Calibrated);
            console.WriteLine(written.Count == 1
                ? Words.F(A.CalDoneOne, calibratedCount, calibration.Indicators.Length, folder.Path)
                : Words.F(A.CalDone, calibratedCount, calibration.Indicators.Length, written.Count, folder.Path));
            console.WriteLine(Words.F(A.CalRunIt, calibrated));
            return ExitCodes.Success;
        }
        catch (Exception e) when (ErrorReporter.Handles(e))
        {
            // A calibrated scenario that breaks a rule (e.g. a fitted level beyond its driver's domain) is not written.
            return ErrorReporter.Report(terminal, e, problems => problems.Select(p => new InputError(parse.GetValue(_scenario)!, 0, 0, p.Path, A.CalAfterCalibration + p.Message)).ToList());
        }
    }

    private static ScenarioAnnotations Annotations(string scenarioFile, ScenarioCalibration calibration, IReadOnlyList<string> historyFiles, string? description)
    {
        var read = ScenarioAnnotations.Read(scenarioFile);
        var kept = calibration.Calibrated.Drivers.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var changed = calibration.Indicators.SelectMany(c => c.Drivers.Where(d => d.Changed && kept.Contains(d.Driver)).Select(d => Words.F(A.CalHeaderFrom, d.Driver, c.Indicator))).ToList();
        var mixtures = calibration.Calibrated.Indicators.Where(i => i.Model is MixtureModel).Select(i => i.Id).ToList();
        string[] header =
        [
            Words.F(A.CalHeaderCalibrated, calibration.Calibrated.Name, scenarioFile),
            Words.F(A.CalHeaderHistory, string.Join(", ", historyFiles), calibration.Options.Region),
            mixtures.Count == 0 ? A.CalHeaderNoMixture : Words.F(A.CalHeaderMixtures, string.Join(", ", mixtures)),
            changed.Count == 0 ? A.CalHeaderNoOther : Words.F(A.CalHeaderOther, string.Join(", ", changed)),
            A.CalHeaderRest,
        ];
        return read with { HeaderComment = header, Description = description ?? (read.Description is null ? "" : read.Description + " ") + A.CalDescriptionSuffix };
    }
}
