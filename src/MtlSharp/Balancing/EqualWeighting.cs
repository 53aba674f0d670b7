using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>
/// Equal weighting (unitary scalarization): the plain sum Σ_i L_i, so λ_i = 1 for every task.
/// A sum rather than a mean, as in Kurin et al., "In Defense of the Unitary Scalarization for Deep
/// Multi-Task Learning", NeurIPS 2022.
/// </summary>
public sealed class EqualWeighting : ILossBalancer
{
    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context) => losses.sum();
}
