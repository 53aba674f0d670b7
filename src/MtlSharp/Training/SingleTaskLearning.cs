using MtlSharp.Balancing;

namespace MtlSharp.Training;

/// <summary>
/// Single-task learning (STL): one network per task, each trained alone with the plain task loss. Its
/// test results are the baselines that Δp and Δm compare against.
/// </summary>
public static class SingleTaskLearning
{
    /// <summary>Registry entry. Each single-task network is trained with equal weighting on its one loss.</summary>
    public static MethodDefinition Definition { get; } = new(
        "stl",
        MethodFamily.SingleTask,
        "One network per task, trained alone; writes the baselines file used by Δp.",
        "Standard single-task baseline (see Vandenhende et al., Multi-Task Learning for Dense Prediction Tasks: A Survey, TPAMI 2021).",
        Array.Empty<MethodOption>(),
        (_, _) => new EqualWeighting(),
        Array.Empty<GradientMode>());
}
