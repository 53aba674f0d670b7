using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// The Jacobian of one step in float64 with the Gramian of its rows scaled by the largest row norm, so that
/// inner products neither underflow nor overflow for gradients from 1e-30 to 1e30 in float32.
/// Scale-invariant methods use <see cref="Gramian"/> as is; others multiply back by <see cref="Scale"/>.
/// </summary>
internal sealed class GradientGramian
{
    private readonly torch.Tensor scaledJacobian;
    private readonly torch.ScalarType outputType;

    private GradientGramian(torch.Tensor scaledJacobian, double[,] gramian, double[] norms, double scale, torch.ScalarType outputType)
    {
        this.scaledJacobian = scaledJacobian;
        Gramian = gramian;
        Norms = norms;
        Scale = scale;
        this.outputType = outputType;
    }

    /// <summary>Number of tasks K.</summary>
    public int TaskCount => Norms.Length;

    /// <summary>Gramian of the scaled rows, M / Scale² [K, K].</summary>
    public double[,] Gramian { get; }

    /// <summary>Row norms divided by <see cref="Scale"/>, in [0, 1]; an exact 0 marks a zero gradient.</summary>
    public double[] Norms { get; }

    /// <summary>Largest row norm ‖g_i‖ of the Jacobian; 0 when every gradient is zero.</summary>
    public double Scale { get; }

    /// <summary>Reads <paramref name="jacobian"/> [K, P] (not disposed) into float64 and computes the scaled Gramian.</summary>
    /// <exception cref="ArgumentException">
    /// The Jacobian is not [K, P] with K the number of losses, or contains NaN or infinity.
    /// </exception>
    public static GradientGramian Compute(torch.Tensor jacobian, torch.Tensor losses)
    {
        if (jacobian.dim() != 2 || jacobian.shape[0] < 1 || jacobian.shape[0] != losses.numel())
        {
            throw new ArgumentException(
                $"The Jacobian must have shape [K, P] with K = {losses.numel()} (one row per loss); its shape is [{string.Join(", ", jacobian.shape)}].",
                nameof(jacobian));
        }

        torch.Tensor rows = jacobian.detach().to_type(torch.float64);
        if (!rows.isfinite().all().item<bool>())
        {
            throw new ArgumentException("The Jacobian contains NaN or infinity; a task loss or its gradient is not finite.", nameof(jacobian));
        }

        double[] norms = torch.linalg.vector_norm(rows, dims: new long[] { 1 }).data<double>().ToArray();
        double scale = norms.Max();
        int taskCount = norms.Length;
        var gramian = new double[taskCount, taskCount];
        if (scale > 0)
        {
            rows = rows / scale;
            double[] values = rows.mm(rows.t()).data<double>().ToArray();
            for (int i = 0; i < taskCount; i++)
            {
                norms[i] /= scale;
                for (int j = 0; j < taskCount; j++)
                {
                    gramian[i, j] = values[i * taskCount + j];
                }
            }
        }

        return new GradientGramian(rows, gramian, norms, scale, jacobian.dtype);
    }

    /// <summary>Returns Σ_i w_i g_i [P] in the Jacobian's dtype for weights on the original (unscaled) rows.</summary>
    public torch.Tensor Combine(double[] weights, double factor = 1)
    {
        // The stored rows are divided by Scale, so the weights are multiplied by it.
        double multiplier = Scale > 0 ? Scale * factor : 0;
        using torch.Tensor scaledWeights = torch.tensor(weights.Select(w => w * multiplier).ToArray(), torch.float64);
        return scaledWeights.matmul(scaledJacobian).to_type(outputType);
    }

    /// <summary>Returns Σ_i c_i g_i / Scale, the combination of the scaled rows, in float64.</summary>
    public torch.Tensor CombineScaled(double[] coefficients)
    {
        using torch.Tensor tensor = torch.tensor(coefficients, torch.float64);
        return tensor.matmul(scaledJacobian);
    }

    /// <summary>Returns the weights as a float64 tensor [K] for <see cref="Aggregation.Weights"/>.</summary>
    public static torch.Tensor WeightsTensor(double[] weights) => torch.tensor(weights, torch.float64);

    /// <summary>Reads detached losses [K] into float64.</summary>
    public static double[] ReadLosses(torch.Tensor losses) => losses.detach().to_type(torch.float64).data<double>().ToArray();

    /// <summary>Returns the indices of tasks whose gradient is not exactly zero.</summary>
    public int[] NonzeroTasks() => Enumerable.Range(0, TaskCount).Where(i => Norms[i] > 0).ToArray();

    /// <summary>Returns the Gramian restricted to <paramref name="tasks"/>.</summary>
    public double[,] SubGramian(int[] tasks)
    {
        var sub = new double[tasks.Length, tasks.Length];
        for (int a = 0; a < tasks.Length; a++)
        {
            for (int b = 0; b < tasks.Length; b++)
            {
                sub[a, b] = Gramian[tasks[a], tasks[b]];
            }
        }

        return sub;
    }
}
