using TorchSharp;

namespace MtlSharp.Bench;

/// <summary>
/// One way of running a training step on the benchmark's batches, with its own model and optimizer.
/// Every runner starts from the same initialization and reads the same sequence of batches.
/// </summary>
public abstract class StepRunner : IDisposable
{
    private long step;

    /// <summary>Label in the report, such as "ew (library)" or "pcgrad".</summary>
    public abstract string Name { get; }

    /// <summary>Gradient mode of an aggregator, or "-" for loss balancers and the hand-written loop.</summary>
    public abstract string Mode { get; }

    /// <summary>Sum of the task losses of the last step, to compare runners that should train identically.</summary>
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>Number of steps run so far; it also selects the next batch.</summary>
    public long Steps => step;

    /// <summary>Runs one step on <paramref name="indices"/>, which stay owned by the caller.</summary>
    public void Step(torch.Tensor indices)
    {
        LastLoss = RunStep(indices, step);
        step++;
    }

    /// <inheritdoc />
    public abstract void Dispose();

    /// <summary>Runs one step inside its own dispose scope and returns the sum of the task losses.</summary>
    protected abstract double RunStep(torch.Tensor indices, long stepIndex);
}
