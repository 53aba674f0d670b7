namespace MtlSharp.Training;

/// <summary>Optimizer of the model's and the method's parameters.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba, ICLR 2015).</summary>
    Adam,

    /// <summary>Stochastic gradient descent with momentum.</summary>
    Sgd,
}
