using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>
/// GeM(p), the generalized mean of task losses with equal weights: M_p(L; 1/K) = ((1/K) Σ_i L_i^p)^(1/p),
/// so λ_i = (1/K) (L_i / M_p)^(p-1). p = 0 is the geometric loss strategy GLS, (Π_i L_i)^(1/K), of
/// Chennupati et al., "MultiNet++: Multi-Stream Feature Aggregation and Geometric Loss Strategy for
/// Multi-Task Learning", CVPR Workshops 2019; p = 1 is the mean loss, equal weighting divided by K;
/// p = -1 the harmonic mean; large p approaches the maximum loss.
/// </summary>
/// <remarks>
/// The value is the mean itself, without a factor K, as in GLS: for L = [4, 1], GLS is 2 and λ = [0.25, 1].
/// A factor K would only rescale every gradient, which the learning rate absorbs. GeM(0) is invariant to
/// rescaling any single task's loss: the direction Σ_i λ_i ∇L_i does not change when L_j becomes c·L_j.
/// Losses are floored at <see cref="Epsilon"/> in value (see <see cref="GeneralizedMean"/>).
/// </remarks>
public sealed class GeM : ILossBalancer
{
    /// <summary>Creates GeM with exponent <paramref name="p"/>.</summary>
    /// <param name="p">Exponent of the mean, in [-20, 20].</param>
    /// <param name="epsilon">Floor of each loss, in (0, 1e-2].</param>
    public GeM(double p = 0, double epsilon = GeneralizedMean.DefaultEpsilon)
    {
        if (!double.IsFinite(p) || p < -20 || p > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The exponent p must be in [-20, 20].");
        }

        if (!(epsilon > 0) || epsilon > 1e-2)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The loss floor must be in (0, 1e-2].");
        }

        P = p;
        Epsilon = epsilon;
    }

    /// <summary>Exponent p.</summary>
    public double P { get; }

    /// <summary>Floor of each loss inside the logarithm.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context)
    {
        long taskCount = losses.shape[0];
        using torch.Tensor weights = torch.full(taskCount, 1.0 / taskCount, dtype: losses.dtype);
        return GeneralizedMean.Compute(losses, weights, P, Epsilon);
    }
}
