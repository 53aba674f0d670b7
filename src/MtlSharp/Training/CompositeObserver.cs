namespace MtlSharp.Training;

/// <summary>Forwards every event to several observers in order.</summary>
public sealed class CompositeObserver : ITrainingObserver
{
    private readonly IReadOnlyList<ITrainingObserver> observers;

    /// <summary>Wraps <paramref name="observers"/>.</summary>
    public CompositeObserver(params ITrainingObserver[] observers)
    {
        this.observers = observers;
    }

    /// <inheritdoc />
    public void OnStep(long step, int epoch, int batch, int batchCount, IReadOnlyList<double> losses, IReadOnlyList<double>? weights, double samplesPerSecond)
    {
        foreach (ITrainingObserver observer in observers)
        {
            observer.OnStep(step, epoch, batch, batchCount, losses, weights, samplesPerSecond);
        }
    }

    /// <inheritdoc />
    public void OnEpoch(EpochRecord record)
    {
        foreach (ITrainingObserver observer in observers)
        {
            observer.OnEpoch(record);
        }
    }
}
