using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>
/// Builds a depth estimation task: L1 loss over the valid pixels, with AbsErr, RelErr and δ&lt;1.25 (the
/// KPI), as on NYUv2 in MTAN (Liu et al., CVPR 2019) and LibMTL. A target depth of 0 marks a pixel
/// without a measurement, as in MTAN's preprocessed NYUv2.
/// </summary>
public static class DepthTask
{
    /// <summary>Creates a task named <paramref name="name"/> whose head outputs depths of the target's shape ([B, 1, H, W] or [B, H, W]).</summary>
    public static TaskSpec Create(string name) => new(
        name,
        new[]
        {
            new MetricSpec(DepthMetrics.AbsoluteError, MetricDirection.LowerIsBetter),
            new MetricSpec(DepthMetrics.RelativeError, MetricDirection.LowerIsBetter),
            new MetricSpec(DepthMetrics.ThresholdAccuracy, MetricDirection.HigherIsBetter),
        },
        DepthMetrics.ThresholdAccuracy,
        Loss,
        () => new DepthMetrics());

    /// <summary>
    /// Mean |prediction - target| over the pixels with a nonzero target, 0 (still part of the graph) when
    /// a batch has no such pixel.
    /// </summary>
    /// <param name="output">Predicted depths, same shape as <paramref name="target"/>.</param>
    /// <param name="target">Depths, 0 where unknown.</param>
    public static torch.Tensor Loss(torch.Tensor output, torch.Tensor target)
    {
        DepthMetrics.CheckShapes(output, target);
        using var valid = target.ne(0);
        using var difference = output.sub(target).abs();
        using var masked = difference.mul(valid);
        using var total = masked.sum();
        using var count = valid.sum().clamp_min(1);
        return total.div(count);
    }
}
