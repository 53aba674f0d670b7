using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>
/// Dynamic weight average (DWA) of Liu, Johns and Davison, "End-to-End Multi-Task Learning with Attention",
/// CVPR 2019: Σ_i λ_i(t) L_i with λ(t) = K softmax(r(t) / T) [K] and r_i(t) = L̄_i(t-1) / L̄_i(t-2), where
/// L̄_i is the unweighted mean training loss of task i over an epoch. λ = 1 in the first two epochs.
/// </summary>
/// <remarks>
/// The weights change once per epoch, in <see cref="OnEpochEnd"/>. The ratios use the unweighted epoch means
/// of <see cref="EpochReport.TrainingLosses"/>; means of weighted losses would feed the weights back into
/// themselves. A ratio that is not finite or positive (an epoch mean of 0, or NaN after an epoch without
/// batches) is replaced by 1 for that task, with a warning, so the weights stay finite.
/// </remarks>
public sealed class Dwa : ILossBalancer
{
    private readonly ILogger logger;
    private double[]? previousMeans;
    private double[]? lastMeans;
    private double[]? weights;

    /// <summary>Creates DWA with temperature <paramref name="temperature"/>.</summary>
    /// <param name="temperature">Softmax temperature T, in [0.01, 100]. The paper uses 2.</param>
    /// <param name="logger">Receives warnings about invalid epoch means.</param>
    public Dwa(double temperature = 2, ILogger? logger = null)
    {
        if (!double.IsFinite(temperature) || temperature < 0.01 || temperature > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature T must be in [0.01, 100].");
        }

        Temperature = temperature;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Softmax temperature T.</summary>
    public double Temperature { get; }

    /// <summary>Weights λ [K] used in the current epoch, or null while they are all 1.</summary>
    public IReadOnlyList<double>? CurrentWeights => weights;

    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context) => FixedWeights.Combine(losses, weights);

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report)
    {
        previousMeans = lastMeans;
        lastMeans = report.TrainingLosses.ToArray();
        if (previousMeans is null)
        {
            return;
        }

        int taskCount = lastMeans.Length;
        var ratios = new double[taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            ratios[i] = lastMeans[i] / previousMeans[i];
            if (!double.IsFinite(ratios[i]) || ratios[i] <= 0)
            {
                logger.LogWarning(
                    "DWA: the loss ratio of task '{Task}' after epoch {Epoch} is {Ratio} (epoch means {Last} and {Previous}), so DWA uses 1.",
                    report.Tasks[i].Name, report.Epoch, ratios[i], lastMeans[i], previousMeans[i]);
                ratios[i] = 1;
            }
        }

        // K softmax(r / T), shifted by the largest ratio so that exp never overflows.
        double max = ratios.Max();
        double[] exps = ratios.Select(r => Math.Exp((r - max) / Temperature)).ToArray();
        double sum = exps.Sum();
        weights = exps.Select(e => taskCount * e / sum).ToArray();
    }
}
