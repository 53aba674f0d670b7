namespace MtlSharp.Training;

/// <summary>Kind of a registered method, which decides how the trainer computes a step.</summary>
public enum MethodFamily
{
    /// <summary>Single-task learning: one network per task, trained alone; it writes the baselines file.</summary>
    SingleTask,

    /// <summary>Loss balancer: losses [K] to one scalar (<see cref="Balancing.ILossBalancer"/>).</summary>
    LossBalancing,

    /// <summary>Gradient aggregator: Jacobian [K, P] to one direction (<see cref="Aggregation.IGradientAggregator"/>).</summary>
    GradientAggregation,
}
