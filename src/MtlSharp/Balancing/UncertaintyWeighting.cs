using MtlSharp.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Balancing;

/// <summary>
/// Uncertainty weighting (UW) of Kendall, Gal and Cipolla, "Multi-Task Learning Using Uncertainty to Weigh
/// Losses for Scene Geometry and Semantics", CVPR 2018: Σ_i ½ (exp(-s_i) L_i + s_i) with learnable log
/// variances s_i = log σ_i² [K], so λ_i = ½ exp(-s_i).
/// </summary>
/// <remarks>
/// The optimal s_i for a fixed loss is log L_i, where λ_i = 1/(2 L_i): UW then acts like the geometric
/// mean (GeM with p = 0). A loss that reaches 0 drives s_i to -∞ and the weight to +∞, so s_i is clamped
/// below at <see cref="MinLogVariance"/> in the objective; the first step at which a task's s_i passes the
/// bound logs a warning and every such step is counted as "uw_log_variance_at_bound".
/// The log variances are in <see cref="Parameters"/>, so the trainer's optimizer updates them with the model.
/// </remarks>
public sealed class UncertaintyWeighting : ILossBalancer
{
    private readonly Parameter logVariances;
    private readonly bool[] warned;

    /// <summary>Creates UW for <paramref name="taskCount"/> tasks.</summary>
    /// <param name="taskCount">Number of tasks K, at least 1.</param>
    /// <param name="initialLogVariance">Initial s_i. The paper's code starts at 0 (λ_i = ½).</param>
    /// <param name="minLogVariance">Lower bound of s_i, in [-30, 0]. The default -10 caps λ_i at about 1.1e4.</param>
    public UncertaintyWeighting(int taskCount, double initialLogVariance = 0, double minLogVariance = -10)
    {
        if (taskCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(taskCount), taskCount, "UW needs at least one task.");
        }

        if (!double.IsFinite(minLogVariance) || minLogVariance < -30 || minLogVariance > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minLogVariance), minLogVariance, "The lower bound of the log variance must be in [-30, 0].");
        }

        if (!double.IsFinite(initialLogVariance) || initialLogVariance < minLogVariance || initialLogVariance > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(initialLogVariance), initialLogVariance, $"The initial log variance must be in [{minLogVariance}, 30].");
        }

        MinLogVariance = minLogVariance;
        using (torch.no_grad())
        {
            logVariances = new Parameter(torch.full(taskCount, initialLogVariance, dtype: torch.float32));
        }

        logVariances.DetachFromDisposeScope();
        warned = new bool[taskCount];
    }

    /// <summary>Lower bound of each s_i in the objective.</summary>
    public double MinLogVariance { get; }

    /// <summary>The learnable log variances s [K].</summary>
    public Parameter LogVariances => logVariances;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => new[] { logVariances };

    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context)
    {
        ScaleBound.Check(logVariances, MinLogVariance, lower: true, warned, "UW", "uw_log_variance_at_bound", context);
        torch.Tensor s = logVariances.clamp_min(MinLogVariance).to_type(losses.dtype);
        return (0.5 * (torch.exp(-s) * losses + s)).sum();
    }
}
