using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>
/// Builds a surface normal task: 1 - cosine similarity over the valid pixels, with the angle error's
/// Mean, Median and the shares within 11.25° (the KPI), 22.5° and 30°, as on NYUv2 in MTAN (Liu et al.,
/// CVPR 2019) and LibMTL. A zero target vector marks a pixel without a normal.
/// </summary>
public static class NormalTask
{
    /// <summary>Creates a task named <paramref name="name"/> whose head outputs normals [B, 3, H, W].</summary>
    public static TaskSpec Create(string name) => new(
        name,
        new[]
        {
            new MetricSpec(NormalMetrics.MeanAngle, MetricDirection.LowerIsBetter),
            new MetricSpec(NormalMetrics.MedianAngle, MetricDirection.LowerIsBetter),
            new MetricSpec(NormalMetrics.Within11, MetricDirection.HigherIsBetter),
            new MetricSpec(NormalMetrics.Within22, MetricDirection.HigherIsBetter),
            new MetricSpec(NormalMetrics.Within30, MetricDirection.HigherIsBetter),
        },
        NormalMetrics.Within11,
        Loss,
        () => new NormalMetrics());

    /// <summary>
    /// 1 - mean cos(prediction, target) over the pixels with a nonzero target, 0 (still part of the graph)
    /// when a batch has no such pixel. The prediction is normalized to unit length first (a zero vector
    /// stays zero, so its cosine is 0); the targets are assumed to be unit vectors.
    /// </summary>
    /// <param name="output">Predicted normals [B, 3, H, W].</param>
    /// <param name="target">Unit normals [B, 3, H, W], zero where unknown.</param>
    public static torch.Tensor Loss(torch.Tensor output, torch.Tensor target)
    {
        NormalMetrics.CheckShapes(output, target);
        using var unit = torch.nn.functional.normalize(output, p: 2, dim: 1);
        using var cosine = unit.mul(target).sum(1);
        using var valid = target.ne(0).any(1);
        using var masked = cosine.mul(valid);
        using var total = masked.sum();
        using var count = valid.sum().clamp_min(1);
        using var meanCosine = total.div(count);
        return meanCosine.neg().add(1);
    }
}
