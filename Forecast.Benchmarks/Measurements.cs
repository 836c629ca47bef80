using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Forecast.Engine.Model;
using Forecast.Engine.Simulation;
using MathNet.Numerics.Distributions;

namespace Forecast.Benchmarks;

/// <summary>
/// Measurements that are not micro-benchmarks: the NumPy peer comparison, throughput of both workloads
/// on 1 and 2 threads, and peak memory against the number of paths. Each prints a Markdown table and
/// saves it under BenchmarkDotNet.Artifacts/results/.
/// </summary>
internal static class Measurements
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        long paths = args.Length > 1 ? long.Parse(args[1], Inv) : 0;
        return args[0] switch
        {
            "peer" => Peer(paths > 0 ? paths : 1_000_000, args.Length > 2 ? int.Parse(args[2], Inv) : 3),
            "throughput" => Throughput(paths > 0 ? paths : 1_000_000, args.Length > 2 ? args[2] : null),
            "memory" => Memory(),
            "precision" => Precision(paths > 0 ? paths : 16_384),
            _ => MemoryChild(paths),
        };
    }

    /// <summary>
    /// NumPy and Forecast on the same workload, in <paramref name="rounds"/> interleaved rounds (NumPy, then
    /// Forecast): each round's ratio compares runs made seconds apart, so a noisy neighbour on a shared machine
    /// slows both sides of a round alike. The ratio reported is the median of the rounds' ratios.
    /// </summary>
    private static int Peer(long paths, int rounds)
    {
        var report = new StringBuilder();
        var scenario = Workloads.Gbm8;
        MonteCarlo.Run(scenario, new SimulationOptions(Paths: 100_000, Seed: 2));
        var ratios = new List<double>();
        var peerRates = new List<double>();
        var rates = new List<double>();
        JsonDocument? peer = null;
        Forecast.Engine.Results.SimulationResult? result = null;
        for (int round = 0; round < rounds; round++)
        {
            peer?.Dispose();
            peer = RunPeer(paths);
            double peerRate = peer.RootElement.GetProperty("pathsPerSecond").GetDouble();
            var clock = Stopwatch.StartNew();
            result = MonteCarlo.Run(scenario, new SimulationOptions(Paths: paths, Seed: 1));
            double rate = paths / clock.Elapsed.TotalSeconds;
            peerRates.Add(peerRate);
            rates.Add(rate);
            ratios.Add(rate / peerRate);
        }
        if (peer is null || result is null) throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "at least one round");
        using var lastPeer = peer;
        double median = Median(ratios);

        // Each target's exact probability: Φ((ln(1/1.45) + 5(0.08 − 0.05²/2)) / (0.05√5)).
        const double mu = 0.08, sigma = 0.05;
        double exact = Normal.CDF(0, 1, (Math.Log(1 / 1.45) + 5 * (mu - sigma * sigma / 2)) / (sigma * Math.Sqrt(5)));
        double se = Math.Sqrt(exact * (1 - exact) / paths);
        var peerP = peer.RootElement.GetProperty("probability").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double worstEngine = result.Indicators.Max(o => Math.Abs(o.Probability - exact)) / se;
        double worstPeer = peerP.Max(p => Math.Abs(p - exact)) / se;

        // Percentiles: rank error against the exact lognormal marginal ln x_t ~ N(t(μ − σ²/2), σ√t).
        double worstRank = 0, worstPeerRank = 0;
        var levels = new[] { 5, 25, 50, 75, 95 };
        var peerQ = peer.RootElement.GetProperty("quantiles");
        for (int k = 0; k < 8; k++)
        {
            var years = result.Indicators[k].Years;
            for (int t = 0; t < 5; t++)
            {
                var y = years[t];
                double[] ours = [y.P5, y.P25, y.P50, y.P75, y.P95];
                for (int q = 0; q < 5; q++)
                {
                    double Rank(double v) => Normal.CDF((t + 1) * (mu - sigma * sigma / 2), sigma * Math.Sqrt(t + 1), Math.Log(v));
                    worstRank = Math.Max(worstRank, Math.Abs(Rank(ours[q]) - levels[q] / 100.0));
                    double theirs = peerQ.GetProperty(levels[q].ToString(Inv))[k][t].GetDouble();
                    worstPeerRank = Math.Max(worstPeerRank, Math.Abs(Rank(theirs) - levels[q] / 100.0));
                }
            }
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"## bench-gbm8: Forecast against the NumPy peer ({paths:N0} paths, {Environment.ProcessorCount} cores, {Environment.OSVersion}, NumPy {peer.RootElement.GetProperty("numpy").GetString()})");
        report.AppendLine();
        report.AppendLine("| round | Forecast paths/s | NumPy paths/s | ratio |");
        report.AppendLine("|---|---|---|---|");
        for (int r = 0; r < rounds; r++)
            report.AppendLine(CultureInfo.InvariantCulture, $"| {r + 1} | {rates[r]:N0} | {peerRates[r]:N0} | {ratios[r]:F1}× |");
        report.AppendLine();
        report.AppendLine("Same outputs (last round):");
        report.AppendLine();
        report.AppendLine("| | worst probability error (in SE) | worst percentile rank error |");
        report.AppendLine("|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| Forecast | {worstEngine:F2} | {worstRank:F5} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| NumPy | {worstPeer:F2} | {worstPeerRank:F5} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Ratio: **{median:F1}×** NumPy's paths per second (median of {rounds} rounds; Forecast median {Median(rates):N0} paths/s, NumPy median {Median(peerRates):N0}). Exact probability per target {exact:F4}; joint: Forecast {result.AllHeadlineProbability:F4}, NumPy {peer.RootElement.GetProperty("jointProbability").GetDouble():F4}.");
        return Save("peer-gbm8.md", report.ToString());
    }

    private static JsonDocument RunPeer(long paths)
    {
        string script = Path.Combine(Workloads.Root, "Forecast.Benchmarks", "peers", "gbm8.py");
        var start = new ProcessStartInfo("/usr/bin/python3", [script, paths.ToString(Inv), "1"]) { RedirectStandardOutput = true };
        // Older OpenBLAS builds need these on some processors; they slow a current NumPy, so the peer runs without them.
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        using var python = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3 (apt-get install -y python3-numpy)");
        string json = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0) throw new InvalidOperationException("the NumPy peer failed; is python3-numpy installed?");
        return JsonDocument.Parse(json);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int Throughput(long paths, string? only)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## Throughput ({paths:N0} paths, {Environment.ProcessorCount} cores)");
        report.AppendLine();
        report.AppendLine("| workload | threads | seconds | paths/s | speed-up | CPU seconds | paths per CPU-second |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        // A workload is bench-gbm8, liaocheng-2025 or the path of any scenario file.
        var workloads = only is not null && only.EndsWith(".yaml", StringComparison.Ordinal)
            ? new[] { (Path.GetFileNameWithoutExtension(only), Forecast.Scenarios.ScenarioReader.Read(only)) }
            : new[] { ("bench-gbm8", Workloads.Gbm8), ("liaocheng-2025", Workloads.Liaocheng) };
        foreach (var (name, scenario) in workloads)
        {
            if (only is not null && only != name && !only.EndsWith(".yaml", StringComparison.Ordinal)) continue;
            // Unmeasured warm-up on each thread count that is measured next, with another seed: the JIT's tiers, the engine's
            // lazily filled tables (log-gamma, Beta quantiles) and the thread pool are ready before either clock starts, so
            // the 1-thread figure, measured first, carries no more start-up than the 2-thread one.
            foreach (int threads in new[] { 1, 2 })
                MonteCarlo.Run(scenario, new SimulationOptions(Paths: Math.Max(50_000, paths / 10), Seed: 2, Threads: threads));
            double one = 0;
            foreach (int threads in new[] { 1, 2 })
            {
                // The process's CPU time is the steadier figure on a shared machine (a busy neighbour lengthens the wall time, not the work).
                using var self = Process.GetCurrentProcess();
                var cpu = self.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                MonteCarlo.Run(scenario, new SimulationOptions(Paths: paths, Seed: 1, Threads: threads));
                double s = clock.Elapsed.TotalSeconds;
                self.Refresh();
                double cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
                if (threads == 1) one = s;
                report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {threads} | {s:F2} | {paths / s:N0} | {one / s:F2} | {cpuSeconds:F2} | {paths / cpuSeconds:N0} |");
            }
        }
        return Save("throughput.md", report.ToString());
    }

    /// <summary>
    /// Paths each sampling method needs for a 95% half-width of 0.005 on every Liaocheng target: R
    /// independent runs of N paths give the variance of each probability estimate, so one path's
    /// effective variance is N·Var(p̂) and the paths needed are 1.96²·N·Var(p̂)/0.005² for the worst target.
    /// It also compares what the runs reported with what they did, over every target whose estimate varied: the mean
    /// squared half-width reported against 1.96² times the runs' own variance, summed over targets (an honest interval
    /// gives about 1; a little more with few units, by Student's t: (t₁₅/1.96)² = 1.18 for 16 units).
    /// </summary>
    private static int Precision(long paths)
    {
        const int replicates = 24;
        const double h = 0.005;
        var scenario = Workloads.Liaocheng;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## Paths needed for a 95% half-width of {h} on every Liaocheng target ({replicates} runs of {paths:N0} paths per method)");
        report.AppendLine();
        report.AppendLine("| sampling | worst target | variance per path | paths needed | relative to random | reported / actual variance, all targets |");
        report.AppendLine("|---|---|---|---|---|---|");
        double baseline = 0;
        foreach (var method in new[] { SamplingMethod.Random, SamplingMethod.Antithetic, SamplingMethod.LatinHypercube, SamplingMethod.Sobol })
        {
            var estimates = new double[replicates][];
            var halfWidths = new double[replicates][];
            for (int r = 0; r < replicates; r++)
            {
                var outcomes = MonteCarlo.Run(scenario, new SimulationOptions(Paths: paths, Seed: (ulong)(1000 + r), Sampling: method)).Indicators;
                estimates[r] = outcomes.Select(o => o.Probability).ToArray();
                halfWidths[r] = outcomes.Select(o => o.ProbabilityCi95.HalfWidth).ToArray();
            }
            int targets = estimates[0].Length;
            double worst = 0;
            string worstId = "";
            for (int k = 0; k < targets; k++)
            {
                double mean = estimates.Average(e => e[k]);
                double variance = estimates.Sum(e => (e[k] - mean) * (e[k] - mean)) / (replicates - 1);
                if (variance * paths > worst)
                {
                    worst = variance * paths;
                    worstId = scenario.Indicators[k].Id;
                }
            }
            double needed = 1.959964 * 1.959964 * worst / (h * h);
            if (method == SamplingMethod.Random) baseline = needed;
            double reported = 0, actual = 0;
            for (int k = 0; k < targets; k++)
            {
                double mean = estimates.Average(e => e[k]);
                double variance = estimates.Sum(e => (e[k] - mean) * (e[k] - mean)) / (replicates - 1);
                if (variance == 0) continue;
                reported += halfWidths.Average(w => w[k] * w[k]);
                actual += 1.959964 * 1.959964 * variance;
            }
            report.AppendLine(CultureInfo.InvariantCulture, $"| {method} | {worstId} | {worst:F4} | {needed:N0} | {needed / baseline:F2} | {reported / actual:F2} |");
        }
        return Save("precision.md", report.ToString());
    }

    private static int Memory()
    {
        var report = new StringBuilder();
        report.AppendLine("## Peak memory against paths (bench-gbm8, whole process)");
        report.AppendLine();
        report.AppendLine("| paths | peak working set (MB) | seconds |");
        report.AppendLine("|---|---|---|");
        foreach (long paths in new long[] { 1_000_000, 100_000_000 })
        {
            var start = new ProcessStartInfo("dotnet", [typeof(Measurements).Assembly.Location, "memory-child", paths.ToString(Inv)]) { RedirectStandardOutput = true };
            using var child = Process.Start(start)!;
            string line = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            var parts = line.Split(' ');
            report.AppendLine(CultureInfo.InvariantCulture, $"| {paths:N0} | {long.Parse(parts[0], Inv) / 1e6:F0} | {double.Parse(parts[1], Inv):F1} |");
        }
        return Save("memory.md", report.ToString());
    }

    private static int MemoryChild(long paths)
    {
        var clock = Stopwatch.StartNew();
        MonteCarlo.Run(Workloads.Gbm8, new SimulationOptions(Paths: paths, Seed: 1));
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(Inv, $"{self.PeakWorkingSet64} {clock.Elapsed.TotalSeconds}"));
        return 0;
    }

    internal static int Save(string name, string markdown)
    {
        Console.WriteLine(markdown);
        string folder = Path.Combine(Workloads.Root, "BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), markdown);
        return 0;
    }
}
