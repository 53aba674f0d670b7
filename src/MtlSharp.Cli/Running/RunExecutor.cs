using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MtlSharp.Architectures;
using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using MtlSharp.Training;
using Spectre.Console;
using TorchSharp;

namespace MtlSharp.Cli.Running;

/// <summary>
/// Runs one training request end to end: loads baselines and data, trains (one network per task for
/// single-task learning), and writes the run folder. Single-task runs also write the baselines file.
/// </summary>
public sealed class RunExecutor
{
    private readonly ILogger logger;

    /// <summary>Creates an executor that logs to <paramref name="logger"/>.</summary>
    public RunExecutor(ILogger logger)
    {
        this.logger = logger;
    }

    /// <summary>Executes <paramref name="request"/> and returns its headline result.</summary>
    public RunSummary Execute(RunRequest request)
    {
        BaselineSet? baselines = LoadBaselines(request);
        var environment = new MethodEnvironment(request.Benchmark.Tasks, baselines, request.Trainer.Seed, logger);

        // Build the method once before loading data, so that a missing baseline or an invalid option
        // fails in a second rather than after the data set is composed.
        IMultiTaskMethod probe = request.Method.Create(request.MethodOptions, environment);
        _ = probe;

        if (request.Threads is int threads)
        {
            torch.set_num_threads(threads);
        }

        logger.LogInformation("Loading {Benchmark} (seed {Seed})", request.Benchmark.Name, request.Data.Seed);
        using var splits = request.Benchmark.Load(request.Data);
        logger.LogInformation("Splits: {Train} training, {Validation} validation, {Test} test samples",
            splits.Train.Count, splits.Validation?.Count ?? 0, splits.Test.Count);

        return request.Method.Family == MethodFamily.SingleTask
            ? RunSingleTask(request, splits)
            : RunMultiTask(request, splits, baselines, environment);
    }

    private RunSummary RunMultiTask(RunRequest request, DataSplits splits, BaselineSet? baselines, MethodEnvironment environment)
    {
        IReadOnlyList<TaskSpec> tasks = request.Benchmark.Tasks;
        torch.manual_seed(request.Trainer.Seed);
        using MultiTaskModel model = request.Benchmark.CreateModel(Enumerable.Range(0, tasks.Count).ToArray());
        IMultiTaskMethod method = request.Method.Create(request.MethodOptions, environment);

        TrainingResult result;
        using (var folder = new RunFolder(request.OutputFolder, tasks))
        {
            folder.WriteConfig(Config(request, baselines));
            result = Train(request, request.Method.Name, model, tasks, splits, method, baselines, folder);
            string baselinesNote = baselines is null
                ? $"not found at {request.BaselinesPath}; delta_p omitted"
                : $"{request.BaselinesPath} ({baselines.Source})";
            folder.Complete(ResultJson.Create(request.Benchmark.Name, request.Method.Name, request.Trainer.Seed, result, baselinesNote));
        }

        SelectedResult primary = result.Selection.Primary;
        return new RunSummary(request.Method.Name, primary.Test, primary.Delta, primary.Label, request.OutputFolder);
    }

    private RunSummary RunSingleTask(RunRequest request, DataSplits splits)
    {
        IReadOnlyList<TaskSpec> tasks = request.Benchmark.Tasks;
        var perTask = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        var selections = new JsonObject();

        for (int i = 0; i < tasks.Count; i++)
        {
            TaskSpec task = tasks[i];
            var only = new[] { task };
            using var taskSplits = new DataSplits(
                splits.Train.SelectTasks(new[] { i }),
                splits.Validation?.SelectTasks(new[] { i }),
                splits.Test.SelectTasks(new[] { i }));

            torch.manual_seed(request.Trainer.Seed);
            using MultiTaskModel model = request.Benchmark.CreateModel(new[] { i });
            IMultiTaskMethod method = request.Method.Create(request.MethodOptions, new MethodEnvironment(only, null, request.Trainer.Seed, logger));

            string taskFolder = Path.Combine(request.OutputFolder, task.Name);
            using var folder = new RunFolder(taskFolder, only);
            folder.WriteConfig(Config(request, null));
            TrainingResult taskResult = Train(request, $"stl/{task.Name}", model, only, taskSplits, method, null, folder);
            folder.Complete(ResultJson.Create(request.Benchmark.Name, $"stl/{task.Name}", request.Trainer.Seed, taskResult, null));

            SelectedResult primary = taskResult.Selection.Primary;
            perTask[task.Name] = primary.Test.Values[task.Name];
            selections[task.Name] = new JsonObject { ["selection"] = primary.Label, ["epoch"] = primary.Epochs[^1] };
        }

        var metrics = new TaskMetrics(perTask);
        string source = $"stl, seed {request.Trainer.Seed}, {request.Trainer.Epochs} epochs, lr {request.Trainer.LearningRate}, batch {request.Trainer.BatchSize}, {request.Trainer.Optimizer}, test metrics at each task's best validation epoch";
        var baselineSet = new BaselineSet(request.Benchmark.Name, metrics, source, ScheduleOf(request));
        baselineSet.Save(Path.Combine(request.OutputFolder, "baselines.json"));
        baselineSet.Save(request.BaselinesPath);
        logger.LogInformation("Wrote STL baselines to {Path}", request.BaselinesPath);

        var result = new JsonObject
        {
            ["benchmark"] = request.Benchmark.Name,
            ["method"] = "stl",
            ["seed"] = request.Trainer.Seed,
            ["tasks"] = MetricsJson.From(metrics),
            ["delta_p"] = 0.0,
            ["delta_m"] = 0.0,
            ["selection"] = "per task, see selections",
            ["selections"] = selections,
            ["baselines"] = request.BaselinesPath,
        };
        AtomicFile.WriteAllText(Path.Combine(request.OutputFolder, RunFolder.ResultFile), result.ToJsonString(RunFolder.Indented));

        return new RunSummary("stl", metrics, new DeltaReport(0, 0, tasks.ToDictionary(t => t.Name, _ => 0.0)), "best_validation per task", request.OutputFolder);
    }

