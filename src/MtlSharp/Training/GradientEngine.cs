using MtlSharp.Aggregation;
using MtlSharp.Architectures;
using TorchSharp;

namespace MtlSharp.Training;

/// <summary>Per-task gradient engine of gradient aggregators.</summary>
public sealed class GradientEngine : IBackwardPass
{
    private readonly IGradientAggregator aggregator;
    private readonly GradientMode mode;

    /// <summary>Wraps <paramref name="aggregator"/> in gradient mode <paramref name="mode"/>.</summary>
    public GradientEngine(IGradientAggregator aggregator, GradientMode mode)
    {
        this.aggregator = aggregator;
        this.mode = mode;
    }

    /// <inheritdoc />
    public StepOutcome Run(MultiTaskModel model, torch.Tensor input, IReadOnlyList<torch.Tensor> targets, StepContext context) =>
        throw new NotSupportedException($"Gradient aggregators ({aggregator.GetType().Name}, mode {mode}) are not implemented yet.");
}
