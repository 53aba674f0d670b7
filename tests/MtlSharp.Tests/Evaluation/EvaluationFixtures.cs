using MtlSharp.Evaluation;
using MtlSharp.Tasks;

namespace MtlSharp.Tests.Evaluation;

/// <summary>Tasks and metric tables for evaluation tests; the tasks' losses and accumulators are never called.</summary>
internal static class EvaluationFixtures
{
    public static TaskSpec Task(string name, params (string Metric, MetricDirection Direction)[] metrics) => new(
        name,
        metrics.Select(m => new MetricSpec(m.Metric, m.Direction)).ToArray(),
        metrics[0].Metric,
        (output, _) => output,
        () => throw new NotSupportedException("Evaluation tests never accumulate metrics."));

    public static TaskMetrics Metrics(params (string Task, string Metric, double Value)[] values) =>
        new(values
            .GroupBy(v => v.Task)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, double>)g.ToDictionary(v => v.Metric, v => v.Value)));
}
