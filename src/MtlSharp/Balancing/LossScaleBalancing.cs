using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>Difficulty term of <see cref="LossScaleBalancing"/>.</summary>
public enum LsbDifficulty
{
    /// <summary>No difficulty term: the scale term alone.</summary>
    None,

    /// <summary>d_i = L̄_i(t-1) / L̄_i(0): a task whose loss fell less since the first epoch counts as harder.</summary>
    LossRatio,
}

/// <summary>
/// Loss scale balancing (LSB) after Lee, Lee and Kim, "Learning Multiple Pixelwise Tasks Based on Loss Scale
/// Balancing", ICCV 2021: once per epoch, Σ_i λ_i L_i with λ_i ∝ d_i / L̄_i(t-1) normalized to Σ_i λ_i = K,
/// where L̄_i is the unweighted mean training loss of an epoch, so every weighted loss λ_i L̄_i(t-1) has the
/// same scale. λ = 1 in the first epoch.
/// </summary>
/// <remarks>
/// NOTE: the paper's exact difficulty term, built from the record of previous losses, could not be
/// checked: the paper text was not available and the authors' repository (jaehanlee-mcl/LSB-MTL) holds only
/// a README. This class implements the scale term; the difficulty term d_i is an option, off by default,
/// whose <see cref="LsbDifficulty.LossRatio"/> form is this project's stand-in, not the paper's equation.
/// If an epoch mean is not finite or not positive, the previous weights are kept, with a warning.
/// </remarks>
public sealed class LossScaleBalancing : ILossBalancer
{
    private readonly ILogger logger;
    private double[]? firstMeans;
    private double[]? weights;

    /// <summary>Creates LSB.</summary>
    /// <param name="difficulty">Difficulty term. <see cref="LsbDifficulty.None"/> gives pure loss-scale balancing.</param>
    /// <param name="logger">Receives warnings about invalid epoch means.</param>
    public LossScaleBalancing(LsbDifficulty difficulty = LsbDifficulty.None, ILogger? logger = null)
    {
        if (!Enum.IsDefined(difficulty))
        {
            throw new ArgumentOutOfRangeException(nameof(difficulty), difficulty, "Invalid difficulty term. Allowed: None, LossRatio.");
        }

        Difficulty = difficulty;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Difficulty term.</summary>
    public LsbDifficulty Difficulty { get; }

    /// <summary>Weights λ [K] of the current epoch, or null while they are all 1.</summary>
    public IReadOnlyList<double>? CurrentWeights => weights;

    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context) => FixedWeights.Combine(losses, weights);

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report)
    {
        double[] means = report.TrainingLosses.ToArray();
        int invalid = Array.FindIndex(means, m => !double.IsFinite(m) || m <= 0);
        if (invalid >= 0)
        {
            logger.LogWarning(
                "LSB: the mean training loss of task '{Task}' in epoch {Epoch} is {Mean}, so the previous weights stay.",
                report.Tasks[invalid].Name, report.Epoch, means[invalid]);
            return;
        }

        firstMeans ??= means;

        double[] raw = new double[means.Length];
        for (int i = 0; i < means.Length; i++)
        {
            double difficulty = Difficulty == LsbDifficulty.LossRatio ? means[i] / firstMeans[i] : 1;
            raw[i] = difficulty / means[i];
        }

        double sum = raw.Sum();
        weights = raw.Select(r => means.Length * r / sum).ToArray();
    }
}
