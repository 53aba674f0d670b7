using MtlSharp.Architectures;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Bench;

/// <summary>
/// The reference: a minimal TorchSharp training step on the same model and batches, written without the
/// library's abstractions. Forward, the sum of the two cross-entropies, backward, Adam, one dispose scope.
/// </summary>
public sealed class HandWrittenStepRunner : StepRunner
{
    private readonly MultiTaskModel model;
    private readonly torch.optim.Optimizer optimizer;
    private readonly MultiTaskDataset data;

    /// <summary>Builds a fresh model seeded with <paramref name="seed"/> and Adam.</summary>
    public HandWrittenStepRunner(Func<MultiTaskModel> createModel, MultiTaskDataset data, double learningRate, int seed)
    {
        if (data.Targets.Count != 2)
        {
            throw new ArgumentException($"The hand-written step covers two tasks, but the data has {data.Targets.Count} target tensors.", nameof(data));
        }

        this.data = data;
        torch.manual_seed(seed);
        model = createModel();
        model.train();
        optimizer = torch.optim.Adam(model.parameters(), learningRate);
    }

    /// <inheritdoc />
    public override string Name => "hand-written TorchSharp";

    /// <inheritdoc />
    public override string Mode => "-";

    /// <inheritdoc />
    public override void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
    }

    /// <inheritdoc />
    protected override double RunStep(torch.Tensor indices, long stepIndex)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor input = data.Inputs.index_select(0, indices);
        torch.Tensor left = data.Targets[0].index_select(0, indices);
        torch.Tensor right = data.Targets[1].index_select(0, indices);

        optimizer.zero_grad();
        IReadOnlyList<torch.Tensor> outputs = model.Decode(model.Encode(input));
        torch.Tensor loss = torch.nn.functional.cross_entropy(outputs[0], left) + torch.nn.functional.cross_entropy(outputs[1], right);
        loss.backward();
        optimizer.step();

        // A typical loop reads its loss for logging, and the library path reads its losses too.
        return loss.item<float>();
    }
}
