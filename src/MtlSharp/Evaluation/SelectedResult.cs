namespace MtlSharp.Evaluation;

/// <summary>Test metrics reported under one selection rule.</summary>
/// <param name="Label">"best_validation", "last" or "mean_last_N".</param>
/// <param name="Epochs">Zero-based epochs the metrics come from (one, or the averaged ones).</param>
/// <param name="Test">Test metrics (averaged for mean_last_N).</param>
/// <param name="Delta">Δp and Δm of <paramref name="Test"/> against the STL baselines, or null without baselines.</param>
public sealed record SelectedResult(string Label, IReadOnlyList<int> Epochs, TaskMetrics Test, DeltaReport? Delta);
