using MtlSharp.Tasks;
using TorchSharp;

namespace MtlSharp.Benchmarks.Toy;

/// <summary>The toy problem's two tasks: each loss is its objective's value, averaged over the batch.</summary>
public static class ToyTasks
{
    /// <summary>Name of each task's only metric, the objective's mean value.</summary>
    public const string MetricName = "Value";

    /// <summary>Tasks "f1" and "f2", in objective order.</summary>
    public static IReadOnlyList<TaskSpec> All { get; } = new[] { Create("f1"), Create("f2") };

    private static TaskSpec Create(string name) => new(
        name,
        new[] { new MetricSpec(MetricName, MetricDirection.LowerIsBetter) },
        MetricName,
        (output, _) => output.mean(),
        () => new MeanValue());

    private sealed class MeanValue : IMetricAccumulator
    {
        private double sum;
        private long count;

        public void Update(torch.Tensor output, torch.Tensor target)
        {
            sum += output.sum().to_type(torch.float64).item<double>();
            count += output.numel();
        }

        public IReadOnlyDictionary<string, double> Compute() =>
            new Dictionary<string, double> { [MetricName] = count == 0 ? double.NaN : sum / count };
    }
}
