using TorchSharp.Modules;

namespace MtlSharp.Training;

/// <summary>
/// Members shared by loss balancers and gradient aggregators. Every hook has a no-op default, so a
/// method implements only what its paper needs.
/// </summary>
public interface IMultiTaskMethod
{
    /// <summary>Learnable method parameters (UW's and IMTL-L's log scales). The trainer optimizes them with the model.</summary>
    IReadOnlyList<Parameter> Parameters => Array.Empty<Parameter>();

    /// <summary>Called once per epoch after validation, with unweighted mean training losses and validation metrics.</summary>
    void OnEpochEnd(EpochReport report)
    {
    }

    /// <summary>Called after each optimizer step; FAMO uses it to recompute the losses of the same batch without gradients.</summary>
    void AfterOptimizerStep(StepFeedback feedback)
    {
    }
}
