using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>
/// Accumulates the angle error θ = acos(clamp(n̂ · n, -1, 1)) in degrees between the normalized
/// prediction n̂ and the target n, over the pixels with a nonzero target, and computes its Mean, Median
/// and the shares of pixels with θ &lt; 11.25°, 22.5° and 30°.
/// </summary>
/// <remarks>
/// The mean and the shares are exact. The median comes from a histogram with 0.001° bins, so its memory
/// stays fixed whatever the number of pixels. It is the mean of the centres of the bins that contain the
/// two middle values (numpy's median convention), within 0.0005° of the exact median. Angles are
/// computed in float64, because acos near 1 loses most of float32's precision.
/// </remarks>
public sealed class NormalMetrics : IMetricAccumulator
{
    /// <summary>Name of the mean angle error in degrees.</summary>
    public const string MeanAngle = "Mean";

    /// <summary>Name of the median angle error in degrees.</summary>
    public const string MedianAngle = "Median";

    /// <summary>Name of the share of pixels within 11.25°.</summary>
    public const string Within11 = "<11.25";

    /// <summary>Name of the share of pixels within 22.5°.</summary>
    public const string Within22 = "<22.5";

    /// <summary>Name of the share of pixels within 30°.</summary>
    public const string Within30 = "<30";

    /// <summary>Width of a histogram bin of the median, in degrees.</summary>
    public const double BinWidth = 0.001;

    private const int BinCount = 180_000;

    private readonly long[] histogram = new long[BinCount];
    private double angleSum;
    private long within11;
    private long within22;
    private long within30;
    private long count;

    /// <inheritdoc />
    public void Update(torch.Tensor output, torch.Tensor target)
    {
        CheckShapes(output, target);

        using var scope = torch.NewDisposeScope();
        var prediction = torch.nn.functional.normalize(output.to_type(torch.float64), p: 2, dim: 1);
        var normal = target.to_type(torch.float64);
        var valid = target.ne(0).any(1);
        var cosine = prediction.mul(normal).sum(1).masked_select(valid).clamp(-1, 1);
        var degrees = cosine.acos().rad2deg();

        angleSum += degrees.sum().item<double>();
        within11 += degrees.lt(11.25).sum().item<long>();
        within22 += degrees.lt(22.5).sum().item<long>();
        within30 += degrees.lt(30).sum().item<long>();
        count += degrees.numel();

        var bins = degrees.div(BinWidth).floor().clamp(0, BinCount - 1).to_type(torch.int64);
        long[] binCounts = bins.bincount(null, BinCount).to_type(torch.int64).data<long>().ToArray();
        for (int i = 0; i < BinCount; i++)
        {
            histogram[i] += binCounts[i];
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute()
    {
        if (count == 0)
        {
            return new Dictionary<string, double>
            {
                [MeanAngle] = double.NaN,
                [MedianAngle] = double.NaN,
                [Within11] = double.NaN,
                [Within22] = double.NaN,
                [Within30] = double.NaN,
            };
        }

        return new Dictionary<string, double>
        {
            [MeanAngle] = angleSum / count,
            [MedianAngle] = (BinCentre((count - 1) / 2) + BinCentre(count / 2)) / 2,
            [Within11] = (double)within11 / count,
            [Within22] = (double)within22 / count,
            [Within30] = (double)within30 / count,
        };
    }

    /// <summary>Throws when the prediction and the target are not both [B, 3, H, W] of one shape.</summary>
    internal static void CheckShapes(torch.Tensor output, torch.Tensor target)
    {
        if (!output.shape.SequenceEqual(target.shape) || output.dim() < 2 || output.shape[1] != 3)
        {
            throw new ArgumentException(
                $"Normal output has shape [{string.Join(", ", output.shape)}] and the target [{string.Join(", ", target.shape)}]; both must be [B, 3, H, W].");
        }
    }

    // Centre of the bin that contains the value of zero-based rank `rank` in sorted order.
    private double BinCentre(long rank)
    {
        long seen = 0;
        for (int i = 0; i < BinCount; i++)
        {
            seen += histogram[i];
            if (seen > rank)
            {
                return (i + 0.5) * BinWidth;
            }
        }

        return (BinCount - 0.5) * BinWidth;
    }
}