    private TrainingResult Train(
        RunRequest request,
        string label,
        MultiTaskModel model,
        IReadOnlyList<TaskSpec> tasks,
        DataSplits splits,
        IMultiTaskMethod method,
        BaselineSet? baselines,
        RunFolder folder)
    {
        var trainer = new Trainer(request.Trainer, logger);
        if (!request.ShowProgress)
        {
            return trainer.Fit(model, tasks, splits, method, baselines, new CompositeObserver(folder, new ProgressObserver(label, tasks, null)));
        }

        TrainingResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                result = trainer.Fit(model, tasks, splits, method, baselines, new CompositeObserver(folder, new ProgressObserver(label, tasks, context)));
            });
        return result!;
    }

    private BaselineSet? LoadBaselines(RunRequest request)
    {
        if (request.Method.Family == MethodFamily.SingleTask)
        {
            return null;
        }

        if (!File.Exists(request.BaselinesPath))
        {
            if (request.Method.NeedsBaselines)
            {
                throw new FileNotFoundException(
                    $"Method '{request.Method.Name}' needs STL baselines, and '{request.BaselinesPath}' was not found. " +
                    $"Produce it first with: mtl train --benchmark {request.Benchmark.Name} --method stl {ScheduleOptions(request)}, or pass --baselines FILE.",
                    request.BaselinesPath);
            }

            logger.LogWarning(
                "Baselines file {Path} not found, so delta_p and delta_m are omitted. Produce it with: mtl train --benchmark {Benchmark} --method stl {Options}, or pass --baselines FILE.",
                request.BaselinesPath, request.Benchmark.Name, ScheduleOptions(request));
            return null;
        }

        BaselineSet baselines = BaselineSet.Load(request.BaselinesPath, request.Benchmark.Name);
        string schedule = ScheduleOf(request);
        if (baselines.Schedule is not null && baselines.Schedule != schedule)
        {
            logger.LogWarning(
                "The baselines in {Path} come from another schedule ({BaselineSchedule}) than this run ({Schedule}), so delta_p compares unlike runs. Rerun stl with this run's options.",
                request.BaselinesPath, baselines.Schedule, schedule);
        }

        return baselines;
    }

    /// <summary>Returns the schedule settings that STL baselines must share with the runs compared to them; the seed may differ.</summary>
    private static string ScheduleOf(RunRequest request)
    {
        TrainerOptions t = request.Trainer;
        string train = request.Data.TrainSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all";
        string test = request.Data.TestSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all";
        return System.FormattableString.Invariant(
            $"epochs {t.Epochs}, batch {t.BatchSize}, {t.Optimizer} lr {t.LearningRate}, weight decay {t.WeightDecay}, schedule {t.Schedule}, train size {train}, test size {test}");
    }

    /// <summary>Returns the command-line options that reproduce this run's schedule for an STL run.</summary>
    private static string ScheduleOptions(RunRequest request)
    {
        TrainerOptions t = request.Trainer;
        string options = System.FormattableString.Invariant(
            $"--epochs {t.Epochs} --batch-size {t.BatchSize} --optimizer {t.Optimizer.ToString().ToLowerInvariant()} --lr {t.LearningRate} --schedule {t.Schedule.ToString().ToLowerInvariant()} --seed {t.Seed}");
        if (t.WeightDecay != 0)
        {
            options += System.FormattableString.Invariant($" --weight-decay {t.WeightDecay}");
        }

        if (request.Data.TrainSize is int trainSize)
        {
            options += System.FormattableString.Invariant($" --train-size {trainSize}");
        }

        if (request.Data.TestSize is int testSize)
        {
            options += System.FormattableString.Invariant($" --test-size {testSize}");
        }

        return options;
    }

    private static JsonObject Config(RunRequest request, BaselineSet? baselines)
    {
        TrainerOptions t = request.Trainer;
        var methodOptions = new JsonObject();
        foreach (var (name, value) in request.MethodOptions.Values)
        {
            methodOptions[name] = value;
        }

        return new JsonObject
        {
            ["benchmark"] = request.Benchmark.Name,
            ["method"] = request.Method.Name,
            ["method_family"] = request.Method.Family.ToString(),
            ["method_options"] = methodOptions,
            ["gradient_mode"] = request.Method.Family == MethodFamily.GradientAggregation ? t.GradientMode.ToString() : null,
            ["seed"] = t.Seed,
            ["epochs"] = t.Epochs,
            ["batch_size"] = t.BatchSize,
            ["optimizer"] = t.Optimizer.ToString(),
            ["learning_rate"] = t.LearningRate,
            ["momentum"] = t.Momentum,
            ["weight_decay"] = t.WeightDecay,
            ["schedule"] = t.Schedule.ToString(),
            ["step_size"] = t.StepSize,
            ["gamma"] = t.Gamma,
            ["average_last_epochs"] = t.AverageLastEpochs,
            ["threads"] = torch.get_num_threads(),
            ["data_root"] = request.Data.DataRoot,
            ["train_size"] = request.Data.TrainSize,
            ["test_size"] = request.Data.TestSize,
            ["baselines"] = baselines is null ? null : request.BaselinesPath,
            ["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString(),
        };
    }
}
