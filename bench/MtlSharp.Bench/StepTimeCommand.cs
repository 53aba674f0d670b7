using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Benchmarks;
using MtlSharp.Benchmarks.MultiFashion;
using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using MtlSharp.Training;
using Spectre.Console.Cli;
using TorchSharp;

namespace MtlSharp.Bench;

/// <summary>
/// Times training steps on multi-fashion: equal weighting through the library against a hand-written
/// TorchSharp loop, and optionally every registered method, all in one process. Runners alternate in
/// rounds so that load from other processes spreads over all of them.
/// </summary>
public sealed class StepTimeCommand : Command<StepTimeSettings>
{
    private const int DistinctBatches = 16;

    public override int Execute(CommandContext context, StepTimeSettings settings, CancellationToken cancellationToken)
    {
        int threads = settings.Threads == 0 ? Environment.ProcessorCount : settings.Threads;
        torch.set_num_threads(threads);

        var benchmark = new MultiFashionBenchmark();
        IReadOnlyList<TaskSpec> tasks = benchmark.Tasks;
        using DataSplits splits = benchmark.Load(new BenchmarkSettings(settings.DataRoot, settings.Seed, TrainSize: settings.BatchSize * DistinctBatches, TestSize: 1));
        torch.Tensor[] batches = CreateBatches(splits.Train, settings.BatchSize, settings.Seed);

        var runners = new List<StepRunner>();
        var results = new Dictionary<StepRunner, RunnerResult>();
        var failures = new List<RunnerResult>();
        try
        {
            CreateRunners(settings, benchmark, tasks, splits.Train, runners, failures);
            WarmUp(runners, batches, settings.Warmup, failures);

            var times = runners.ToDictionary(r => r, _ => new List<double>());
            var growth = new Dictionary<StepRunner, long>();
            for (int round = 0; round < settings.Rounds; round++)
            {
                for (int k = 0; k < runners.Count; k++)
                {
                    StepRunner runner = runners[(k + round) % runners.Count];
                    long liveBefore = LiveTensors();
                    for (int s = 0; s < settings.Steps; s++)
                    {
                        long start = Stopwatch.GetTimestamp();
                        runner.Step(batches[runner.Steps % batches.Length]);
                        times[runner].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }

                    growth[runner] = LiveTensors() - liveBefore;
                }
            }

            StepRunner ew = runners[0];
            StepRunner handWritten = runners[1];
            double ewMedian = Percentile(times[ew], 0.5);
            foreach (StepRunner runner in runners)
            {
                double median = Percentile(times[runner], 0.5);
                results[runner] = new RunnerResult(
                    runner is LibraryStepRunner ? $"{runner.Name} (library)" : runner.Name,
                    runner.Mode,
                    Percentile(times[runner], 0),
                    median,
                    Percentile(times[runner], 0.25),
                    Percentile(times[runner], 0.75),
                    median / ewMedian,
                    growth[runner],
                    runner.LastLoss,
                    null);
            }

            using var process = Process.GetCurrentProcess();
            var report = new BenchReport(
                benchmark.Name,
                "MultiLeNet",
                settings.BatchSize,
                settings.LearningRate,
                torch.get_num_threads(),
                Environment.ProcessorCount,
                settings.Rounds,
                settings.Steps,
                settings.Warmup,
                RuntimeInformation.FrameworkDescription,
                typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
                ewMedian / Percentile(times[handWritten], 0.5),
                process.PeakWorkingSet64 / (1024.0 * 1024.0),
                torch.Tensor.PeakCount,
                runners.Select(r => results[r]).Concat(failures).ToArray());

            Console.Write(report.ToMarkdown());
            if (settings.Out is not null)
            {
                AtomicFile.WriteAllText(settings.Out, report.ToJson());
                Console.WriteLine($"\nWrote {settings.Out}.");
            }

            return 0;
        }
        finally
        {
            foreach (StepRunner runner in runners)
            {
                runner.Dispose();
            }

            foreach (torch.Tensor batch in batches)
            {
                batch.Dispose();
            }
        }
    }

