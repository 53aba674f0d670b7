using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>
/// Random loss weighting (RLW) of Lin et al., "Reasonable Effectiveness of Random Weighting: A Litmus Test
/// for Multi-Task Learning", TMLR 2022: every step draws ε ~ N(0, I) [K] and returns Σ_i λ_i L_i with
/// λ = softmax(ε), so the weights are positive and sum to 1.
/// </summary>
/// <remarks>
/// The sum Σ_i λ_i L_i without a factor K follows LibMTL's RLW (LibMTL/weighting/RLW.py), the authors'
/// implementation. ε is drawn from <see cref="StepContext.Generator"/>, so a run repeats exactly under the
/// same seed.
/// </remarks>
public sealed class RandomLossWeighting : ILossBalancer
{
    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context)
    {
        torch.Tensor epsilon = torch.randn(losses.shape[0], generator: context.Generator, dtype: torch.float32);
        torch.Tensor weights = torch.softmax(epsilon, 0).to_type(losses.dtype);
        return (weights * losses).sum();
    }
}
