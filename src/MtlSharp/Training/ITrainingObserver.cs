namespace MtlSharp.Training;

/// <summary>Receives what the trainer measures, step by step and epoch by epoch (run folder writers, progress bars).</summary>
public interface ITrainingObserver
{
    /// <summary>Called after each optimizer step with the unweighted losses [K] and the effective weights λ [K] (null when undefined).</summary>
    void OnStep(long step, int epoch, int batch, int batchCount, IReadOnlyList<double> losses, IReadOnlyList<double>? weights, double samplesPerSecond)
    {
    }

    /// <summary>Called after each epoch's evaluation.</summary>
    void OnEpoch(EpochRecord record)
    {
    }
}
