using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>
/// Accumulates depth errors over the pixels with a nonzero target d (prediction p):
/// AbsErr = mean |p - d|, RelErr = mean |p - d| / d, and δ&lt;1.25 = share of pixels with p &gt; 0 and
/// max(p / d, d / p) &lt; 1.25. Means run over all valid pixels of all batches, so the batch size does
/// not change them.
/// </summary>
/// <remarks>
/// A prediction p ≤ 0 never counts as within the threshold: with a negative p both ratios are negative,
/// and a plain max(p / d, d / p) &lt; 1.25 would accept it.
/// </remarks>
public sealed class DepthMetrics : IMetricAccumulator
{
    /// <summary>Name of the mean absolute error.</summary>
    public const string AbsoluteError = "AbsErr";

    /// <summary>Name of the mean relative error.</summary>
    public const string RelativeError = "RelErr";

    /// <summary>Name of the share of pixels whose ratio to the target is below 1.25.</summary>
    public const string ThresholdAccuracy = "δ<1.25";

    /// <summary>Ratio threshold of <see cref="ThresholdAccuracy"/>.</summary>
    public const double Threshold = 1.25;

    private double absoluteSum;
    private double relativeSum;
    private long withinThreshold;
    private long count;

    /// <inheritdoc />
    public void Update(torch.Tensor output, torch.Tensor target)
    {
        CheckShapes(output, target);

        using var scope = torch.NewDisposeScope();
        var valid = target.ne(0);
        var depth = target.to_type(torch.float64).masked_select(valid);
        var predicted = output.to_type(torch.float64).masked_select(valid);

        var absolute = predicted.sub(depth).abs();
        var ratio = torch.maximum(predicted.div(depth), depth.div(predicted));
        var within = predicted.gt(0).logical_and(ratio.lt(Threshold));

        absoluteSum += absolute.sum().item<double>();
        relativeSum += absolute.div(depth).sum().item<double>();
        withinThreshold += within.sum().item<long>();
        count += depth.numel();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute() => new Dictionary<string, double>
    {
        [AbsoluteError] = count == 0 ? double.NaN : absoluteSum / count,
        [RelativeError] = count == 0 ? double.NaN : relativeSum / count,
        [ThresholdAccuracy] = count == 0 ? double.NaN : (double)withinThreshold / count,
    };

    /// <summary>Throws when the prediction and the target differ in shape, where broadcasting would give a wrong result silently.</summary>
    internal static void CheckShapes(torch.Tensor output, torch.Tensor target)
    {
        if (!output.shape.SequenceEqual(target.shape))
        {
            throw new ArgumentException(
                $"Depth output has shape [{string.Join(", ", output.shape)}] but the target has [{string.Join(", ", target.shape)}]; they must match.");
        }
    }
}
