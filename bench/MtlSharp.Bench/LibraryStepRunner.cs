using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Architectures;
using MtlSharp.Tasks;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Bench;

/// <summary>
/// A step through the library, as <see cref="Trainer"/> runs it: a dispose scope, the method's backward
/// pass from <see cref="BackwardPass.For"/>, the losses read back for the finiteness check, the
/// optimizer step and <see cref="IMultiTaskMethod.AfterOptimizerStep"/>. Evaluation and observers are left out.
/// </summary>
public sealed class LibraryStepRunner : StepRunner
{
    private readonly MultiTaskModel model;
    private readonly IMultiTaskMethod method;
    private readonly IBackwardPass backward;
    private readonly torch.optim.Optimizer optimizer;
    private readonly torch.Generator generator;
    private readonly MultiTaskDataset data;
    private readonly IReadOnlyList<TaskSpec> tasks;
    private readonly RunDiagnostics diagnostics = new();

    /// <summary>Builds the method from its default options, a fresh model seeded with <paramref name="seed"/>, and Adam.</summary>
    public LibraryStepRunner(
        MethodDefinition definition,
        GradientMode? mode,
        Func<MultiTaskModel> createModel,
        IReadOnlyList<TaskSpec> tasks,
        MultiTaskDataset data,
        MethodEnvironment environment,
        double learningRate,
        int seed)
    {
        Name = definition.Name;
        Mode = mode?.ToString() ?? "-";
        this.tasks = tasks;
        this.data = data;

        torch.manual_seed(seed);
        model = createModel();
        model.train();
        method = definition.Create(MethodOptions.Resolve(definition, new Dictionary<string, string>()), environment);
        backward = BackwardPass.For(method, mode ?? GradientMode.Parameters);
        optimizer = torch.optim.Adam(model.parameters().Concat(method.Parameters), learningRate);
        generator = new torch.Generator(unchecked((ulong)seed + 2));
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Mode { get; }

    /// <inheritdoc />
    public override void Dispose()
    {
        optimizer.Dispose();
        generator.Dispose();
        model.Dispose();
    }

    /// <inheritdoc />
    protected override double RunStep(torch.Tensor indices, long stepIndex)
    {
        using var scope = torch.NewDisposeScope();
        var (input, targets) = data.Gather(indices);
        var context = new StepContext(stepIndex, 0, tasks, generator, NullLogger.Instance, diagnostics);

        optimizer.zero_grad();
        StepOutcome outcome = backward.Run(model, input, targets, context);
        double[] losses = outcome.Losses.to_type(torch.float64).data<double>().ToArray();
        _ = outcome.Weights?.to_type(torch.float64).data<double>().ToArray();

        optimizer.step();
        method.AfterOptimizerStep(new StepFeedback(stepIndex, outcome.Losses, () => RecomputeLosses(input, targets)));
        return losses.Sum();
    }

    private torch.Tensor RecomputeLosses(torch.Tensor input, IReadOnlyList<torch.Tensor> targets)
    {
        using (torch.no_grad())
        {
            return TaskLosses.Compute(tasks, model.Decode(model.Encode(input)), targets);
        }
    }
}
