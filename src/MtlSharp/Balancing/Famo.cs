using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>
/// Fast adaptive multitask optimization (FAMO) of Liu et al., "FAMO: Fast Adaptive Multitask Optimization",
/// NeurIPS 2023. With task logits ξ [K] and z = softmax(ξ), the objective is Σ_i (z_i / c) log(L_i + 1e-8)
/// with c = sg(Σ_i z_i / (L_i + 1e-8)), so λ_i = z_i / (c (L_i + 1e-8)). After each optimizer step the
/// losses of the same batch are recomputed without gradients, δ_i = log(L_i + 1e-8) - log(L'_i + 1e-8) is
/// the decrease of each log loss, and ξ takes one Adam step on the gradient Jᵀδ, J = ∂z/∂ξ.
/// </summary>
/// <remarks>
/// Follows famo.py of the authors' repository (Cranial-XIX/FAMO) with the loss offsets (min_losses) at 0.
/// The weight decay 0.001 is the value of the authors' QM9 script (experiments/quantum_chemistry/run.sh),
/// whereas famo.py and their shared argument parser default to 0.01.
/// NOTE: the authors also clip the norm of the shared gradient at 1 after the FAMO backward pass. This
/// balancer cannot do that, because clipping belongs to the trainer.
/// ξ has its own Adam, separate from the model's optimizer, so ξ is not in <see cref="IMultiTaskMethod.Parameters"/>.
/// That Adam runs on K doubles held outside torch, so its state is never part of a step's dispose scope.
/// A step whose recomputed losses are not finite leaves ξ unchanged, with a warning, and is counted as
/// "famo_update_skipped".
/// TODO: ξ and its Adam moments are not yet written to checkpoints.
/// </remarks>
public sealed class Famo : ILossBalancer
{
    private const double LossOffset = 1e-8;
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double AdamEpsilon = 1e-8;

    private readonly ILogger logger;
    private readonly double[] logits;
    private readonly double[] firstMoment;
    private readonly double[] secondMoment;
    private long adamSteps;

    /// <summary>Creates FAMO for <paramref name="taskCount"/> tasks, with ξ = 0 (z = 1/K).</summary>
    /// <param name="taskCount">Number of tasks K, at least 1.</param>
    /// <param name="learningRate">Adam learning rate of ξ, in (0, 10]. The authors use 0.025.</param>
    /// <param name="weightDecay">Adam (L2) weight decay of ξ, in [0, 1]. It pulls z towards 1/K.</param>
    /// <param name="logger">Receives warnings about skipped updates.</param>
    public Famo(int taskCount, double learningRate = 0.025, double weightDecay = 0.001, ILogger? logger = null)
    {
        if (taskCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(taskCount), taskCount, "FAMO needs at least one task.");
        }

        if (!double.IsFinite(learningRate) || learningRate <= 0 || learningRate > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate of the task logits must be in (0, 10].");
        }

        if (!double.IsFinite(weightDecay) || weightDecay < 0 || weightDecay > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay of the task logits must be in [0, 1].");
        }

        LearningRate = learningRate;
        WeightDecay = weightDecay;
        this.logger = logger ?? NullLogger.Instance;
        logits = new double[taskCount];
        firstMoment = new double[taskCount];
        secondMoment = new double[taskCount];
    }

    /// <summary>Adam learning rate of ξ.</summary>
    public double LearningRate { get; }

    /// <summary>Adam weight decay of ξ.</summary>
    public double WeightDecay { get; }

    /// <summary>Task logits ξ [K].</summary>
    public IReadOnlyList<double> Logits => logits;

    /// <summary>Task weights z = softmax(ξ) [K].</summary>
    public IReadOnlyList<double> TaskWeights => Softmax(logits);

    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context)
    {
        using torch.Tensor z = torch.tensor(Softmax(logits), dtype: losses.dtype);
        torch.Tensor shifted = losses + LossOffset;
        torch.Tensor c = (z / shifted).sum().detach();
        return (z / c * shifted.log()).sum();
    }

    /// <inheritdoc />
    public void AfterOptimizerStep(StepFeedback feedback)
    {
        double[] before = ToDoubles(feedback.LossesBeforeStep);
        double[] after;
        using (torch.no_grad())
        {
            after = ToDoubles(feedback.RecomputeLosses());
        }

        double[] decrease = before.Select((b, i) => Math.Log(b + LossOffset) - Math.Log(after[i] + LossOffset)).ToArray();
        if (decrease.Any(d => !double.IsFinite(d)))
        {
            logger.LogWarning(
                "FAMO: losses [{Before}] -> [{After}] at step {Step} give a non-finite decrease, so the task logits keep their values.",
                string.Join(", ", before), string.Join(", ", after), feedback.Step);
            return;
        }

        // Jᵀδ for z = softmax(ξ): (Jᵀδ)_i = z_i (δ_i - Σ_j z_j δ_j).
        double[] z = Softmax(logits);
        double mean = z.Select((zi, i) => zi * decrease[i]).Sum();
        double[] gradient = z.Select((zi, i) => zi * (decrease[i] - mean)).ToArray();
        AdamStep(gradient);
    }

    private void AdamStep(double[] gradient)
    {
        // Same update as torch.optim.Adam without amsgrad. The weight decay is added to the gradient (L2, not AdamW).
        adamSteps++;
        double correction1 = 1 - Math.Pow(Beta1, adamSteps);
        double correction2 = 1 - Math.Pow(Beta2, adamSteps);
        for (int i = 0; i < logits.Length; i++)
        {
            double g = gradient[i] + WeightDecay * logits[i];
            firstMoment[i] = Beta1 * firstMoment[i] + (1 - Beta1) * g;
            secondMoment[i] = Beta2 * secondMoment[i] + (1 - Beta2) * g * g;
            double denominator = Math.Sqrt(secondMoment[i]) / Math.Sqrt(correction2) + AdamEpsilon;
            logits[i] -= LearningRate / correction1 * firstMoment[i] / denominator;
        }
    }

    private static double[] Softmax(IReadOnlyList<double> values)
    {
        double max = values.Max();
        double[] exps = values.Select(v => Math.Exp(v - max)).ToArray();
        double sum = exps.Sum();
        return exps.Select(e => e / sum).ToArray();
    }

    private static double[] ToDoubles(torch.Tensor tensor)
    {
        using torch.Tensor values = tensor.detach().to_type(torch.float64);
        return values.data<double>().ToArray();
    }
}
