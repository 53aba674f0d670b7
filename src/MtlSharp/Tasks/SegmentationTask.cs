using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>
/// Builds a semantic segmentation task: per-pixel cross-entropy over the labelled pixels, with mIoU (the
/// KPI) and PixAcc, as on NYUv2 in MTAN (Liu et al., CVPR 2019) and LibMTL.
/// </summary>
public static class SegmentationTask
{
    /// <summary>Label of unlabelled pixels in MTAN's preprocessed NYUv2.</summary>
    public const long DefaultIgnoreIndex = -1;

    /// <summary>Creates a task named <paramref name="name"/> whose head outputs logits [B, C, H, W] for labels [B, H, W].</summary>
    /// <param name="name">Task name.</param>
    /// <param name="classCount">Number of classes C, at least 2.</param>
    /// <param name="ignoreIndex">Label of pixels that count in neither the loss nor the metrics (-1 on NYUv2, 255 on Cityscapes-style data).</param>
    public static TaskSpec Create(string name, int classCount, long ignoreIndex = DefaultIgnoreIndex)
    {
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A segmentation task needs at least 2 classes.");
        }

        if (ignoreIndex >= 0 && ignoreIndex < classCount)
        {
            throw new ArgumentOutOfRangeException(nameof(ignoreIndex), ignoreIndex, $"The ignored label must lie outside the classes 0..{classCount - 1}, for example -1 or 255.");
        }

        return new TaskSpec(
            name,
            new[]
            {
                new MetricSpec(SegmentationMetrics.MeanIoU, MetricDirection.HigherIsBetter),
                new MetricSpec(SegmentationMetrics.PixelAccuracy, MetricDirection.HigherIsBetter),
            },
            SegmentationMetrics.MeanIoU,
            (output, target) => Loss(output, target, ignoreIndex),
            () => new SegmentationMetrics(classCount, ignoreIndex));
    }

    /// <summary>
    /// Mean cross-entropy over the pixels whose label is not <paramref name="ignoreIndex"/>, 0 (still part
    /// of the graph) when a batch has no such pixel, where a plain mean would divide 0 by 0.
    /// </summary>
    /// <param name="output">Logits [B, C, H, W].</param>
    /// <param name="target">Labels [B, H, W], int64.</param>
    /// <param name="ignoreIndex">Label of ignored pixels.</param>
    public static torch.Tensor Loss(torch.Tensor output, torch.Tensor target, long ignoreIndex = DefaultIgnoreIndex)
    {
        using var perPixel = torch.nn.functional.cross_entropy(output, target, ignore_index: ignoreIndex, reduction: torch.nn.Reduction.None);
        using var valid = target.ne(ignoreIndex);
        using var count = valid.sum().clamp_min(1);
        using var total = perPixel.sum();
        return total.div(count);
    }
}
