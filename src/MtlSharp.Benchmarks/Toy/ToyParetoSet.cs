namespace MtlSharp.Benchmarks.Toy;

/// <summary>
/// The Pareto set of <see cref="ToyProblem"/>, from its stationarity conditions rather than from a
/// straight-line approximation.
/// </summary>
/// <remarks>
/// In the lower half-plane c1 = 0 and f_i = c2(x2) q_i(x1, x2) with c2 = tanh(-x2/2). A point is Pareto
/// stationary when α ∇f1 + (1 - α) ∇f2 = 0 for some α ∈ [0, 1]. The x1 component gives x1 = 14α - 7, and
/// the x2 component gives h(x2) = c2'(x2) Q(x2) + c2(x2) ∂Q/∂x2 = 0 with
/// Q = (196 α (1 - α) + 0.1 (x2 + 8)²)/10 - 20. h is negative at x2 = -10 and positive at x2 = -8 for
/// every α, so bisection on that interval finds the root. The set bends from x2 ≈ -8.4345 at its ends to
/// x2 ≈ -8.3551 at x1 = 0; the CAGrad authors draw it as the line x2 = -8.3552 between x1 = -7 and 7.
/// Positive scaling of f1 does not move the Pareto set, only its image (the front).
/// </remarks>
public static class ToyParetoSet
{
    private const double Lower = -10;
    private const double Upper = -8;
    private const int BisectionSteps = 100;

    /// <summary>Returns <paramref name="count"/> Pareto-optimal points (x1, x2), from x1 = -7 (α = 0) to x1 = 7 (α = 1).</summary>
    public static IReadOnlyList<(double X1, double X2)> Points(int count)
    {
        if (count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A Pareto set sample needs at least 2 points.");
        }

        var points = new (double X1, double X2)[count];
        for (int n = 0; n < count; n++)
        {
            double alpha = (double)n / (count - 1);
            points[n] = (14 * alpha - 7, SolveX2(alpha));
        }

        return points;
    }

    /// <summary>Returns the objectives (f1, f2) of <paramref name="count"/> Pareto-optimal points of <paramref name="problem"/>.</summary>
    public static IReadOnlyList<(double F1, double F2)> Front(ToyProblem problem, int count) =>
        Points(count).Select(p => problem.Evaluate(p.X1, p.X2)).ToArray();

    private static double SolveX2(double alpha)
    {
        double low = Lower;
        double high = Upper;
        for (int step = 0; step < BisectionSteps; step++)
        {
            double middle = 0.5 * (low + high);
            if (StationarityResidual(middle, alpha) > 0)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return 0.5 * (low + high);
    }

    // h(x2) = ∂/∂x2 [c2(x2) Q(x2)] at x1 = 14α - 7, up to the positive factor of the α-combination.
    private static double StationarityResidual(double x2, double alpha)
    {
        double q = (196 * alpha * (1 - alpha) + 0.1 * (x2 + 8) * (x2 + 8)) / 10 - 20;
        double c2 = Math.Tanh(-0.5 * x2);
        double tanhHalf = Math.Tanh(0.5 * x2);
        double c2Derivative = -0.5 * (1 - tanhHalf * tanhHalf);
        return c2Derivative * q + c2 * 0.02 * (x2 + 8);
    }
}
