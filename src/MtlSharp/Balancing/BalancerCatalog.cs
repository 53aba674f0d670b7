using MtlSharp.Training;

namespace MtlSharp.Balancing;

/// <summary>Registry entries of the loss balancers.</summary>
public static class BalancerCatalog
{
    /// <summary>Every loss balancer, in the order `mtl methods` lists them.</summary>
    public static IReadOnlyList<MethodDefinition> Definitions { get; } = new[]
    {
        new MethodDefinition(
            "ew",
            MethodFamily.LossBalancing,
            "Equal weighting: the sum of task losses.",
            "Kurin et al., In Defense of the Unitary Scalarization for Deep Multi-Task Learning, NeurIPS 2022.",
            Array.Empty<MethodOption>(),
            (_, _) => new EqualWeighting(),
            Array.Empty<GradientMode>()),
    };
}
