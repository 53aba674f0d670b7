using MtlSharp.Tasks;

namespace MtlSharp.Evaluation;

/// <summary>
/// Δp and Δm against single-task (STL) baselines.
/// Δp = 100/T · Σ_t (1/M_t) Σ_m (-1)^d_{t,m} (N_{t,m} - B_{t,m}) / B_{t,m}, with d = 0 for a
/// higher-is-better metric, so a higher Δp is better (Maninis et al., CVPR 2019; Liu et al., NeurIPS 2021).
/// Δm averages the same signed relative changes over all metrics with the opposite sign, so a lower Δm is
/// better (Vandenhende et al., TPAMI 2021 use the per-metric form).
/// </summary>
public static class RelativeImprovement
{
    /// <summary>Computes Δp, Δm and per-task Δp of <paramref name="result"/> against <paramref name="baseline"/>.</summary>
    /// <exception cref="ArgumentException">A baseline value is zero or not finite, so no relative change exists.</exception>
    public static DeltaReport Compute(IReadOnlyList<TaskSpec> tasks, TaskMetrics result, TaskMetrics baseline)
    {
        var perTask = new Dictionary<string, double>();
        double metricSum = 0;
        int metricCount = 0;

        foreach (TaskSpec task in tasks)
        {
            double taskSum = 0;
            foreach (MetricSpec metric in task.Metrics)
            {
                double b = baseline.Get(task.Name, metric.Name);
                double n = result.Get(task.Name, metric.Name);
                if (b == 0 || !double.IsFinite(b))
                {
                    throw new ArgumentException(
                        $"Baseline of {task.Name}/{metric.Name} is {b}; a relative improvement needs a finite, non-zero baseline. Rerun the STL baselines.");
                }

                double sign = metric.Direction == MetricDirection.HigherIsBetter ? 1 : -1;
                double improvement = sign * (n - b) / Math.Abs(b);
                taskSum += improvement;
                metricSum += improvement;
                metricCount++;
            }

            perTask[task.Name] = 100.0 * taskSum / task.Metrics.Count;
        }

        double deltaP = perTask.Values.Average();
        double deltaM = -100.0 * metricSum / metricCount;
        return new DeltaReport(deltaP, deltaM, perTask);
    }
}
