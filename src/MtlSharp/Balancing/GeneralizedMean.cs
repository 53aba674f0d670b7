using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>
/// The weighted generalized (power) mean of task losses, the common form of loss balancing:
/// M_p(L; w) = (Σ_i w_i L_i^p)^(1/p) with Σ_i w_i = 1, and M_0(L; w) = exp(Σ_i w_i log L_i).
/// Its gradient is Σ_i λ_i ∇L_i with λ_i = w_i (L_i / M_p)^(p-1).
/// </summary>
/// <remarks>
/// Computed in the log domain, log M_p = (1/p) logsumexp(log w + p log L), so large |p| and losses far
/// apart in scale neither overflow nor underflow. Each loss is floored at <c>eps</c> in value while its
/// gradient passes through unchanged (a straight-through floor), so a zero loss gives finite λ evaluated
/// at the floor rather than NaN or a silently dropped task.
/// </remarks>
public static class GeneralizedMean
{
    /// <summary>Default floor of a loss inside a logarithm.</summary>
    public const double DefaultEpsilon = 1e-8;

    /// <summary>Returns M_p(L; w) as a scalar in the autograd graph of <paramref name="losses"/>.</summary>
    /// <param name="losses">Task losses L [K], positive; values below <paramref name="eps"/> are floored.</param>
    /// <param name="weights">Task weights w [K], non-negative, summing to 1; treated as constants.</param>
    /// <param name="p">Exponent; 0 gives the weighted geometric mean, 1 the weighted arithmetic mean.</param>
    /// <param name="eps">Floor of each loss.</param>
    public static torch.Tensor Compute(torch.Tensor losses, torch.Tensor weights, double p, double eps = DefaultEpsilon)
    {
        if (!double.IsFinite(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The exponent p must be a finite number.");
        }

        if (losses.shape.Length != 1 || weights.shape.Length != 1 || losses.shape[0] != weights.shape[0])
        {
            throw new ArgumentException(
                $"Losses and weights must both have shape [K]; got [{string.Join(", ", losses.shape)}] and [{string.Join(", ", weights.shape)}].");
        }

        torch.Tensor logLosses = FloorStraightThrough(losses, eps).log();
        torch.Tensor w = weights.detach().to_type(losses.dtype);

        if (p == 0)
        {
            return (w * logLosses).sum().exp();
        }

        torch.Tensor logMean = torch.logsumexp(w.log() + p * logLosses, 0) / p;
        return logMean.exp();
    }

    /// <summary>Returns λ_i = w_i (L_i / M_p)^(p-1) in double precision, the closed form of ∂M_p/∂L_i.</summary>
    public static double[] Weights(IReadOnlyList<double> losses, IReadOnlyList<double> weights, double p, double eps = DefaultEpsilon)
    {
        double[] logLosses = losses.Select(l => Math.Log(Math.Max(l, eps))).ToArray();
        double logMean;
        if (p == 0)
        {
            logMean = logLosses.Select((l, i) => weights[i] * l).Sum();
        }
        else
        {
            double[] terms = logLosses.Select((l, i) => Math.Log(weights[i]) + p * l).ToArray();
            double max = terms.Max();
            logMean = (max + Math.Log(terms.Sum(t => Math.Exp(t - max)))) / p;
        }

        return logLosses.Select((l, i) => weights[i] * Math.Exp((p - 1) * (l - logMean))).ToArray();
    }

    /// <summary>Returns max(L, eps) in value with the gradient of the identity.</summary>
    internal static torch.Tensor FloorStraightThrough(torch.Tensor losses, double eps) =>
        losses + (losses.detach().clamp_min(eps) - losses.detach());
}
