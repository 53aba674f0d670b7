using MtlSharp.Solvers;

namespace MtlSharp.Tests.Solvers;

public sealed class PowerFixedPointTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void SolvesWellConditionedSystem(double power)
    {
        double[,] gramian = { { 1, 0.3, -0.2 }, { 0.3, 0.5, 0.1 }, { -0.2, 0.1, 0.8 } };

        SolverResult result = PowerFixedPoint.Solve(gramian, power, 20);

        Assert.True(result.Converged, $"residual {result.Residual}");
        Assert.True(PowerFixedPoint.Residual(gramian, power, result.Solution) < PowerFixedPoint.DefaultTolerance);
        Assert.All(result.Solution, w => Assert.True(w > 0));
    }

    [Fact]
    public void WideScaleDiagonalIsExact()
    {
        double[,] gramian = { { 1, 0 }, { 0, 1e-30 } };

        SolverResult result = PowerFixedPoint.Solve(gramian, 1, 5);

        Assert.True(result.Converged);
        Assert.Equal(1.0, result.Solution[0], 12);
        Assert.Equal(1e15, result.Solution[1], 1e3);
    }

    [Fact]
    public void UnsolvableSystemIsFlagged()
    {
        double[,] cancelling = { { 1, -1 }, { -1, 1 } };

        SolverResult result = PowerFixedPoint.Solve(cancelling, 1, 20);

        Assert.False(result.Converged);
        Assert.All(result.Solution, w => Assert.True(double.IsFinite(w) && w > 0));
    }

    [Fact]
    public void RejectsZeroDiagonal()
    {
        double[,] gramian = { { 0, 0 }, { 0, 1 } };

        Assert.Throws<ArgumentException>(() => PowerFixedPoint.Solve(gramian, 1, 20));
    }
}
