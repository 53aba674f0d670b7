using MtlSharp.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Balancing;

/// <summary>
/// IMTL-L, the loss balance of Liu et al., "Towards Impartial Multi-Task Learning", ICLR 2021:
/// Σ_i (exp(s_i) L_i - s_i) with learnable log scales s [K], so λ_i = exp(s_i).
/// </summary>
/// <remarks>
/// The optimal s_i for a fixed loss is -log L_i, where λ_i = 1/L_i and every scaled loss equals 1: IMTL-L then
/// acts like the geometric mean (GeM with p = 0). A loss that reaches 0 drives s_i to +∞, so s_i is clamped
/// above at <see cref="MaxLogScale"/> in the objective; the first step at which a task's s_i passes the bound
/// logs a warning and every such step is counted as "imtl_l_log_scale_at_bound".
/// The log scales are in <see cref="Parameters"/>, so the trainer's optimizer updates them with the model.
/// </remarks>
public sealed class ImtlL : ILossBalancer
{
    private readonly Parameter logScales;
    private readonly bool[] warned;

    /// <summary>Creates IMTL-L for <paramref name="taskCount"/> tasks.</summary>
    /// <param name="taskCount">Number of tasks K, at least 1.</param>
    /// <param name="initialLogScale">Initial s_i. The authors start at 0 (λ_i = 1).</param>
    /// <param name="maxLogScale">Upper bound of s_i, in [0, 30]. The default 10 caps λ_i at about 2.2e4.</param>
    public ImtlL(int taskCount, double initialLogScale = 0, double maxLogScale = 10)
    {
        if (taskCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(taskCount), taskCount, "IMTL-L needs at least one task.");
        }

        if (!double.IsFinite(maxLogScale) || maxLogScale < 0 || maxLogScale > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLogScale), maxLogScale, "The upper bound of the log scale must be in [0, 30].");
        }

        if (!double.IsFinite(initialLogScale) || initialLogScale < -30 || initialLogScale > maxLogScale)
        {
            throw new ArgumentOutOfRangeException(nameof(initialLogScale), initialLogScale, $"The initial log scale must be in [-30, {maxLogScale}].");
        }

        MaxLogScale = maxLogScale;
        using (torch.no_grad())
        {
            logScales = new Parameter(torch.full(taskCount, initialLogScale, dtype: torch.float32));
        }

        logScales.DetachFromDisposeScope();
        warned = new bool[taskCount];
    }

    /// <summary>Upper bound of each s_i in the objective.</summary>
    public double MaxLogScale { get; }

    /// <summary>The learnable log scales s [K].</summary>
    public Parameter LogScales => logScales;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => new[] { logScales };

    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context)
    {
        ScaleBound.Check(logScales, MaxLogScale, lower: false, warned, "IMTL-L", "imtl_l_log_scale_at_bound", context);
        torch.Tensor s = logScales.clamp_max(MaxLogScale).to_type(losses.dtype);
        return (torch.exp(s) * losses - s).sum();
    }
}
