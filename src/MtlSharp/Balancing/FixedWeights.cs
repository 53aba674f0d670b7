using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>The objective of balancers that hold per-epoch weights: Σ_i λ_i L_i, or Σ_i L_i before the weights exist.</summary>
internal static class FixedWeights
{
    /// <summary>Returns Σ_i λ_i L_i with λ treated as constants, or Σ_i L_i when <paramref name="weights"/> is null.</summary>
    public static torch.Tensor Combine(torch.Tensor losses, IReadOnlyList<double>? weights)
    {
        if (weights is null)
        {
            return losses.sum();
        }

        using torch.Tensor lambda = torch.tensor(weights.ToArray(), dtype: losses.dtype);
        return (lambda * losses).sum();
    }
}
