using MtlSharp.Evaluation;

namespace MtlSharp.Training;

/// <summary>Outcome of one training run.</summary>
/// <param name="Epochs">Every epoch's record.</param>
/// <param name="Selection">The labelled test results.</param>
/// <param name="Diagnostics">Solver failures and other counted events.</param>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> Epochs, EpochSelection Selection, RunDiagnostics Diagnostics);
