using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Balancing;

/// <summary>
/// Smooth Tchebycheff scalarization (STCH) of Lin et al., "Smooth Tchebycheff Scalarization for
/// Multi-Objective Optimization", ICML 2024, for multi-task learning: after a warm-up on Σ_i log L_i, the
/// objective is K μ log Σ_i exp(log(L_i / z_i) / μ), a smooth maximum of the log losses relative to the
/// nadir z [K]. Then λ_i = K softmax(log(L / z) / μ)_i / L_i.
/// </summary>
/// <remarks>
/// Follows the authors' code (Xi-L/STCH, STCH_MTL in LibMTL form): epochs 0 to W train on Σ_i log L_i,
/// z is the unweighted mean training loss of epoch W, and the smooth Tchebycheff objective starts at epoch
/// W + 1, where W = <see cref="WarmupEpochs"/>. The factor K is the authors'. Losses are floored at 1e-8 in
/// value. If the mean of epoch W is not finite or not positive (for example an epoch without batches), the
/// nadir is taken from the next valid epoch, with a warning.
/// </remarks>
public sealed class Stch : ILossBalancer
{
    private readonly ILogger logger;
    private double[]? nadir;

    /// <summary>Creates STCH.</summary>
    /// <param name="mu">Smoothing μ, in [1e-3, 100]. The authors use 1.</param>
    /// <param name="warmupEpochs">Warm-up W, in [0, 1000]. The authors use 4.</param>
    /// <param name="logger">Receives the nadir and warnings.</param>
    public Stch(double mu = 1, int warmupEpochs = 4, ILogger? logger = null)
    {
        if (!double.IsFinite(mu) || mu < 1e-3 || mu > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "The smoothing mu must be in [1e-3, 100].");
        }

        if (warmupEpochs < 0 || warmupEpochs > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupEpochs), warmupEpochs, "The warm-up must be in [0, 1000] epochs.");
        }

        Mu = mu;
        WarmupEpochs = warmupEpochs;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Smoothing μ.</summary>
    public double Mu { get; }

    /// <summary>Index W of the last warm-up epoch, whose mean losses become the nadir.</summary>
    public int WarmupEpochs { get; }

    /// <summary>Nadir z [K], or null during the warm-up.</summary>
    public IReadOnlyList<double>? Nadir => nadir;

    /// <inheritdoc />
    public torch.Tensor Combine(torch.Tensor losses, StepContext context)
    {
        torch.Tensor logLosses = GeneralizedMean.FloorStraightThrough(losses, GeneralizedMean.DefaultEpsilon).log();
        if (nadir is null)
        {
            return logLosses.sum();
        }

        using torch.Tensor logNadir = torch.tensor(nadir.Select(z => Math.Log(z)).ToArray(), dtype: losses.dtype);
        return losses.shape[0] * Mu * torch.logsumexp((logLosses - logNadir) / Mu, 0);
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report)
    {
        if (nadir is not null || report.Epoch < WarmupEpochs)
        {
            return;
        }

        double[] means = report.TrainingLosses.ToArray();
        if (means.Any(m => !double.IsFinite(m) || m <= 0))
        {
            logger.LogWarning("STCH: epoch {Epoch} mean losses [{Means}] cannot be a nadir, so STCH waits for the next epoch.", report.Epoch, string.Join(", ", means));
            return;
        }

        nadir = means;
        logger.LogInformation("STCH: nadir [{Nadir}] from epoch {Epoch}. The smooth Tchebycheff objective starts with the next epoch.", string.Join(", ", means), report.Epoch);
    }
}
