using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>How AMTL combines the weighted task losses.</summary>
public enum AmtlForm
{
    /// <summary>Weighted geometric mean Π_i L_i^(w_i), the published method.</summary>
    Geometric,

    /// <summary>Weighted sum Σ_i w_i L_i, the arithmetic ablation of AMTL (Yun and Cho, ICCV 2023).</summary>
    Arithmetic,
}

/// <summary>
/// Achievement-based multi-task loss (AMTL) of Yun and Cho, "Achievement-based Training Progress Balancing
/// for Multi-Task Learning", ICCV 2023: M_0(L; w) = Π_i L_i^(w_i) (geometric form) or Σ_i w_i L_i
/// (arithmetic form), with the achievement weights w [K] of <see cref="AchievementWeights"/>, updated once
/// per epoch from validation KPIs. λ_i = w_i M_0 / L_i (geometric) or w_i (arithmetic).
/// </summary>
/// <remarks>
/// Requires STL baselines (the potential of each task) and a validation split; without a validation split
/// <see cref="OnEpochEnd"/> raises an error after the first epoch. Losses are floored at 1e-8 in value in the
/// geometric form (see <see cref="GeneralizedMean"/>).
/// </remarks>
public sealed class Amtl : ILossBalancer
{
    private readonly AchievementWeights achievement;

    /// <summary>Creates AMTL.</summary>
    /// <param name="tasks">The run's tasks, in loss-vector order.</param>
    /// <param name="baselines">STL baselines with each task's KPI.</param>
    /// <param name="form">Geometric (published) or arithmetic (ablation) combination.</param>
    /// <param name="normalization">Softmax (authors' default) or sum normalization of the focal weights.</param>
    /// <param name="gamma">Focusing exponent γ, in [0, 10].</param>
    /// <param name="momentum">Weight of a new KPI in the EMA, in (0, 1].</param>
    /// <param name="margin">Margin m of the potential over the STL KPI, in [0, 1].</param>
    public Amtl(
        IReadOnlyList<TaskSpec> tasks,
        BaselineSet baselines,
        AmtlForm form = AmtlForm.Geometric,
        AchievementNormalization normalization = AchievementNormalization.Softmax,
        double gamma = 2,
        double momentum = 0.1,
        double margin = 0.05)
    {
        achievement = new AchievementWeights(tasks, baselines, gamma, momentum, margin, normalization);
        Form = form;
    }

    /// <summary>Combination of the weighted losses.</summary>
    public AmtlForm Form { get; }

    /// <summary>Current achievement weights w [K].</summary>
    public IReadOnlyList<double> Weights => achievement.Weights;

    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context)
    {
        using torch.Tensor weights = torch.tensor(achievement.Weights.ToArray(), dtype: losses.dtype);
        return Form == AmtlForm.Geometric
            ? GeneralizedMean.Compute(losses, weights, 0)
            : (weights * losses).sum();
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report) => achievement.Update(report, "amtl");
}
