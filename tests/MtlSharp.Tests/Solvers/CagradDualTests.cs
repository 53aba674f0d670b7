using MtlSharp.Solvers;

namespace MtlSharp.Tests.Solvers;

public sealed class CagradDualTests
{
    [Fact]
    public void TwoTasksMatchGridSearch()
    {
        double[,] gramian = { { 1.04, -0.4 }, { -0.4, 1.36 } };
        double kappa = 0.4 * Math.Sqrt((1.04 - 0.8 + 1.36) / 4);

        SolverResult result = CagradDual.Solve(gramian, kappa);

        double bestT = 0;
        double best = double.PositiveInfinity;
        for (int k = 0; k <= 1000000; k++)
        {
            double t = k / 1000000.0;
            double[] w = { t, 1 - t };
            double value = Objective(gramian, kappa, w);
            if (value < best)
            {
                (best, bestT) = (value, t);
            }
        }

        Assert.True(result.Converged);
        Assert.Equal(bestT, result.Solution[0], 4);
        Assert.Equal(1.0, result.Solution.Sum(), 12);
    }

    [Fact]
    public void ZeroGramianKeepsUniformWeights()
    {
        SolverResult result = CagradDual.Solve(new double[3, 3], 0);

        Assert.Equal(new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, result.Solution);
    }

    private static double Objective(double[,] gramian, double kappa, double[] w)
    {
        int n = w.Length;
        double linear = 0;
        double quadratic = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                linear += w[i] * gramian[i, j] / n;
                quadratic += w[i] * gramian[i, j] * w[j];
            }
        }

        return linear + kappa * Math.Sqrt(quadratic);
    }
}
