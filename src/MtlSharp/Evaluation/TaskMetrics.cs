namespace MtlSharp.Evaluation;

/// <summary>Metric values of every task, keyed by task name and then by metric name.</summary>
public sealed class TaskMetrics
{
    /// <summary>Wraps a nested dictionary task -> metric -> value.</summary>
    public TaskMetrics(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> values)
    {
        Values = values;
    }

    /// <summary>Values by task and metric.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Values { get; }

    /// <summary>Returns one value, with an error that names the task and metric when it is missing.</summary>
    public double Get(string task, string metric)
    {
        if (!Values.TryGetValue(task, out var metrics))
        {
            throw new KeyNotFoundException($"No metrics for task '{task}'; tasks present: {string.Join(", ", Values.Keys)}.");
        }

        if (!metrics.TryGetValue(metric, out double value))
        {
            throw new KeyNotFoundException($"Task '{task}' has no metric '{metric}'; metrics present: {string.Join(", ", metrics.Keys)}.");
        }

        return value;
    }

    /// <summary>Returns the element-wise mean of several results with the same tasks and metrics.</summary>
    public static TaskMetrics Mean(IReadOnlyList<TaskMetrics> results)
    {
        if (results.Count == 0)
        {
            throw new ArgumentException("Cannot average an empty list of results.", nameof(results));
        }

        var mean = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        foreach (var (task, metrics) in results[0].Values)
        {
            mean[task] = metrics.Keys.ToDictionary(m => m, m => results.Average(r => r.Get(task, m)));
        }

        return new TaskMetrics(mean);
    }
}
