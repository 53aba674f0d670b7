namespace MtlSharp.Training;

/// <summary>Schedule and optimizer settings of one run. Validated by <see cref="Validate"/> before training.</summary>
public sealed record TrainerOptions
{
    /// <summary>Number of epochs.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Training batch size.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Batch size of validation and test passes; it does not change any metric.</summary>
    public int EvaluationBatchSize { get; init; } = 1024;

    /// <summary>Optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Initial learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Momentum of SGD; ignored by Adam.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate schedule.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>Epochs between decays of the step schedule.</summary>
    public int StepSize { get; init; } = 10;

    /// <summary>Decay factor of the step schedule.</summary>
    public double Gamma { get; init; } = 0.1;

    /// <summary>Run seed: initialization, data order and method randomness all derive from it.</summary>
    public int Seed { get; init; }

    /// <summary>Number of final epochs whose test metrics are averaged in the result.</summary>
    public int AverageLastEpochs { get; init; } = 3;

    /// <summary>Where a gradient aggregator takes per-task gradients; loss balancers ignore it.</summary>
    public GradientMode GradientMode { get; init; } = GradientMode.Parameters;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Batch size must be at least 1.");
        }

        if (EvaluationBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EvaluationBatchSize), EvaluationBatchSize, "Evaluation batch size must be at least 1.");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Learning rate must be a positive finite number such as 1e-3.");
        }

        if (Momentum < 0 || Momentum >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must be in [0, 1).");
        }

        if (WeightDecay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Weight decay must be zero or positive.");
        }

        if (StepSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(StepSize), StepSize, "Step size of the step schedule must be at least 1 epoch.");
        }

        if (!(Gamma > 0) || Gamma > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "Gamma of the step schedule must be in (0, 1].");
        }

        if (AverageLastEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(AverageLastEpochs), AverageLastEpochs, "The number of final epochs to average must be at least 1.");
        }
    }
}
