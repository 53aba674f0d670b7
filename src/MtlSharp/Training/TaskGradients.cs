using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Training;

/// <summary>
/// Per-task gradients of one step, from one autograd pass per task: the Jacobian rows over the
/// differentiated inputs, each task's gradient over its own parameters, and the sum over tasks of the
/// gradients over the method's learnable parameters.
/// </summary>
internal sealed class TaskGradients
{
    private TaskGradients(torch.Tensor jacobian, IReadOnlyList<torch.Tensor?[]> taskParameterGradients, torch.Tensor?[] methodParameterGradients)
    {
        Jacobian = jacobian;
        TaskParameterGradients = taskParameterGradients;
        MethodParameterGradients = methodParameterGradients;
    }

    /// <summary>Per-task gradients [K, P] over the inputs, flattened and concatenated in input order.</summary>
    public torch.Tensor Jacobian { get; }

    /// <summary>For task i, ∂objective_i/∂θ for each of its own parameters θ; null where the objective does not reach θ.</summary>
    public IReadOnlyList<torch.Tensor?[]> TaskParameterGradients { get; }

    /// <summary>Σ_i ∂objective_i/∂φ for each method parameter φ; null where no objective reaches φ.</summary>
    public torch.Tensor?[] MethodParameterGradients { get; }

    /// <summary>
    /// Differentiates each of the K objectives once. Every pass but the last retains the graph, and the
    /// last frees it, so the graph does not live on until the step's dispose scope ends.
    /// A task whose objective does not reach an input gets zeros in that input's columns, never a dropped row.
    /// </summary>
    /// <param name="objectives">Per-task objectives [K], part of the autograd graph.</param>
    /// <param name="inputs">Tensors the Jacobian is taken over (shared parameters, or the detached representation).</param>
    /// <param name="taskParameters">Parameters of each task's own head, K lists.</param>
    /// <param name="methodParameters">Learnable parameters of the method.</param>
    public static TaskGradients Compute(
        torch.Tensor objectives,
        IReadOnlyList<torch.Tensor> inputs,
        IReadOnlyList<IReadOnlyList<Parameter>> taskParameters,
        IReadOnlyList<Parameter> methodParameters)
    {
        int taskCount = (int)objectives.shape[0];
        torch.ScalarType dtype = inputs[0].dtype;
        var rows = new torch.Tensor[taskCount];
        var taskGradients = new torch.Tensor?[taskCount][];
        var methodGradients = new torch.Tensor?[methodParameters.Count];

        for (int i = 0; i < taskCount; i++)
        {
            IReadOnlyList<Parameter> own = taskParameters[i].Where(p => p.requires_grad).ToArray();
            var sources = new List<torch.Tensor>(inputs.Count + own.Count + methodParameters.Count);
            sources.AddRange(inputs);
            sources.AddRange(own);
            sources.AddRange(methodParameters);

            // Objectives that reach no tensor with requires_grad (constant losses) have no graph to differentiate.
            IList<torch.Tensor?> gradients = objectives.requires_grad
                ? torch.autograd.grad(new[] { objectives[i] }, sources, retain_graph: i < taskCount - 1, allow_unused: true).Select(Defined).ToList()
                : new torch.Tensor?[sources.Count];

            rows[i] = torch.cat(inputs.Select((input, n) => Flatten(gradients[n], input, dtype)).ToArray());

            var ownGradients = new torch.Tensor?[taskParameters[i].Count];
            for (int n = 0, k = 0; n < taskParameters[i].Count; n++)
            {
                if (taskParameters[i][n].requires_grad)
                {
                    ownGradients[n] = gradients[inputs.Count + k];
                    k++;
                }
            }

            taskGradients[i] = ownGradients;

            for (int n = 0; n < methodParameters.Count; n++)
            {
                torch.Tensor? gradient = gradients[inputs.Count + own.Count + n];
                if (gradient is not null)
                {
                    methodGradients[n] = methodGradients[n] is null ? gradient : methodGradients[n]!.add(gradient);
                }
            }
        }

        return new TaskGradients(torch.stack(rows), taskGradients, methodGradients);
    }

    private static torch.Tensor Flatten(torch.Tensor? gradient, torch.Tensor input, torch.ScalarType dtype) =>
        gradient is null
            ? torch.zeros(input.numel(), dtype: dtype, device: input.device)
            : gradient.reshape(-1).to_type(dtype);

    // allow_unused makes autograd return an undefined tensor (a zero handle) where an output does not reach an input.
    // An unused input (GradNorm's logits, a task that misses a parameter) comes back as a Tensor with no
    // native handle. NOTE: TorchSharp 0.107 counts one live tensor per such call in
    // DisposeScopeManager.Statistics even after Dispose; 200,000 calls left RSS flat, so it is a counter
    // artifact, not a memory leak.
    private static torch.Tensor? Defined(torch.Tensor gradient)
    {
        if (!gradient.IsInvalid)
        {
            return gradient;
        }

        gradient.Dispose();
        return null;
    }
}
