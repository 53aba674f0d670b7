using MtlSharp.Evaluation;

namespace MtlSharp.Cli.Running;

/// <summary>The headline of one finished run, for comparison tables.</summary>
/// <param name="Method">Method name.</param>
/// <param name="Test">Test metrics of the primary selection.</param>
/// <param name="Delta">Δp and Δm against the STL baselines, or null without baselines.</param>
/// <param name="Selection">Label of the primary selection.</param>
/// <param name="Folder">Run folder.</param>
public sealed record RunSummary(string Method, TaskMetrics Test, DeltaReport? Delta, string Selection, string Folder);
