using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using MtlSharp.Training;

namespace MtlSharp.Balancing;

/// <summary>How achievement-based weights ŵ [K] are normalized to sum to 1.</summary>
public enum AchievementNormalization
{
    /// <summary>w = softmax(ŵ), the default of the AMTL authors' code.</summary>
    Softmax,

    /// <summary>w = ŵ / Σ_j ŵ_j.</summary>
    Sum,
}

/// <summary>
/// Achievement-based task weights of Yun and Cho, "Achievement-based Training Progress Balancing for
/// Multi-Task Learning", ICCV 2023, shared by AMTL and WGeM. Once per epoch each task's validation KPI a_i
/// updates an EMA κ_i ← μ a_i + (1 - μ) κ_i (κ_i = a_i at the first evaluation). With the single-task
/// potential P_i, the achievement is κ_i / P_i and ŵ_i = (1 - κ_i / P_i)^γ; w = softmax(ŵ) or ŵ / Σ ŵ.
/// Before the first evaluation w = 1/K.
/// </summary>
/// <remarks>
/// For a higher-is-better KPI, P_i = STL KPI · (1 + m) as in the authors' code. For a lower-is-better KPI
/// (an error), the achievement is P_i / κ_i with P_i = STL error / (1 + m), an extension of this project.
/// The gap 1 - achievement is clamped at 0: a task past its potential gets ŵ_i = 0, whereas the authors'
/// code raises the negative gap to γ. The STL value comes from the baselines' test metrics. The KPIs of the
/// run itself come only from the validation split, never from the test split.
/// </remarks>
public sealed class AchievementWeights
{
    private readonly IReadOnlyList<TaskSpec> tasks;
    private readonly double[] potentials;
    private double[]? kpis;
    private double[] weights;

    /// <summary>Reads each task's STL KPI from <paramref name="baselines"/> and checks the settings.</summary>
    /// <param name="tasks">The run's tasks, in loss-vector order.</param>
    /// <param name="baselines">STL baselines with each task's KPI.</param>
    /// <param name="gamma">Focusing exponent γ, in [0, 10]. The authors use 2.</param>
    /// <param name="momentum">Weight μ of a new KPI in the EMA, in (0, 1]. The authors use 0.1.</param>
    /// <param name="margin">Margin m of the potential over the STL KPI, in [0, 1]. The authors use 0.05.</param>
    /// <param name="normalization">How ŵ becomes w.</param>
    /// <exception cref="ArgumentException">A baseline is missing, not finite or not positive.</exception>
    public AchievementWeights(
        IReadOnlyList<TaskSpec> tasks,
        BaselineSet baselines,
        double gamma = 2,
        double momentum = 0.1,
        double margin = 0.05,
        AchievementNormalization normalization = AchievementNormalization.Softmax)
    {
        if (tasks.Count == 0)
        {
            throw new ArgumentException("Achievement-based weighting needs at least one task.", nameof(tasks));
        }

        if (!double.IsFinite(gamma) || gamma < 0 || gamma > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The focusing exponent gamma must be in [0, 10].");
        }

        if (!double.IsFinite(momentum) || momentum <= 0 || momentum > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "The KPI momentum must be in (0, 1].");
        }

        if (!double.IsFinite(margin) || margin < 0 || margin > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin m must be in [0, 1].");
        }

