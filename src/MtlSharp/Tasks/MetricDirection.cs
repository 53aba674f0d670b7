namespace MtlSharp.Tasks;

/// <summary>Which way a metric improves. It is part of the metric's definition, never of a caller's choice.</summary>
public enum MetricDirection
{
    /// <summary>Larger values are better (accuracy, mIoU, δ &lt; 1.25).</summary>
    HigherIsBetter,

    /// <summary>Smaller values are better (AbsErr, RelErr, angle errors, MAE).</summary>
    LowerIsBetter,
}
