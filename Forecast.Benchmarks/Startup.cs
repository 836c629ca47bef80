using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Forecast.Benchmarks;

/// <summary>
/// Whole-process timings of the <c>forecast</c> command (start-up included, as a user waits for it): <c>--help</c>, a
/// 1,000-path Liaocheng run without plots, and bench-gbm8 with 10,000,000 paths against the NumPy peer's in-process
/// time for the same paths. Each command runs <c>rounds</c> times (after one unmeasured warm-up run that fills the
/// file cache); the median and range are reported. The ratio to NumPy is also measured in pairs (NumPy, then a forecast
/// run, round after round), whose median does not move with the machine's drift between two series.
/// </summary>
internal static class Startup
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="args">startup &lt;forecast executable or dll&gt; [rounds] [gbm8 paths] [numpy paths]</param>
    public static int Run(string[] args)
    {
        if (args.Length < 2) throw new ArgumentException("usage: startup <path to forecast or forecast.dll> [rounds] [gbm8 paths] [numpy paths]");
        string forecast = Path.GetFullPath(args[1]);
        int rounds = args.Length > 2 ? int.Parse(args[2], Inv) : 10;
        long gbmPaths = args.Length > 3 ? long.Parse(args[3], Inv) : 10_000_000;
        long numpyPaths = args.Length > 4 ? long.Parse(args[4], Inv) : 1_000_000;
        string scenarios = Path.Combine(Workloads.Root, "scenarios");
        string work = Path.Combine(Path.GetTempPath(), $"forecast-startup-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine($"forecast: {forecast}; {rounds} rounds each, {Environment.ProcessorCount} cores");
            Report("forecast --help", Time(forecast, ["--help"], rounds));
            Report("run liaocheng-2025 --paths 1000 --no-plots", Time(forecast, ["run", Path.Combine(scenarios, "liaocheng-2025.yaml"), "--paths", "1000", "--no-plots", "--out", Path.Combine(work, "l"), "--force"], rounds));
            var gbm = Time(forecast, ["run", Path.Combine(scenarios, "bench-gbm8.yaml"), "--paths", gbmPaths.ToString(Inv), "--no-plots", "--out", Path.Combine(work, "g"), "--force", "--yes"], rounds);
            Report($"run bench-gbm8 --paths {gbmPaths:N0} --no-plots", gbm);
            // NumPy's rate per path is flat in the path count (it is all array work), so its time for gbmPaths is
            // measured at numpyPaths (a 10^7-path NumPy run takes about a minute here) and scaled.
            var rates = new List<double>();
            for (int r = 0; r < 3; r++) rates.Add(Peer(numpyPaths).RootElement.GetProperty("pathsPerSecond").GetDouble());
            rates.Sort();
            double numpyRate = rates[rates.Count / 2];
            double numpySeconds = gbmPaths / numpyRate;
            Console.WriteLine(string.Create(Inv, $"NumPy peer in-process: median {numpyRate:N0} paths/s over {rates.Count} runs of {numpyPaths:N0} paths, so {numpySeconds:F1} s for {gbmPaths:N0} paths"));
            Console.WriteLine(string.Create(Inv, $"ratio, NumPy in-process time / forecast whole process (medians): {numpySeconds / Median(gbm):F1}x"));
            // The same ratio measured in pairs, round by round: on a machine whose speed drifts from minute to minute (a
            // shared VM) the two medians above are taken minutes apart, a pair under the same conditions. NumPy runs
            // twice before each forecast run and the second is measured: right after another process (a forecast run
            // or the first NumPy run) its rate is lower by a quarter or more on this VM (its arrays' fresh memory), so
            // NumPy is measured where it is at its best, as in the series above.
            var ratios = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                Peer(numpyPaths);
                double rate = Peer(numpyPaths).RootElement.GetProperty("pathsPerSecond").GetDouble();
                double seconds = Once(forecast, ["run", Path.Combine(scenarios, "bench-gbm8.yaml"), "--paths", gbmPaths.ToString(Inv), "--no-plots", "--out", Path.Combine(work, "g"), "--force", "--yes"]);
                ratios.Add(gbmPaths / rate / seconds);
            }
            Console.WriteLine(string.Create(Inv, $"ratio in {rounds} pairs (NumPy's second run of two, then a forecast run): median {Median(ratios):F1}x (range {ratios.Min():F1} to {ratios.Max():F1}): {string.Join(' ', ratios.Select(x => x.ToString("F1", Inv)))}"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Report(string what, List<double> seconds) =>
        Console.Out.WriteLine(string.Create(Inv, $"{what}: median {Median(seconds):F3} s (range {seconds.Min():F3} to {seconds.Max():F3})"));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static List<double> Time(string forecast, string[] args, int rounds)
    {
        var seconds = new List<double>();
        for (int r = -1; r < rounds; r++)
        {
            double elapsed = Once(forecast, args);
            if (r >= 0) seconds.Add(elapsed);
        }
        return seconds;
    }

    /// <summary>One whole process of the command, in seconds (it must succeed).</summary>
    private static double Once(string forecast, string[] args)
    {
        var start = forecast.EndsWith(".dll", StringComparison.Ordinal) ? new ProcessStartInfo("dotnet") { ArgumentList = { forecast } } : new ProcessStartInfo(forecast);
        foreach (string a in args) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException($"forecast {string.Join(' ', args)} failed: {error}{output.Result}");
        return clock.Elapsed.TotalSeconds;
    }

    private static JsonDocument Peer(long paths)
    {
        // The system Python, where apt-get install python3-numpy puts NumPy (as the peer measurement uses it).
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        start.ArgumentList.Add(Path.Combine(Workloads.Root, "Forecast.Benchmarks", "peers", "gbm8.py"));
        start.ArgumentList.Add(paths.ToString(Inv));
        using var process = Process.Start(start)!;
        string json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return JsonDocument.Parse(json);
    }
}
