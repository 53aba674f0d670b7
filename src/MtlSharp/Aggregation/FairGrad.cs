using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>
/// FairGrad, α-fair multi-task optimization: weights w &gt; 0 with M w = w^(-1/α) element-wise, d = Gᵀw.
/// α = 1 is proportional fairness (Nash-MTL without its normalization), α → ∞ max-min fairness.
/// Ban and Ji, "Fair Resource Allocation in Multi-Task Learning", ICML 2024, Eq. 8.
/// Shapes: Jacobian [K, P], direction [P], weights [K].
/// </summary>
/// <remarks>
/// The authors solve the system with scipy's least_squares from w = 1/K on the raw Gramian. This class
/// solves the same system by Newton's method (see <see cref="Solvers.PowerFixedPoint"/>) on the Gramian of
/// rows scaled by the largest norm s, and maps back: the solution for M = s² M' is w = s^(-2α/(α+1)) w'.
/// A task with a zero gradient has no finite weight: it is reported and gets weight 0, as in Nash-MTL.
/// </remarks>
public sealed class FairGrad : IGradientAggregator
{
    private const string Name = "FairGrad";

    private readonly double alpha;
    private readonly int iterations;
    private readonly SolverFailurePolicy onFailure;

    /// <summary>Creates FairGrad.</summary>
    /// <param name="alpha">Fairness α &gt; 0. The default 2 is this library's choice.</param>
    /// <param name="iterations">Newton iteration cap, at least 1.</param>
    /// <param name="onFailure">What to do on a zero gradient or a solve that does not converge.</param>
    public FairGrad(double alpha = 2.0, int iterations = 50, SolverFailurePolicy onFailure = SolverFailurePolicy.Continue)
    {
        if (!(alpha > 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be positive and finite.");
        }

        if (iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "The iteration cap must be at least 1.");
        }

        this.alpha = alpha;
        this.iterations = iterations;
        this.onFailure = onFailure;
    }

    /// <inheritdoc />
    public Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var geometry = GradientGramian.Compute(jacobian, losses);
        double[] scaledWeights = ZeroGradientTasks.Solve(geometry, 1 / alpha, false, iterations, context, onFailure, Name, "fairgrad");

        // w = s^(-2α/(α+1)) w', computed in the log domain because s may be as large as 1e30.
        double factor = geometry.Scale > 0 ? Math.Exp(-2 * alpha / (alpha + 1) * Math.Log(geometry.Scale)) : 0;
        double[] weights = scaledWeights.Select(w => w * factor).ToArray();

        torch.Tensor direction = geometry.Combine(scaledWeights, factor);
        return new Aggregation(direction.MoveToOuterDisposeScope(), GradientGramian.WeightsTensor(weights).MoveToOuterDisposeScope());
    }
}
