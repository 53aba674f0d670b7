using MtlSharp.Architectures;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Benchmarks.Toy;

/// <summary>
/// The toy problem as a multi-task model: the point x is the only (shared) parameter, the encoder
/// returns it for every row of the batch, and the two "heads" are the objectives f1 and f2 of that
/// representation. Gradients over the shared parameters and over the representation therefore coincide,
/// so a method that supports both gradient modes follows the same path in each.
/// </summary>
public sealed class ToyModel : MultiTaskModel
{
    private readonly ToyProblem problem;
    private readonly Parameter point;

    /// <summary>Creates the model at the start point (x1, x2), in float32 as in the authors' code.</summary>
    public ToyModel(ToyProblem problem, double x1, double x2)
        : base(nameof(ToyModel))
    {
        this.problem = problem;
        point = new Parameter(torch.tensor(new[] { (float)x1, (float)x2 }));
        RegisterComponents();
    }

    /// <summary>The current point x [2].</summary>
    public Parameter Point => point;

    /// <inheritdoc />
    public override int TaskCount => ToyProblem.ObjectiveCount;

    /// <summary>Returns x for every row of <paramref name="input"/>: [B, 2]. The input's values are ignored.</summary>
    public override torch.Tensor Encode(torch.Tensor input) => point.unsqueeze(0).repeat(input.shape[0], 1);

    /// <summary>Returns f1 [B] and f2 [B] of the representation [B, 2].</summary>
    public override IReadOnlyList<torch.Tensor> Decode(torch.Tensor representation)
    {
        torch.Tensor objectives = problem.Objectives(representation);
        return new[] { objectives.select(-1, 0), objectives.select(-1, 1) };
    }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> SharedParameters() => new[] { point };

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> TaskParameters(int task) => Array.Empty<Parameter>();
}
