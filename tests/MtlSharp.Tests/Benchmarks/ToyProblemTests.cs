using MtlSharp.Benchmarks.Toy;
using TorchSharp;

namespace MtlSharp.Tests.Benchmarks;

public sealed class ToyProblemTests
{
    // Hand values from the formulas in double precision; (-5, 20) hits the 5e-6 clamp of f1's logarithm.
    [Theory]
    [InlineData(-8.5, 7.5, 1.0, 6.552363408, 7.900798143)]
    [InlineData(9.0, -1.0, 1.0, -8.831058875, 2.814293488)]
    [InlineData(-5.0, 20.0, 1.0, -6.206072620, 7.609437881)]
    [InlineData(0.0, 0.0, 1.0, 0.0, 0.0)]
    [InlineData(-8.5, -5.0, 1.0, 4.059917837, -19.421502459)]
    [InlineData(9.0, -1.0, 0.1, -0.8831058875, 2.814293488)]
    public void ObjectivesMatchHandValues(double x1, double x2, double scale, double f1, double f2)
    {
        (double actual1, double actual2) = new ToyProblem(scale).Evaluate(x1, x2);

        Assert.Equal(f1, actual1, 1e-8);
        Assert.Equal(f2, actual2, 1e-8);
    }

    [Fact]
    public void BatchMatchesPointwise()
    {
        using var scope = torch.NewDisposeScope();
        var problem = new ToyProblem();
        double[,] points = { { -8.5, 7.5 }, { 9, -1 }, { 0, -8.3552 } };

        double[] batch = problem.Objectives(torch.tensor(points)).data<double>().ToArray();

        for (int n = 0; n < 3; n++)
        {
            (double f1, double f2) = problem.Evaluate(points[n, 0], points[n, 1]);
            Assert.Equal(f1, batch[2 * n], 12);
            Assert.Equal(f2, batch[2 * n + 1], 12);
        }
    }

    [Fact]
    public void PointsOfWrongShapeAreRejected()
    {
        using var scope = torch.NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => new ToyProblem().Objectives(torch.zeros(4, 3)));

        Assert.Contains("[4, 3]", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void InvalidScaleIsRejected(double scale)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ToyProblem(scale));

        Assert.Equal("firstObjectiveScale", error.ParamName);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.1)]
    public void ParetoPointsHaveZeroMinNormCombination(double scale)
    {
        var problem = new ToyProblem(scale);

        foreach (var (x1, x2) in ToyParetoSet.Points(41))
        {
            (double norm, double largest) = MinNormCombination(problem, x1, x2);
            Assert.True(norm <= 1e-7 * largest, $"At ({x1}, {x2}) the min-norm combination has norm {norm}; the gradients have norm up to {largest}.");
        }
    }

    [Theory]
    [InlineData(0.0, -5.0)]
    [InlineData(-8.5, 7.5)]
    [InlineData(0.0, -8.2)]
    public void NonParetoPointsHaveNonzeroMinNorm(double x1, double x2)
    {
        (double norm, double largest) = MinNormCombination(new ToyProblem(), x1, x2);

        Assert.True(norm > 1e-3 * largest, $"At ({x1}, {x2}) the min-norm combination has norm {norm}.");
    }

    [Fact]
    public void ParetoFrontIsNotDominatedOnGrid()
    {
        using var scope = torch.NewDisposeScope();
        var problem = new ToyProblem();
        torch.Tensor axis = torch.linspace(-10, 10, 201, dtype: torch.float64);
        torch.Tensor[] mesh = torch.meshgrid(new[] { axis, axis }, indexing: "ij");
        torch.Tensor grid = problem.Objectives(torch.stack(new[] { mesh[0].reshape(-1), mesh[1].reshape(-1) }, -1));
        torch.Tensor gridF1 = grid.select(-1, 0);
        torch.Tensor gridF2 = grid.select(-1, 1);

        foreach (var (f1, f2) in ToyParetoSet.Front(problem, 21))
        {
            long dominating = ((gridF1 < f1 - 1e-9) & (gridF2 < f2 - 1e-9)).sum().item<long>();
            Assert.Equal(0, dominating);
        }
    }

    [Fact]
    public void ParetoSetSpansBowlCentres()
    {
        IReadOnlyList<(double X1, double X2)> points = ToyParetoSet.Points(3);

        Assert.Equal(-7.0, points[0].X1, 12);
        Assert.Equal(0.0, points[1].X1, 12);
        Assert.Equal(7.0, points[2].X1, 12);
        Assert.Equal(-8.4344599, points[0].X2, 6);
        Assert.Equal(-8.3551098, points[1].X2, 6);
        Assert.Equal(points[0].X2, points[2].X2, 12);
    }

    [Fact]
    public void PublishedSetupsMatchAuthorsCode()
    {
        Assert.Equal(3, ToySetup.CAGrad.Starts.Count);
        Assert.Equal(100_000, ToySetup.CAGrad.Iterations);
        Assert.Equal(1.0, ToySetup.CAGrad.FirstObjectiveScale);
        Assert.Equal(5, ToySetup.NashMtl.Starts.Count);
        Assert.Equal(35_000, ToySetup.NashMtl.Iterations);
        Assert.Equal(0.1, ToySetup.NashMtl.FirstObjectiveScale);
        Assert.Equal(1e-3, ToySetup.NashMtl.LearningRate);
        Assert.Same(ToySetup.NashMtl, ToySetup.Get("Nash-MTL"));
    }

    [Fact]
    public void UnknownSetupIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ToySetup.Get("mgda"));

        Assert.Contains("cagrad, nash-mtl", error.Message);
    }

    // Returns ‖α g1 + (1 - α) g2‖ at the minimizing α ∈ [0, 1], and max(‖g1‖, ‖g2‖), with gradients from autograd.
    private static (double Norm, double Largest) MinNormCombination(ToyProblem problem, double x1, double x2)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor point = torch.tensor(new[] { x1, x2 }, torch.float64, requires_grad: true);
        torch.Tensor objectives = problem.Objectives(point);
        torch.Tensor g1 = torch.autograd.grad(new[] { objectives[0] }, new[] { point }, retain_graph: true)[0];
        torch.Tensor g2 = torch.autograd.grad(new[] { objectives[1] }, new[] { point })[0];

        torch.Tensor difference = g1 - g2;
        double squared = difference.dot(difference).item<double>();
        double alpha = squared == 0 ? 0.5 : Math.Clamp(-difference.dot(g2).item<double>() / squared, 0, 1);
        double norm = (alpha * g1 + (1 - alpha) * g2).norm().item<double>();
        return (norm, Math.Max(g1.norm().item<double>(), g2.norm().item<double>()));
    }
}
