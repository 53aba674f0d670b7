using MtlSharp.Aggregation;
using MtlSharp.Balancing;

namespace MtlSharp.Training;

/// <summary>Chooses the backward pass from the interface a method implements, never from its name.</summary>
public static class BackwardPass
{
    /// <summary>Returns the backward pass of <paramref name="method"/> in gradient mode <paramref name="mode"/>.</summary>
    public static IBackwardPass For(IMultiTaskMethod method, GradientMode mode) => method switch
    {
        ILossBalancer balancer => new BalancerBackward(balancer),
        IGradientAggregator aggregator => new GradientEngine(aggregator, mode),
        _ => throw new ArgumentException($"{method.GetType().Name} implements neither ILossBalancer nor IGradientAggregator.", nameof(method)),
    };
}
