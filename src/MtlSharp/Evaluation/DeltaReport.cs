namespace MtlSharp.Evaluation;

/// <summary>Relative improvement of a multi-task result over single-task baselines, in percent.</summary>
/// <param name="DeltaP">Per-task-first average; higher is better.</param>
/// <param name="DeltaM">Per-metric average of the relative change with the sign of a loss; lower is better.</param>
/// <param name="PerTask">Each task's own Δp, in percent; higher is better.</param>
public sealed record DeltaReport(double DeltaP, double DeltaM, IReadOnlyDictionary<string, double> PerTask);
