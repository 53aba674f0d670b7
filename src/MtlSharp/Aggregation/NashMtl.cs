using MtlSharp.Solvers;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// Nash-MTL, multi-task learning as a bargaining game: weights α &gt; 0 with M̃ α = 1/α, where
/// M̃ = M / ‖M‖_F is the Gramian normalized by its Frobenius norm, and d = Gᵀα, then d is clipped to norm at
/// most max-norm. Navon et al., "Multi-Task Learning as a Bargaining Game", ICML 2022, Eq. 4.
/// Shapes: Jacobian [K, P], direction [P], weights [K].
/// </summary>
/// <remarks>
/// The fixed point is found by damped Newton steps on a convex function whose stationarity condition is
/// M̃ α = 1/α (see <see cref="PowerFixedPoint"/>), starting from the diagonal solution at every step. The
/// authors' code runs up to 20 concave-convex steps with cvxpy from the previous step's α. When their
/// solver raises, it silently keeps the previous weights, whereas this class never reuses old weights. A task with a
/// zero gradient makes the system unsolvable: it is reported, gets α_i = 0, and the others are solved
/// (J = [[0, 0], [0, 1]] gives α = [0, 1]). A solve that does not converge is reported and its last
/// iterate is used. The clipping by max-norm is the authors' gradient clipping of the shared parameters,
/// applied to the direction; the reported weights include it.
/// </remarks>
public sealed class NashMtl : IGradientAggregator
{
    private const string Name = "Nash-MTL";

    private readonly int iterations;
    private readonly double maxNorm;
    private readonly SolverFailurePolicy onFailure;

    /// <summary>Creates Nash-MTL.</summary>
    /// <param name="iterations">Newton iteration cap, at least 1 (the authors cap their solver at 20 steps).</param>
    /// <param name="maxNorm">Largest norm of the direction, as the authors' gradient clipping; 0 disables it (authors: 1.0).</param>
    /// <param name="onFailure">What to do on a zero gradient or a solve that does not converge.</param>
    public NashMtl(int iterations = 20, double maxNorm = 1.0, SolverFailurePolicy onFailure = SolverFailurePolicy.Continue)
    {
        if (iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "The iteration cap must be at least 1.");
        }

        if (!(maxNorm >= 0) || !double.IsFinite(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "max-norm must be finite and at least 0 (0 disables clipping).");
        }

        this.iterations = iterations;
        this.maxNorm = maxNorm;
        this.onFailure = onFailure;
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var geometry = GradientGramian.Compute(jacobian, losses);

        // M / ‖M‖_F is the same for the scaled rows, so the weights apply to the original gradients as they are.
        double[] weights = ZeroGradientTasks.Solve(geometry, 1, true, iterations, context, onFailure, Name, "nash_mtl");

        double norm = geometry.Scale * Math.Sqrt(Math.Max(DenseMath.Quadratic(geometry.Gramian, weights), 0));
        if (maxNorm > 0 && norm > maxNorm)
        {
            double shrink = maxNorm / norm;
            weights = weights.Select(w => w * shrink).ToArray();
        }

        torch.Tensor direction = geometry.Combine(weights);
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }
}
