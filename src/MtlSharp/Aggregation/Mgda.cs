using MtlSharp.Solvers;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// MGDA, the multiple gradient descent algorithm: the minimum-norm point of the convex hull of the
/// (normalized) task gradients, α = argmin_{α ∈ Δ} ‖Σ_i α_i ĝ_i‖², d = Σ_i α_i ĝ_i.
/// Sener and Koltun, "Multi-Task Learning as Multi-Objective Optimization", NeurIPS 2018.
/// Shapes: Jacobian [K, P], losses [K], direction [P], weights [K].
/// </summary>
/// <remarks>
/// MGDA-UB is this class run in gradient mode Representation (`--method mgda --mode representation`):
/// the Jacobian is then taken over the shared representation, as in the paper's upper bound.
/// The direction is the min-norm element of the normalized gradients, so no task gradient has a negative
/// inner product with it. The reported weights are those on the raw gradients, w_i = α_i / n_i with n_i the
/// normalizer. Sener and Koltun's code instead applies α to the raw losses, which differs from this
/// direction whenever the normalization is not "none". A task whose normalizer is 0 (a zero gradient,
/// or a zero loss under "loss" and "loss+") contributes a zero normalized gradient, so the min-norm
/// point and the direction are 0: that task is at a stationary point.
/// </remarks>
public sealed class Mgda : IGradientAggregator
{
    private const string Name = "MGDA";

    private readonly MgdaNormalization normalization;
    private readonly MinNormAlgorithm algorithm;
    private readonly int maxIterations;
    private readonly double tolerance;
    private readonly SolverFailurePolicy onFailure;

    /// <summary>Creates MGDA.</summary>
    /// <param name="normalization">Gradient normalization. The default "loss+" is the one reimplementations cite from the authors' sample configuration; LibMTL defaults to "none".</param>
    /// <param name="algorithm">Iteration for three or more tasks; the authors' code uses projected gradient.</param>
    /// <param name="maxIterations">Iteration cap of the min-norm solver, at least 1 (authors: 250).</param>
    /// <param name="tolerance">Stop when the L1 change of α is below this value (authors: 1e-5).</param>
    /// <param name="onFailure">What to do when the solver reaches the cap without converging.</param>
    public Mgda(
        MgdaNormalization normalization = MgdaNormalization.LossPlus,
        MinNormAlgorithm algorithm = MinNormAlgorithm.ProjectedGradient,
        int maxIterations = SimplexMinNorm.DefaultMaxIterations,
        double tolerance = SimplexMinNorm.DefaultTolerance,
        SolverFailurePolicy onFailure = SolverFailurePolicy.Continue)
    {
        if (maxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "The iteration cap must be at least 1.");
        }

        if (!(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be positive.");
        }

        this.normalization = normalization;
        this.algorithm = algorithm;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.onFailure = onFailure;
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var geometry = GradientGramian.Compute(jacobian, losses);
        double[] normalizers = Normalizers(geometry, GradientGramian.ReadLosses(losses));
        int taskCount = geometry.TaskCount;

        // Gramian of the normalized gradients; a zero normalizer makes that task's normalized gradient zero.
        var normalized = new double[taskCount, taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            for (int j = 0; j < taskCount; j++)
            {
                normalized[i, j] = normalizers[i] > 0 && normalizers[j] > 0 ? geometry.Gramian[i, j] / normalizers[i] / normalizers[j] : 0;
            }
        }

        SolverResult solution = SimplexMinNorm.Solve(normalized, algorithm, maxIterations, tolerance);
        if (!solution.Converged)
        {
            SolverFailures.Report(
                context,
                onFailure,
                Name,
                "mgda_solver_not_converged",
                $"the min-norm solver reached its cap of {maxIterations} iterations",
                solution.Residual,
                "the last simplex point");
        }

        // Weights on the raw gradients: w_i = α_i / n_i. The l2 and loss+ normalizers above use norms of
        // the scaled rows, so their true value is larger by the scale.
        double unit = normalization is MgdaNormalization.L2 or MgdaNormalization.LossPlus ? geometry.Scale : 1;
        var weights = new double[taskCount];
        for (int i = 0; i < taskCount; i++)
        {
            weights[i] = normalizers[i] > 0 ? solution.Solution[i] / normalizers[i] / unit : 0;
        }

        torch.Tensor direction = geometry.Combine(weights);
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }

    private double[] Normalizers(GradientGramian geometry, double[] losses)
    {
        if ((normalization is MgdaNormalization.Loss or MgdaNormalization.LossPlus) && losses.Any(l => l < 0 || !double.IsFinite(l)))
        {
            throw new ArgumentException(
                $"MGDA normalization '{normalization}' divides by the loss and needs non-negative finite losses; found [{string.Join(", ", losses)}]. Use normalization 'none' or 'l2'.",
                nameof(losses));
        }

        return normalization switch
        {
            MgdaNormalization.L2 => geometry.Norms.ToArray(),
            MgdaNormalization.Loss => losses.ToArray(),
            MgdaNormalization.LossPlus => losses.Select((l, i) => l * geometry.Norms[i]).ToArray(),
            _ => Enumerable.Repeat(1.0, geometry.TaskCount).ToArray(),
        };
    }
}
