using TorchSharp;

namespace MtlSharp.Benchmarks.Toy;

/// <summary>
/// The two-objective problem on x = (x1, x2) ∈ R² that CAGrad (Liu et al., "Conflict-Averse Gradient
/// Descent for Multi-task Learning", NeurIPS 2021) and Nash-MTL (Navon et al., "Multi-Task Learning as a
/// Bargaining Game", ICML 2022) use to draw optimization trajectories, as defined in the authors' code
/// (toy.py of Cranial-XIX/CAGrad, experiments/toy/problem.py of AvivNavon/nash-mtl).
/// </summary>
/// <remarks>
/// With c1 = max(tanh(x2/2), 0) and c2 = max(tanh(-x2/2), 0):
/// <code>
/// f1 = s · [c1 · (log max(|-(x1 + 7)/2 - tanh(-x2)|, 5e-6) + 6) + c2 · (((x1 - 7)² + 0.1 (x2 + 8)²)/10 - 20)]
/// f2 =      c1 · (log max(|(3 - x1)/2 + tanh(-x2) + 2|, 5e-6) + 6) + c2 · (((x1 + 7)² + 0.1 (x2 + 8)²)/10 - 20)
/// </code>
/// For x2 &gt; 0 each objective is a log valley, for x2 &lt; 0 a quadratic bowl; f1's bowl is centred at
/// x1 = 7 and f2's at x1 = -7, so the two conflict along x1. The scale s of f1 is 1 in CAGrad and 0.1
/// in Nash-MTL, which makes the objectives differ in scale. Objectives are negative in the lower half-plane,
/// so loss balancers that take the logarithm of a loss are not defined there.
/// </remarks>
public sealed class ToyProblem
{
    /// <summary>Lower clamp of the argument of each logarithm, as in the authors' code.</summary>
    public const double LogArgumentMinimum = 5e-6;

    /// <summary>Creates the problem with f1 scaled by <paramref name="firstObjectiveScale"/>.</summary>
    /// <param name="firstObjectiveScale">Factor s on f1: 1 in CAGrad's setup, 0.1 in Nash-MTL's.</param>
    public ToyProblem(double firstObjectiveScale = 1.0)
    {
        if (!(firstObjectiveScale > 0) || !double.IsFinite(firstObjectiveScale))
        {
            throw new ArgumentOutOfRangeException(nameof(firstObjectiveScale), firstObjectiveScale, "The scale of f1 must be a positive finite number such as 1 or 0.1.");
        }

        FirstObjectiveScale = firstObjectiveScale;
    }

    /// <summary>Factor s on the first objective.</summary>
    public double FirstObjectiveScale { get; }

    /// <summary>Number of objectives.</summary>
    public static int ObjectiveCount => 2;

    /// <summary>Computes (f1, f2) of points [..., 2]; the result [..., 2] is differentiable and has the points' dtype.</summary>
    public torch.Tensor Objectives(torch.Tensor points)
    {
        if (points.dim() == 0 || points.shape[^1] != 2)
        {
            throw new ArgumentException($"Points must have shape [..., 2]; got [{string.Join(", ", points.shape)}].", nameof(points));
        }

        torch.Tensor x1 = points.select(-1, 0);
        torch.Tensor x2 = points.select(-1, 1);
        torch.Tensor tanhOfMinusX2 = torch.tanh(-x2);

        // Upper half-plane: log valleys, weighted by c1.
        torch.Tensor valley1 = LogValley(-0.5 * (x1 + 7) - tanhOfMinusX2);
        torch.Tensor valley2 = LogValley(0.5 * (3 - x1) + tanhOfMinusX2 + 2);
        torch.Tensor c1 = torch.tanh(0.5 * x2).clamp_min(0);

        // Lower half-plane: quadratic bowls centred at x1 = 7 and x1 = -7, weighted by c2.
        torch.Tensor depth = 0.1 * (x2 + 8).square();
        torch.Tensor bowl1 = ((x1 - 7).square() + depth) / 10 - 20;
        torch.Tensor bowl2 = ((x1 + 7).square() + depth) / 10 - 20;
        torch.Tensor c2 = torch.tanh(-0.5 * x2).clamp_min(0);

        torch.Tensor f1 = (c1 * valley1 + c2 * bowl1) * FirstObjectiveScale;
        torch.Tensor f2 = c1 * valley2 + c2 * bowl2;
        return torch.stack(new[] { f1, f2 }, -1);
    }

    /// <summary>Computes (f1, f2) at one point in double precision.</summary>
    public (double F1, double F2) Evaluate(double x1, double x2)
    {
        using var scope = torch.NewDisposeScope();
        double[] values = Objectives(torch.tensor(new[] { x1, x2 }, torch.float64)).data<double>().ToArray();
        return (values[0], values[1]);
    }

    private static torch.Tensor LogValley(torch.Tensor argument) => argument.abs().clamp_min(LogArgumentMinimum).log() + 6;
}
