using MtlSharp.Aggregation;
using MtlSharp.Architectures;
using TorchSharp;
using TorchSharp.Modules;
using AggregationResult = MtlSharp.Aggregation.Aggregation;

namespace MtlSharp.Training;

/// <summary>
/// Backward pass of a gradient aggregator: builds the per-task Jacobian, lets the aggregator turn it
/// into one direction, and writes that direction to the parameters' gradients.
/// </summary>
/// <remarks>
/// <para>
/// The Jacobian rows are the gradients of the aggregator's per-task objectives
/// (<see cref="IGradientAggregator.TaskObjectives"/>, the losses unless a hybrid method transforms them),
/// one autograd pass per task. In <see cref="GradientMode.Parameters"/> mode the Jacobian is [K, P] over
/// <see cref="MultiTaskModel.SharedParameters"/>, flattened in that order and described by
/// <see cref="StepContext.Layout"/>; the direction [P] goes to the shared parameters' gradients.
/// In <see cref="GradientMode.Representation"/> mode (MGDA-UB, Sener and Koltun, NeurIPS 2018) the heads
/// run on a detached copy of z = Encode(x), the Jacobian is [K, B·dim z] over that copy, and one backward
/// pass of z with the direction reshaped to z's shape carries the update through the encoder.
/// </para>
/// <para>
/// Task-specific parameters θ_i (<see cref="MultiTaskModel.TaskParameters"/>) receive w_i ∇θ_i O_i, the
/// gradient of their own task's objective O_i scaled by the aggregator's weight w_i when it reports
/// weights, and ∇θ_i O_i when it does not (PCGrad, GradDrop). The Nash-MTL authors' code
/// (methods/weight_methods.py) does the same: Nash-MTL and MGDA back-propagate Σ_i w_i L_i, and PCGrad
/// gives the heads ∇ Σ_i L_i. The method's learnable parameters receive ∇ Σ_i O_i. Model parameters that
/// are neither shared nor task-specific receive no gradient.
/// </para>
/// </remarks>
public sealed class GradientEngine : IBackwardPass
{
    private readonly IGradientAggregator aggregator;
    private readonly GradientMode mode;
    private (MultiTaskModel Model, Parameter[] Shared, JacobianLayout Layout)? layoutCache;

    /// <summary>Wraps <paramref name="aggregator"/> in gradient mode <paramref name="mode"/>.</summary>
    public GradientEngine(IGradientAggregator aggregator, GradientMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Unknown gradient mode; allowed: {string.Join(", ", Enum.GetNames<GradientMode>())}.");
        }

