using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MtlSharp.Architectures;
using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Training;

/// <summary>
/// Trains a multi-task model with one method: the tasks produce a loss vector, the method turns it into
/// gradients through its backward pass, and the trainer steps the optimizer. Validation and test run
/// after every epoch. The trainer has no branch on a method's name.
/// </summary>
public sealed class Trainer
{
    private readonly TrainerOptions options;
    private readonly ILogger logger;

    /// <summary>Creates a trainer after validating <paramref name="options"/>.</summary>
    public Trainer(TrainerOptions options, ILogger logger)
    {
        options.Validate();
        this.options = options;
        this.logger = logger;
    }

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="splits"/> with <paramref name="method"/>.
    /// Seed the global generator before building the model; the trainer derives its data-order and
    /// method generators from <see cref="TrainerOptions.Seed"/>.
    /// </summary>
    /// <exception cref="NonFiniteLossException">A loss became NaN or infinite.</exception>
    public TrainingResult Fit(
        MultiTaskModel model,
        IReadOnlyList<TaskSpec> tasks,
        DataSplits splits,
        IMultiTaskMethod method,
        BaselineSet? baselines,
        ITrainingObserver observer)
    {
        if (model.TaskCount != tasks.Count)
        {
            throw new ArgumentException($"The model has {model.TaskCount} task outputs but {tasks.Count} tasks were given.", nameof(tasks));
        }

        IBackwardPass backward = BackwardPass.For(method, options.GradientMode);
        var parameters = model.parameters().Concat(method.Parameters).ToArray();
        using torch.optim.Optimizer optimizer = CreateOptimizer(parameters);
        torch.optim.lr_scheduler.LRScheduler? scheduler = CreateScheduler(optimizer);

        using var dataOrder = new torch.Generator(unchecked((ulong)options.Seed * 2654435761UL + 1));
        using var methodRandom = new torch.Generator(unchecked((ulong)options.Seed * 2654435761UL + 2));
        var diagnostics = new RunDiagnostics();
        var records = new List<EpochRecord>();
        long step = 0;

        model.train();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var lossSums = new double[tasks.Count];
            var weightSums = new double[tasks.Count];
            int weightSteps = 0;
            int batchCount = splits.Train.BatchCount(options.BatchSize);
            int batch = 0;
            long samples = 0;
            var clock = Stopwatch.StartNew();

            foreach (torch.Tensor indices in splits.Train.BatchIndices(options.BatchSize, dataOrder))
            {
                using var scope = torch.NewDisposeScope();
                indices.MoveToOtherDisposeScope(scope);
                var (input, targets) = splits.Train.Gather(indices);
                var context = new StepContext(step, epoch, tasks, methodRandom, logger, diagnostics);

                optimizer.zero_grad();
                StepOutcome outcome = backward.Run(model, input, targets, context);
                double[] losses = outcome.Losses.to_type(torch.float64).data<double>().ToArray();
                double[]? weights = outcome.Weights?.to_type(torch.float64).data<double>().ToArray();
                CheckFinite(step, epoch, tasks, losses, weights);

                optimizer.step();
                method.AfterOptimizerStep(new StepFeedback(step, outcome.Losses, () => RecomputeLosses(model, tasks, input, targets)));

                for (int i = 0; i < tasks.Count; i++)
                {
                    lossSums[i] += losses[i];
                }

                if (weights is not null)
                {
                    for (int i = 0; i < tasks.Count; i++)
                    {
                        weightSums[i] += weights[i];
                    }

                    weightSteps++;
                }

                samples += input.shape[0];
                observer.OnStep(step, epoch, batch, batchCount, losses, weights, samples / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
                step++;
                batch++;
            }

            double trainSeconds = clock.Elapsed.TotalSeconds;
            scheduler?.step();

            var meanLosses = lossSums.Select(s => batch == 0 ? double.NaN : s / batch).ToArray();
            double[]? meanWeights = weightSteps == 0 ? null : weightSums.Select(s => s / weightSteps).ToArray();
            EpochRecord record = Evaluate(model, tasks, splits, baselines, epoch, meanLosses, meanWeights, trainSeconds, samples);
            records.Add(record);

            method.OnEpochEnd(new EpochReport(epoch, tasks, meanLosses, record.Validation));
            observer.OnEpoch(record);
        }

        EpochSelection selection = EpochSelection.From(records, tasks, baselines, options.AverageLastEpochs);
        return new TrainingResult(records, selection, diagnostics);
    }

    private EpochRecord Evaluate(
        MultiTaskModel model,
        IReadOnlyList<TaskSpec> tasks,
        DataSplits splits,
        BaselineSet? baselines,
        int epoch,
        double[] meanLosses,
        double[]? meanWeights,
        double trainSeconds,
        long samples)
    {
        TaskMetrics? validation = splits.Validation is null ? null : Evaluator.Evaluate(model, tasks, splits.Validation, options.EvaluationBatchSize);
        TaskMetrics test = Evaluator.Evaluate(model, tasks, splits.Test, options.EvaluationBatchSize);

        DeltaReport? validationDelta = baselines is null || validation is null ? null : RelativeImprovement.Compute(tasks, validation, baselines.Metrics);
        DeltaReport? testDelta = baselines is null ? null : RelativeImprovement.Compute(tasks, test, baselines.Metrics);
        double? score = validation is null ? null : ValidationScore.Compute(tasks, validation, validationDelta);

        return new EpochRecord(epoch, meanLosses, meanWeights, validation, test, validationDelta, testDelta, score, trainSeconds, samples / Math.Max(trainSeconds, 1e-9));
    }

    private static torch.Tensor RecomputeLosses(MultiTaskModel model, IReadOnlyList<TaskSpec> tasks, torch.Tensor input, IReadOnlyList<torch.Tensor> targets)
    {
        using (torch.no_grad())
        {
            return TaskLosses.Compute(tasks, model.Decode(model.Encode(input)), targets);
        }
    }

    private static void CheckFinite(long step, int epoch, IReadOnlyList<TaskSpec> tasks, double[] losses, double[]? weights)
    {
        for (int i = 0; i < losses.Length; i++)
        {
            if (!double.IsFinite(losses[i]))
            {
                throw new NonFiniteLossException(
                    $"Loss of task '{tasks[i].Name}' is {losses[i]} at step {step} (epoch {epoch}). Lower the learning rate or check the inputs of that task; the run stopped before applying this step.");
            }
        }

        if (weights is not null && weights.Any(w => !double.IsFinite(w)))
        {
            throw new NonFiniteLossException(
                $"Effective task weights [{string.Join(", ", weights)}] are not finite at step {step} (epoch {epoch}); the method produced an invalid objective. The run stopped before applying this step.");
        }
    }

    private torch.optim.Optimizer CreateOptimizer(IEnumerable<Parameter> parameters) => options.Optimizer switch
    {
        OptimizerKind.Adam => torch.optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.Sgd => torch.optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
    };

    private torch.optim.lr_scheduler.LRScheduler? CreateScheduler(torch.optim.Optimizer optimizer) => options.Schedule switch
    {
        ScheduleKind.Constant => null,
        ScheduleKind.Step => torch.optim.lr_scheduler.StepLR(optimizer, options.StepSize, options.Gamma),
        ScheduleKind.Cosine => torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, options.Epochs),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Schedule, "Unknown learning-rate schedule."),
    };
}
