namespace MtlSharp.Training;

/// <summary>Where the per-task gradients of a gradient aggregator are taken.</summary>
public enum GradientMode
{
    /// <summary>Over the shared parameters, flattened to a Jacobian [K, P].</summary>
    Parameters,

    /// <summary>Over the shared representation z (the MGDA-UB idea): a Jacobian [K, B·dim z], then one backward pass through the encoder.</summary>
    Representation,
}
