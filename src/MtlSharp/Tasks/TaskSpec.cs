using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>
/// One task of a benchmark: how its head output becomes a loss, which metrics it reports, and which of
/// them is its key performance indicator (KPI) for achievement-based weighting.
/// </summary>
public sealed class TaskSpec
{
    /// <summary>Creates a task and checks that the KPI is one of its metrics.</summary>
    /// <param name="name">Task name, used in logs, CSV headers and result files.</param>
    /// <param name="metrics">Metrics the task reports, each with its direction.</param>
    /// <param name="kpi">Name of the metric used as the task's KPI.</param>
    /// <param name="loss">Maps (head output, target) of one batch to a scalar loss.</param>
    /// <param name="createAccumulator">Creates a fresh metric accumulator for one evaluation pass.</param>
    public TaskSpec(
        string name,
        IReadOnlyList<MetricSpec> metrics,
        string kpi,
        Func<torch.Tensor, torch.Tensor, torch.Tensor> loss,
        Func<IMetricAccumulator> createAccumulator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (metrics.Count == 0)
        {
            throw new ArgumentException($"Task '{name}' declares no metrics; declare at least one.", nameof(metrics));
        }

        if (!metrics.Any(m => m.Name == kpi))
        {
            string known = string.Join(", ", metrics.Select(m => m.Name));
            throw new ArgumentException($"KPI '{kpi}' of task '{name}' is not one of its metrics ({known}).", nameof(kpi));
        }

        Name = name;
        Metrics = metrics;
        Kpi = kpi;
        Loss = loss;
        CreateAccumulator = createAccumulator;
    }

    /// <summary>Task name.</summary>
    public string Name { get; }

    /// <summary>Metrics with their directions.</summary>
    public IReadOnlyList<MetricSpec> Metrics { get; }

    /// <summary>Name of the KPI metric.</summary>
    public string Kpi { get; }

    /// <summary>Direction of the KPI metric.</summary>
    public MetricDirection KpiDirection => Metrics.First(m => m.Name == Kpi).Direction;

    /// <summary>Loss of one batch: (head output, target) to a scalar.</summary>
    public Func<torch.Tensor, torch.Tensor, torch.Tensor> Loss { get; }

    /// <summary>Factory of metric accumulators.</summary>
    public Func<IMetricAccumulator> CreateAccumulator { get; }
}