        this.aggregator = aggregator;
        this.mode = mode;
    }

    /// <inheritdoc />
    public StepOutcome Run(MultiTaskModel model, torch.Tensor input, IReadOnlyList<torch.Tensor> targets, StepContext context) =>
        mode == GradientMode.Parameters
            ? RunOnParameters(model, input, targets, context)
            : RunOnRepresentation(model, input, targets, context);

    private StepOutcome RunOnParameters(MultiTaskModel model, torch.Tensor input, IReadOnlyList<torch.Tensor> targets, StepContext context)
    {
        (Parameter[] shared, JacobianLayout layout) = SharedLayout(model);
        StepContext step = context with { Layout = layout };

        IReadOnlyList<IReadOnlyList<Parameter>> taskParameters = TaskParameters(model, step);
        torch.Tensor losses = TaskLosses.Compute(step.Tasks, model.Decode(model.Encode(input)), targets);
        torch.Tensor objectives = Objectives(losses, step);

        TaskGradients gradients = TaskGradients.Compute(objectives, shared, taskParameters, aggregator.Parameters);
        WriteMethodGradients(gradients);
        torch.Tensor detachedLosses = losses.detach();
        AggregationResult aggregation = Aggregate(gradients.Jacobian, detachedLosses, step);

        GradientWriteBack.AccumulateDirection(shared, layout, aggregation.Direction);
        WriteTaskGradients(taskParameters, gradients, aggregation.Weights);
        return new StepOutcome(detachedLosses, aggregation.Weights?.detach());
    }

    private StepOutcome RunOnRepresentation(MultiTaskModel model, torch.Tensor input, IReadOnlyList<torch.Tensor> targets, StepContext context)
    {
        StepContext step = context with { Layout = null };

        // [B, ...]: the heads see a leaf copy of z, so per-task passes stop at z instead of running through the encoder.
        IReadOnlyList<IReadOnlyList<Parameter>> taskParameters = TaskParameters(model, step);
        torch.Tensor representation = model.Encode(input);
        torch.Tensor detached = representation.detach().requires_grad_(true);

        torch.Tensor losses = TaskLosses.Compute(step.Tasks, model.Decode(detached), targets);
        torch.Tensor objectives = Objectives(losses, step);

        TaskGradients gradients = TaskGradients.Compute(objectives, new[] { detached }, taskParameters, aggregator.Parameters);
        WriteMethodGradients(gradients);
        torch.Tensor detachedLosses = losses.detach();
        AggregationResult aggregation = Aggregate(gradients.Jacobian, detachedLosses, step);

        // An encoder without trainable parameters leaves z outside the graph, and there is nothing to propagate.
        if (representation.requires_grad)
        {
            torch.Tensor direction = aggregation.Direction.reshape(representation.shape).to(representation.dtype, representation.device);
            representation.backward(new[] { direction });
        }

        WriteTaskGradients(taskParameters, gradients, aggregation.Weights);
        return new StepOutcome(detachedLosses, aggregation.Weights?.detach());
    }

    private torch.Tensor Objectives(torch.Tensor losses, StepContext context)
    {
        torch.Tensor objectives = aggregator.TaskObjectives(losses, context);
        if (objectives.dim() != 1 || objectives.shape[0] != losses.shape[0])
        {
            throw new InvalidOperationException(
                $"{aggregator.GetType().Name}.TaskObjectives returned shape [{string.Join(", ", objectives.shape)}]; expected [{losses.shape[0]}], one objective per task.");
        }

        return objectives;
    }

    private AggregationResult Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        AggregationResult aggregation = aggregator.Aggregate(jacobian, losses, context);

        if (aggregation.Direction.numel() != jacobian.shape[1])
        {
            throw new InvalidOperationException(
                $"{aggregator.GetType().Name}.Aggregate returned a direction of {aggregation.Direction.numel()} elements for a Jacobian of shape [{jacobian.shape[0]}, {jacobian.shape[1]}]; expected {jacobian.shape[1]}.");
        }

        if (aggregation.Weights is torch.Tensor weights && (weights.dim() != 1 || weights.shape[0] != jacobian.shape[0]))
        {
            throw new InvalidOperationException(
                $"{aggregator.GetType().Name}.Aggregate returned weights of shape [{string.Join(", ", weights.shape)}]; expected [{jacobian.shape[0]}], one weight per task, or null.");
        }

        return aggregation;
    }

    // Written before Aggregate, so that a method which sets its own parameters' gradients there (IMTL's
    // scales, GradNorm's logits) replaces this default instead of adding to it.
    private void WriteMethodGradients(TaskGradients gradients)
    {
        IReadOnlyList<Parameter> methodParameters = aggregator.Parameters;
        for (int n = 0; n < methodParameters.Count; n++)
        {
            if (gradients.MethodParameterGradients[n] is torch.Tensor gradient)
            {
                GradientWriteBack.Accumulate(methodParameters[n], gradient);
            }
        }
    }

    private static void WriteTaskGradients(IReadOnlyList<IReadOnlyList<Parameter>> taskParameters, TaskGradients gradients, torch.Tensor? weights)
    {
        double[]? taskWeights = weights?.to_type(torch.float64).cpu().data<double>().ToArray();

        for (int i = 0; i < taskParameters.Count; i++)
        {
            IReadOnlyList<Parameter> own = taskParameters[i];
            torch.Tensor?[] ownGradients = gradients.TaskParameterGradients[i];
            for (int n = 0; n < own.Count; n++)
            {
                if (ownGradients[n] is torch.Tensor gradient)
                {
                    GradientWriteBack.Accumulate(own[n], taskWeights is null ? gradient : gradient.mul(taskWeights[i]));
                }
            }
        }
    }

    private static IReadOnlyList<IReadOnlyList<Parameter>> TaskParameters(MultiTaskModel model, StepContext context)
    {
        if (model.TaskCount != context.Tasks.Count)
        {
            throw new ArgumentException($"The model has {model.TaskCount} task outputs but {context.Tasks.Count} tasks were given.", nameof(model));
        }

        return Enumerable.Range(0, model.TaskCount).Select(model.TaskParameters).ToArray();
    }

    private (Parameter[] Shared, JacobianLayout Layout) SharedLayout(MultiTaskModel model)
    {
        Parameter[] shared = model.SharedParameters().Where(p => p.requires_grad).ToArray();
        if (layoutCache is { } cached && ReferenceEquals(cached.Model, model) && cached.Shared.SequenceEqual(shared, ReferenceEqualityComparer.Instance))
        {
            return (cached.Shared, cached.Layout);
        }

        if (shared.Length == 0)
        {
            throw new InvalidOperationException(
                $"{model.GetType().Name} has no shared parameters that require gradients, so gradient mode {GradientMode.Parameters} has no Jacobian to build.");
        }

        var names = new Dictionary<Parameter, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, parameter) in model.named_parameters())
        {
            names.TryAdd(parameter, name);
        }

        var blocks = new JacobianBlock[shared.Length];
        long offset = 0;
        for (int n = 0; n < shared.Length; n++)
        {
            string name = names.TryGetValue(shared[n], out string? found) ? found : $"shared.{n}";
            blocks[n] = new JacobianBlock(name, offset, shared[n].numel());
            offset += shared[n].numel();
        }

        var layout = new JacobianLayout(blocks);
        layoutCache = (model, shared, layout);
        return (shared, layout);
    }
}
