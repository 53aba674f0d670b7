using Microsoft.Extensions.Logging;
using MtlSharp.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Aggregation;

/// <summary>
/// GradNorm: task weights w learned so that the gradient norms G_i = ‖∇_W w_i L_i‖ on the last shared layer W
/// follow the relative inverse training rates: the weights minimize
/// Σ_i |G_i - sg(Ḡ r_i^α)| with Ḡ = mean_j G_j, r_i = L̃_i / mean_j L̃_j and L̃_i = L_i(t) / L_i(0).
/// The direction is Σ_i w_i g_i. Chen et al., "GradNorm: Gradient Normalization for Adaptive Loss Balancing
/// in Deep Multitask Networks", ICML 2018, Eq. 1 to 3.
/// Shapes: Jacobian [K, P], losses [K], θ [K], direction [P], weights [K].
/// </summary>
/// <remarks>
/// Choices of this implementation:
/// the weights are w = K softmax(θ) with learnable θ (initialised 0, so w = 1), which keeps them positive
/// and summing to K after every optimizer step (the paper renormalizes after the step, and a plain step can
/// push a weight below zero); LibMTL parameterizes them the same way. <see cref="Aggregate"/> sets the
/// gradient of θ to that of the GradNorm objective and the trainer's optimizer applies it.
/// In gradient mode Parameters, W is the last shared layer: the trailing blocks of the Jacobian layout whose
/// parameter names share the module prefix of the last block (for example "encoder.fc.weight" and
/// "encoder.fc.bias"). In gradient mode Representation (no layout) G_i is the norm of the representation
/// gradient, the output of the last shared layer. L_i(0) are the losses of the first step this instance receives.
/// A loss of 0 there makes its rate undefined, so that task's ratio is taken as 1 with a warning.
/// </remarks>
public sealed class GradNorm : IGradientAggregator
{
    private readonly double alpha;
    private readonly int taskCount;
    private readonly Parameter logits;
    private double[]? initialLosses;

    /// <summary>Creates GradNorm for <paramref name="taskCount"/> tasks.</summary>
    /// <param name="taskCount">Number of tasks K, at least 1.</param>
    /// <param name="alpha">Asymmetry α ≥ 0: how strongly tasks that train slower are pulled up. The default 1.5 is this library's choice.</param>
    public GradNorm(int taskCount, double alpha = 1.5)
    {
        if (taskCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(taskCount), taskCount, "GradNorm needs at least one task.");
        }

        if (!(alpha >= 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be finite and at least 0.");
        }

        this.alpha = alpha;
        this.taskCount = taskCount;
        logits = new Parameter(torch.zeros(taskCount, torch.float64), requires_grad: true);
    }

    /// <summary>The logits θ [K] of the weights w = K softmax(θ), optimized by the trainer.</summary>
    public IReadOnlyList<Parameter> Parameters => new[] { logits };

    /// <summary>Current weights w = K softmax(θ) [K].</summary>
    public double[] Weights
    {
        get
        {
            using (torch.no_grad())
            {
                using torch.Tensor weights = taskCount * torch.softmax(logits.detach(), 0);
                return weights.data<double>().ToArray();
            }
        }
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        if (jacobian.dim() != 2 || jacobian.shape[0] != taskCount || losses.numel() != taskCount)
        {
            throw new ArgumentException(
                $"GradNorm was created for {taskCount} tasks; received a Jacobian of shape [{string.Join(", ", jacobian.shape)}] and {losses.numel()} losses.",
                nameof(jacobian));
        }

        using var scope = torch.NewDisposeScope();
        double[] lossValues = GradientGramian.ReadLosses(losses);
        initialLosses ??= lossValues;
        double[] weights = Weights;
        double[] layerNorms = LastLayerNorms(jacobian, context.Layout);
        double[] rates = RelativeRates(lossValues, context);

        SetLogitGradient(weights, layerNorms, rates);

        var geometry = GradientGramian.Compute(jacobian, losses);
        torch.Tensor direction = geometry.Combine(weights);
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Returns ∂/∂θ of Σ_i |w_i G_i - sg(Ḡ r_i^α)| with w = K softmax(θ), for norms G_i of the unweighted
    /// gradients and relative rates r_i.
    /// </summary>
    public double[] ObjectiveGradient(double[] weights, double[] layerNorms, double[] rates)
    {
        double meanNorm = 0;
        for (int i = 0; i < taskCount; i++)
        {
            meanNorm += weights[i] * layerNorms[i] / taskCount;
        }

        // ∂/∂w_i, with the target held constant as in the paper.
        var byWeight = new double[taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            double target = meanNorm * Math.Pow(rates[i], alpha);
            byWeight[i] = Math.Sign(weights[i] * layerNorms[i] - target) * layerNorms[i];
        }

        // Chain rule through w_i = K s_i: ∂w_i/∂θ_k = w_i (δ_ik - s_k).
        var byLogit = new double[taskCount];
        for (int k = 0; k < taskCount; k++)
        {
            double share = weights[k] / taskCount;
            for (int i = 0; i < taskCount; i++)
            {
                byLogit[k] += byWeight[i] * weights[i] * ((i == k ? 1 : 0) - share);
            }
        }

        return byLogit;
    }

    private void SetLogitGradient(double[] weights, double[] layerNorms, double[] rates)
    {
        double[] gradient = ObjectiveGradient(weights, layerNorms, rates);
        logits.grad?.zero_();
        using torch.Tensor constant = torch.tensor(gradient, torch.float64);

        // Gradients are enabled in case the caller aggregates under no_grad.
        using (torch.enable_grad())
        {
            using torch.Tensor surrogate = (logits * constant).sum();
            surrogate.backward();
        }
    }

    private double[] RelativeRates(double[] losses, StepContext context)
    {
        var ratios = new double[taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            if (initialLosses![i] > 0)
            {
                ratios[i] = losses[i] / initialLosses[i];
            }
            else
            {
                ratios[i] = 1;
                if (context.Step == 0 || losses[i] > 0)
                {
                    context.Logger.LogWarning(
                        "GradNorm: the first loss of task {Task} was {Loss}, so its training rate is undefined; its ratio is taken as 1.",
                        context.Tasks.Count > i ? context.Tasks[i].Name : i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        initialLosses[i]);
                }
            }
        }

        double mean = ratios.Average();
        return ratios.Select(r => mean > 0 ? r / mean : 1).ToArray();
    }

    private static double[] LastLayerNorms(torch.Tensor jacobian, JacobianLayout? layout)
    {
        torch.Tensor rows = jacobian.detach().to_type(torch.float64);
        if (layout is not null && layout.Blocks.Count > 0)
        {
            string prefix = ModulePrefix(layout.Blocks[^1].Name);
            int first = layout.Blocks.Count - 1;
            while (first > 0 && ModulePrefix(layout.Blocks[first - 1].Name) == prefix)
            {
                first--;
            }

            long start = layout.Blocks[first].Offset;
            long end = layout.Blocks[^1].Offset + layout.Blocks[^1].Length;
            rows = rows.narrow(1, start, end - start);
        }

        // Scale by the largest entry so that the norm neither underflows nor overflows.
        double largest = rows.abs().max().item<double>();
        if (largest == 0)
        {
            return new double[rows.shape[0]];
        }

        using torch.Tensor norms = torch.linalg.vector_norm(rows / largest, dims: new long[] { 1 }) * largest;
        return norms.data<double>().ToArray();
    }

    private static string ModulePrefix(string parameterName)
    {
        int dot = parameterName.LastIndexOf('.');
        return dot < 0 ? string.Empty : parameterName[..dot];
    }
}
