using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>Top-1 accuracy of a classification head with logits [B, C] and integer targets [B].</summary>
public sealed class ClassificationAccuracy : IMetricAccumulator
{
    /// <summary>Metric name in result files.</summary>
    public const string MetricName = "Acc";

    private long correct;
    private long total;

    /// <inheritdoc />
    public void Update(torch.Tensor output, torch.Tensor target)
    {
        using var predicted = output.argmax(1);
        using var matches = predicted.eq(target);
        using var count = matches.sum();
        correct += count.item<long>();
        total += target.shape[0];
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Compute()
    {
        double accuracy = total == 0 ? double.NaN : (double)correct / total;
        return new Dictionary<string, double> { [MetricName] = accuracy };
    }
}