        this.tasks = tasks;
        Gamma = gamma;
        Momentum = momentum;
        Margin = margin;
        Normalization = normalization;
        potentials = tasks.Select(task => Potential(task, baselines, margin)).ToArray();
        weights = Enumerable.Repeat(1.0 / tasks.Count, tasks.Count).ToArray();
    }

    /// <summary>Focusing exponent γ.</summary>
    public double Gamma { get; }

    /// <summary>Weight μ of a new KPI in the EMA.</summary>
    public double Momentum { get; }

    /// <summary>Margin m of the potential.</summary>
    public double Margin { get; }

    /// <summary>Normalization of ŵ.</summary>
    public AchievementNormalization Normalization { get; }

    /// <summary>Potentials P [K].</summary>
    public IReadOnlyList<double> Potentials => potentials;

    /// <summary>Current weights w [K], summing to 1.</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>Returns the STL baselines of <paramref name="environment"/>, or raises an error that explains how to produce them.</summary>
    /// <exception cref="InvalidOperationException">The run has no baselines.</exception>
    public static BaselineSet RequireBaselines(string method, MethodEnvironment environment) =>
        environment.Baselines ?? throw new InvalidOperationException(
            $"Method '{method}' weights tasks by their achievement relative to single-task (STL) results, but no baselines were found " +
            $"for tasks {string.Join(", ", environment.Tasks.Select(t => $"'{t.Name}' (KPI {t.Kpi})"))}. " +
            "Run `mtl train --method stl` on the same benchmark first, or pass --baselines FILE.");

    /// <summary>Updates the KPI EMAs from the validation metrics of one epoch and recomputes the weights.</summary>
    /// <exception cref="InvalidOperationException">There is no validation split, or a KPI is not finite.</exception>
    public void Update(EpochReport report, string method)
    {
        if (report.Validation is null)
        {
            throw new InvalidOperationException(
                $"Method '{method}' updates its weights from validation KPIs, but this benchmark has no validation split. " +
                "Test metrics are never used for training decisions. Use a benchmark with a validation split or another method.");
        }

        var current = new double[tasks.Count];
        for (int i = 0; i < tasks.Count; i++)
        {
            current[i] = report.Validation.Get(tasks[i].Name, tasks[i].Kpi);
            if (!double.IsFinite(current[i]))
            {
                throw new InvalidOperationException($"Method '{method}': validation {tasks[i].Kpi} of task '{tasks[i].Name}' is {current[i]} after epoch {report.Epoch}.");
            }
        }

        kpis = kpis is null ? current : kpis.Select((k, i) => Momentum * current[i] + (1 - Momentum) * k).ToArray();

        double[] focal = new double[tasks.Count];
        for (int i = 0; i < tasks.Count; i++)
        {
            double achievement = tasks[i].KpiDirection == MetricDirection.HigherIsBetter ? kpis[i] / potentials[i] : potentials[i] / kpis[i];
            focal[i] = Math.Pow(Math.Max(0, 1 - achievement), Gamma);
        }

        weights = Normalize(focal);
    }

    private double[] Normalize(double[] focal)
    {
        if (Normalization == AchievementNormalization.Softmax)
        {
            double max = focal.Max();
            double[] exps = focal.Select(f => Math.Exp(f - max)).ToArray();
            double sum = exps.Sum();
            return exps.Select(e => e / sum).ToArray();
        }

        double total = focal.Sum();

        // Every task at or past its potential: no task is behind, so none is preferred.
        return total > 0 ? focal.Select(f => f / total).ToArray() : Enumerable.Repeat(1.0 / focal.Length, focal.Length).ToArray();
    }

    private static double Potential(TaskSpec task, BaselineSet baselines, double margin)
    {
        double stl;
        try
        {
            stl = baselines.Metrics.Get(task.Name, task.Kpi);
        }
        catch (KeyNotFoundException e)
        {
            throw new ArgumentException(
                $"The baselines of benchmark '{baselines.Benchmark}' have no {task.Kpi} for task '{task.Name}' ({e.Message}). Rerun `mtl train --method stl` on this benchmark.",
                nameof(baselines),
                e);
        }

        if (!double.IsFinite(stl) || stl <= 0)
        {
            throw new ArgumentException($"The STL {task.Kpi} of task '{task.Name}' is {stl}, but achievement needs a positive finite baseline. Rerun `mtl train --method stl` on this benchmark.", nameof(baselines));
        }

        return task.KpiDirection == MetricDirection.HigherIsBetter ? stl * (1 + margin) : stl / (1 + margin);
    }
}
