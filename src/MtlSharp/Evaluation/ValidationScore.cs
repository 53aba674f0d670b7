using MtlSharp.Tasks;

namespace MtlSharp.Evaluation;

/// <summary>The score that selects an epoch: validation Δp with baselines, else the mean KPI signed by its direction.</summary>
public static class ValidationScore
{
    /// <summary>Returns the selection score of <paramref name="validation"/>.</summary>
    public static double Compute(IReadOnlyList<TaskSpec> tasks, TaskMetrics validation, DeltaReport? validationDelta)
    {
        if (validationDelta is not null)
        {
            return validationDelta.DeltaP;
        }

        return tasks.Average(t =>
        {
            double kpi = validation.Get(t.Name, t.Kpi);
            return t.KpiDirection == MetricDirection.HigherIsBetter ? kpi : -kpi;
        });
    }
}