    private static void CreateRunners(
        StepTimeSettings settings,
        MultiFashionBenchmark benchmark,
        IReadOnlyList<TaskSpec> tasks,
        MultiTaskDataset data,
        List<StepRunner> runners,
        List<RunnerResult> failures)
    {
        Func<Architectures.MultiTaskModel> createModel = () => benchmark.CreateModel(Enumerable.Range(0, tasks.Count).ToArray());
        var environment = new MethodEnvironment(tasks, MadeUpBaselines(benchmark.Name, tasks), settings.Seed, NullLogger.Instance);

        // Equal weighting through the library is the reference of every ratio, so it comes first.
        MethodDefinition ew = MethodRegistry.Get("ew");
        runners.Add(new LibraryStepRunner(ew, null, createModel, tasks, data, environment, settings.LearningRate, settings.Seed));
        runners.Add(new HandWrittenStepRunner(createModel, data, settings.LearningRate, settings.Seed));

        foreach (MethodDefinition definition in SelectMethods(settings.Methods).Where(d => d.Name != ew.Name))
        {
            IEnumerable<GradientMode?> modes = definition.Family == MethodFamily.GradientAggregation
                ? definition.Modes.Select(m => (GradientMode?)m)
                : new GradientMode?[] { null };
            foreach (GradientMode? mode in modes)
            {
                try
                {
                    runners.Add(new LibraryStepRunner(definition, mode, createModel, tasks, data, environment, settings.LearningRate, settings.Seed));
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
                {
                    failures.Add(Failed(definition.Name, mode?.ToString() ?? "-", e));
                }
            }
        }
    }

    private static IEnumerable<MethodDefinition> SelectMethods(string methods)
    {
        if (string.Equals(methods.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return MethodRegistry.All.Where(m => m.Family != MethodFamily.SingleTask);
        }

        return methods
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(MethodRegistry.Get)
            .Where(m => m.Family != MethodFamily.SingleTask)
            .Distinct();
    }

    private static void WarmUp(List<StepRunner> runners, torch.Tensor[] batches, int warmupSteps, List<RunnerResult> failures)
    {
        // Runs at least one step each, so that a method that cannot run is dropped before timing starts.
        foreach (StepRunner runner in runners.ToArray())
        {
            try
            {
                for (int s = 0; s < Math.Max(warmupSteps, 1); s++)
                {
                    runner.Step(batches[runner.Steps % batches.Length]);
                }
            }
            catch (Exception e) when (runners.IndexOf(runner) >= 2)
            {
                failures.Add(Failed(runner.Name, runner.Mode, e));
                runners.Remove(runner);
                runner.Dispose();
            }
        }
    }

    private static RunnerResult Failed(string name, string mode, Exception e) =>
        new($"{name} (library)", mode, null, null, null, null, null, null, null, $"{e.GetType().Name}: {e.Message}");

    /// <summary>
    /// Baselines for methods that read them (achievement-based weighting). The values are made up, so
    /// they only let such a method run; its timing does not depend on them.
    /// </summary>
    private static BaselineSet MadeUpBaselines(string benchmark, IReadOnlyList<TaskSpec> tasks)
    {
        var values = tasks.ToDictionary(
            t => t.Name,
            t => (IReadOnlyDictionary<string, double>)t.Metrics.ToDictionary(m => m.Name, _ => 0.8));
        return new BaselineSet(benchmark, new TaskMetrics(values), "made up by the step-time harness");
    }

    private static torch.Tensor[] CreateBatches(MultiTaskDataset data, int batchSize, int seed)
    {
        using var shuffle = new torch.Generator(unchecked((ulong)seed + 1));
        return data.BatchIndices(batchSize, shuffle).Where(b => b.shape[0] == batchSize).ToArray();
    }

    private static long LiveTensors() => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    private static double Percentile(List<double> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        double position = quantile * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
