using MtlSharp.Evaluation;

namespace MtlSharp.Training;

/// <summary>Everything measured in one epoch; one line of metrics.jsonl.</summary>
/// <param name="Epoch">Zero-based epoch index.</param>
/// <param name="TrainingLosses">Unweighted mean training loss of each task [K].</param>
/// <param name="MeanWeights">Mean effective task weight λ of each task over the epoch's steps [K], or null when the method defines none.</param>
/// <param name="Validation">Validation metrics, or null without a validation split.</param>
/// <param name="Test">Test metrics.</param>
/// <param name="ValidationDelta">Δp and Δm of the validation metrics against the STL baselines, or null without baselines or validation split.</param>
/// <param name="TestDelta">Δp and Δm of the test metrics against the STL baselines, or null without baselines.</param>
/// <param name="ValidationScore">Score used for epoch selection: validation Δp with baselines, else the mean signed validation KPI.</param>
/// <param name="TrainSeconds">Wall time of the training pass.</param>
/// <param name="SamplesPerSecond">Training throughput.</param>
public sealed record EpochRecord(
    int Epoch,
    IReadOnlyList<double> TrainingLosses,
    IReadOnlyList<double>? MeanWeights,
    TaskMetrics? Validation,
    TaskMetrics Test,
    DeltaReport? ValidationDelta,
    DeltaReport? TestDelta,
    double? ValidationScore,
    double TrainSeconds,
    double SamplesPerSecond);
