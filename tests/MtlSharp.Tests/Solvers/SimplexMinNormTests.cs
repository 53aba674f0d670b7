using MtlSharp.Solvers;

namespace MtlSharp.Tests.Solvers;

public sealed class SimplexMinNormTests
{
    private static readonly double[,] Balanced = { { 1, 0, -1 }, { 0, 1, -1 }, { -1, -1, 2 } };

    [Theory]
    [InlineData(MinNormAlgorithm.ProjectedGradient)]
    [InlineData(MinNormAlgorithm.FrankWolfe)]
    public void BalancedTriangleReachesCentroid(MinNormAlgorithm algorithm)
    {
        SolverResult result = SimplexMinNorm.Solve(Balanced, algorithm, 10000, 1e-9);

        Assert.True(result.Converged);
        foreach (double weight in result.Solution)
        {
            Assert.Equal(1.0 / 3, weight, 3);
        }
    }

    [Theory]
    [InlineData(MinNormAlgorithm.ProjectedGradient, new[] { 0.4667, 0.2667, 0.2667 })]
    [InlineData(MinNormAlgorithm.FrankWolfe, new[] { 0.42, 0.3, 0.28 })]
    public void CapOfOneGivesSimplexPoint(MinNormAlgorithm algorithm, double[] expected)
    {
        SolverResult result = SimplexMinNorm.Solve(Balanced, algorithm, maxIterations: 1);

        Assert.False(result.Converged);
        Assert.Equal(1, result.Iterations);
        Assert.Equal(expected, result.Solution.Select(w => Math.Round(w, 4)));
        Assert.Equal(1.0, result.Solution.Sum(), 12);
        Assert.All(result.Solution, w => Assert.True(w >= 0));
    }

    [Fact]
    public void IdenticalRowsGiveValidWeights()
    {
        double[,] identical = { { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 } };

        SolverResult result = SimplexMinNorm.Solve(identical);

        Assert.True(result.Converged);
        Assert.Equal(1.0, result.Solution.Sum(), 12);
        Assert.All(result.Solution, w => Assert.True(double.IsFinite(w) && w >= 0));
    }

    [Fact]
    public void TwoTasksUseClosedForm()
    {
        double[,] gramian = { { 4, 1 }, { 1, 1 } };

        SolverResult result = SimplexMinNorm.Solve(gramian);

        // γ = (bb - ab) / (aa - 2ab + bb) = 0 / 3.
        Assert.Equal(new[] { 0.0, 1.0 }, result.Solution);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void RandomGramiansSatisfyOptimality()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 20; trial++)
        {
            int tasks = 3 + trial % 4;
            double[,] rows = new double[tasks, 5];
            for (int i = 0; i < tasks; i++)
            {
                for (int j = 0; j < 5; j++)
                {
                    rows[i, j] = random.NextDouble() * 2 - 1;
                }
            }

            var gramian = new double[tasks, tasks];
            for (int i = 0; i < tasks; i++)
            {
                for (int k = 0; k < tasks; k++)
                {
                    for (int j = 0; j < 5; j++)
                    {
                        gramian[i, k] += rows[i, j] * rows[k, j];
                    }
                }
            }

            SolverResult result = SimplexMinNorm.Solve(gramian, MinNormAlgorithm.ProjectedGradient, 5000, 1e-12);

            // Optimality on the simplex: the Frank-Wolfe gap αᵀMα - min_t (Mα)_t is 0.
            Assert.True(result.Residual < 1e-6, $"trial {trial}: gap {result.Residual}");
        }
    }
}
