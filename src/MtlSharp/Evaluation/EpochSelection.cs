using MtlSharp.Tasks;
using MtlSharp.Training;

namespace MtlSharp.Evaluation;

/// <summary>
/// The three labelled test results of a run: at the epoch with the best validation score, at the last
/// epoch, and averaged over the last N epochs. Selection never looks at test metrics: without a
/// validation split there is no best-validation result, and the note states that.
/// </summary>
public sealed record EpochSelection(SelectedResult? BestValidation, SelectedResult Last, SelectedResult MeanOfLast, string Note)
{
    /// <summary>Label of the result at the best validation epoch.</summary>
    public const string BestValidationLabel = "best_validation";

    /// <summary>Label of the result at the last epoch.</summary>
    public const string LastLabel = "last";

    /// <summary>The result the run headlines: best validation when a validation split exists, else the last epoch.</summary>
    public SelectedResult Primary => BestValidation ?? Last;

    /// <summary>Selects from <paramref name="records"/>; <paramref name="baselines"/> adds Δp and Δm when given.</summary>
    public static EpochSelection From(IReadOnlyList<EpochRecord> records, IReadOnlyList<TaskSpec> tasks, BaselineSet? baselines, int averageLast)
    {
        if (records.Count == 0)
        {
            throw new ArgumentException("No epochs were recorded, so there is nothing to select.", nameof(records));
        }

        DeltaReport? Delta(TaskMetrics test) => baselines is null ? null : RelativeImprovement.Compute(tasks, test, baselines.Metrics);

        EpochRecord last = records[^1];
        var lastResult = new SelectedResult(LastLabel, new[] { last.Epoch }, last.Test, last.TestDelta);

        int count = Math.Min(averageLast, records.Count);
        var tail = records.Skip(records.Count - count).ToArray();
        TaskMetrics mean = TaskMetrics.Mean(tail.Select(r => r.Test).ToArray());
        var meanResult = new SelectedResult($"mean_last_{count}", tail.Select(r => r.Epoch).ToArray(), mean, Delta(mean));

        if (records.Any(r => r.ValidationScore is null))
        {
            return new EpochSelection(null, lastResult, meanResult,
                "No validation split: reporting the last epoch; no epoch is selected on test metrics.");
        }

        EpochRecord best = records.MaxBy(r => r.ValidationScore!.Value)!;
        var bestResult = new SelectedResult(BestValidationLabel, new[] { best.Epoch }, best.Test, best.TestDelta);
        string criterion = baselines is null
            ? "mean validation KPI (signed by direction; no baselines, so no validation Δp)"
            : "validation Δp";
        return new EpochSelection(bestResult, lastResult, meanResult, $"Epoch {best.Epoch} selected by {criterion}.");
    }
}
