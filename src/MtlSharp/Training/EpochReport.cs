using MtlSharp.Evaluation;
using MtlSharp.Tasks;

namespace MtlSharp.Training;

/// <summary>What epoch-level methods (DWA, LSB, AMTL, WGeM, STCH) see at the end of an epoch.</summary>
/// <param name="Epoch">Zero-based index of the epoch that just ended.</param>
/// <param name="Tasks">The run's tasks, in loss-vector order.</param>
/// <param name="TrainingLosses">Unweighted mean training loss of each task over the epoch's batches [K].</param>
/// <param name="Validation">Validation metrics of the epoch, or null when the benchmark has no validation split.</param>
public sealed record EpochReport(
    int Epoch,
    IReadOnlyList<TaskSpec> Tasks,
    IReadOnlyList<double> TrainingLosses,
    TaskMetrics? Validation);
