using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>
/// Accumulates a confusion matrix [C, C] over the labelled pixels and computes
/// mIoU = mean_c TP_c / (TP_c + FP_c + FN_c) and PixAcc = Σ_c TP_c / (labelled pixels).
/// </summary>
/// <remarks>
/// The mean runs over the classes that occur in the targets or the predictions. A class absent from
/// both has no defined IoU and is left out; LibMTL's NYUv2 code would return NaN there instead.
/// Predictions are the arg-max over the class dimension of the logits [B, C, H, W].
/// </remarks>
public sealed class SegmentationMetrics : IMetricAccumulator
{
    /// <summary>Name of the mean intersection over union.</summary>
    public const string MeanIoU = "mIoU";

    /// <summary>Name of the pixel accuracy.</summary>
    public const string PixelAccuracy = "PixAcc";

    private readonly int classCount;
    private readonly long ignoreIndex;
    private readonly long[] confusion;

    /// <summary>Creates an empty accumulator for <paramref name="classCount"/> classes.</summary>
    /// <param name="classCount">Number of classes C, at least 2.</param>
    /// <param name="ignoreIndex">Label of pixels that do not count.</param>
    public SegmentationMetrics(int classCount, long ignoreIndex = SegmentationTask.DefaultIgnoreIndex)
    {
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "Segmentation metrics need at least 2 classes.");
        }

        this.classCount = classCount;
        this.ignoreIndex = ignoreIndex;
        confusion = new long[classCount * classCount];
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A label other than the ignored one lies outside 0..C-1, or the shapes disagree.</exception>
    public void Update(torch.Tensor output, torch.Tensor target)
    {
        if (output.dim() != target.dim() + 1 || output.shape[1] != classCount)
        {
            throw new ArgumentException(
                $"Segmentation output has shape [{string.Join(", ", output.shape)}] and target [{string.Join(", ", target.shape)}]; expected logits [B, {classCount}, H, W] and labels [B, H, W].");
        }

        using var scope = torch.NewDisposeScope();
        var predicted = output.argmax(1).flatten();
        var labels = target.to_type(torch.int64).flatten();
        var labelled = labels.ne(ignoreIndex);
        var labelledTargets = labels.masked_select(labelled);
        if (labelledTargets.numel() > 0)
        {
            long minimum = labelledTargets.min().item<long>();
            long maximum = labelledTargets.max().item<long>();
            if (minimum < 0 || maximum >= classCount)
            {
                long invalid = minimum < 0 ? minimum : maximum;
                throw new ArgumentException(
                    $"Segmentation label {invalid} is outside the classes 0..{classCount - 1} and is not the ignored label {ignoreIndex}.", nameof(target));
            }
        }

        // Row = true class, column = predicted class.
        var cells = labelledTargets.mul(classCount).add(predicted.masked_select(labelled));
        var counts = cells.bincount(null, classCount * classCount).to_type(torch.int64);
        long[] values = counts.data<long>().ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            confusion[i] += values[i];
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute()
    {
        long total = 0;
        long correct = 0;
        double iouSum = 0;
        int iouCount = 0;
        for (int c = 0; c < classCount; c++)
        {
            long truePositive = confusion[c * classCount + c];
            long actual = 0;
            long predicted = 0;
            for (int j = 0; j < classCount; j++)
            {
                actual += confusion[c * classCount + j];
                predicted += confusion[j * classCount + c];
            }

            total += actual;
            correct += truePositive;
            long union = actual + predicted - truePositive;
            if (union > 0)
            {
                iouSum += (double)truePositive / union;
                iouCount++;
            }
        }

        return new Dictionary<string, double>
        {
            [MeanIoU] = iouCount == 0 ? double.NaN : iouSum / iouCount,
            [PixelAccuracy] = total == 0 ? double.NaN : (double)correct / total,
        };
    }
}
