using MtlSharp.Solvers;

namespace MtlSharp.Tests.Solvers;

public sealed class DualConeProjectionTests
{
    [Fact]
    public void FeasibleBoundIsItsOwnProjection()
    {
        double[,] gramian = { { 1, 0.2 }, { 0.2, 1 } };

        SolverResult result = DualConeProjection.Solve(gramian, new[] { 0.5, 0 });

        Assert.True(result.Converged);
        Assert.Equal(new[] { 0.5, 0.0 }, result.Solution);
    }

    [Fact]
    public void ConflictIsRemoved()
    {
        // Rows g1 = [1, 0] and g2 = [-1, 1]: projecting g1 onto {x : Gx ≥ 0} gives [0.5, 0.5] = 1·g1 + 0.5·g2.
        double[,] gramian = { { 1, -1 }, { -1, 2 } };

        SolverResult result = DualConeProjection.Solve(gramian, new[] { 1.0, 0 });

        Assert.True(result.Converged);
        Assert.Equal(1.0, result.Solution[0], 12);
        Assert.Equal(0.5, result.Solution[1], 12);
    }

    [Fact]
    public void RandomProblemsSatisfyKkt()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = 2 + trial % 6;
            var rows = new double[n, 3];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    rows[i, j] = random.NextDouble() * 2 - 1;
                }
            }

            var gramian = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < n; k++)
                {
                    for (int j = 0; j < 3; j++)
                    {
                        gramian[i, k] += rows[i, j] * rows[k, j];
                    }
                }

                gramian[i, i] += 1e-4;
            }

            var bound = new double[n];
            bound[trial % n] = 1.0 / n;
            SolverResult result = DualConeProjection.Solve(gramian, bound);

            Assert.True(result.Converged, $"trial {trial}");
            Assert.True(result.Residual < 1e-10, $"trial {trial}: KKT violation {result.Residual}");
            for (int i = 0; i < n; i++)
            {
                Assert.True(result.Solution[i] >= bound[i], $"trial {trial}: v_{i} below its bound");
            }
        }
    }
}
