using MtlSharp.Balancing;
using TorchSharp;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class GeMTests
{
    private static readonly double[] Theta = { 0.3, -1.2, 2.0 };

    [Fact]
    public void ArithmeticGivesEqualWeightingOverK()
    {
        double[] gem = SharedGradient(new GeM(1), scaleFirstLoss: 1);
        double[] ew = SharedGradient(new EqualWeighting(), scaleFirstLoss: 1);

        for (int j = 0; j < ew.Length; j++)
        {
            Assert.Equal(ew[j], 3 * gem[j], 10);
        }
    }

    [Fact]
    public void GeometricDirectionIgnoresLossScale()
    {
        double[] plain = SharedGradient(new GeM(0), scaleFirstLoss: 1);
        double[] scaled = SharedGradient(new GeM(0), scaleFirstLoss: 1000);

        Assert.Equal(1.0, Cosine(plain, scaled), 10);
    }

    [Fact]
    public void ArithmeticDirectionFollowsLossScale()
    {
        double[] plain = SharedGradient(new GeM(1), scaleFirstLoss: 1);
        double[] scaled = SharedGradient(new GeM(1), scaleFirstLoss: 1000);

        Assert.True(Cosine(plain, scaled) < 0.999, "p = 1 is not scale-invariant, so its direction must change.");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(3)]
    public void WeightsMatchClosedForm(double p)
    {
        double[] losses = { 0.7, 2.5, 0.05 };
        var (_, weights) = Evaluate(new GeM(p), losses, Context(MakeTasks(3)));
        double[] expected = GeneralizedMean.Weights(losses, new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, p);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], weights[i], 1e-10);
        }
    }

    [Fact]
    public void GlsGoldenValue()
    {
        var (value, weights) = Evaluate(new GeM(0), new[] { 4.0, 1.0 }, Context(MakeTasks(2)));

        Assert.Equal(2.0, value, 12);
        Assert.Equal(0.25, weights[0], 12);
        Assert.Equal(1.0, weights[1], 12);
    }

    [Fact]
    public void GlsZeroLossIsFloored()
    {
        var (value, weights) = Evaluate(new GeM(0), new[] { 1.0, 0.0 }, Context(MakeTasks(2)));

        Assert.Equal(1e-4, value, 1e-12);
        Assert.Equal(5e-5, weights[0], 1e-12);
        Assert.Equal(5e3, weights[1], 1e-6);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void ZeroLossStaysFinite(double p)
    {
        var (value, weights) = Evaluate(new GeM(p), new[] { 1.0, 0.0 }, Context(MakeTasks(2)));

        Assert.True(double.IsFinite(value), $"value {value}");
        Assert.All(weights, w => Assert.True(double.IsFinite(w), $"weight {w}"));
    }

    [Fact]
    public void LargeExponentDoesNotOverflow()
    {
        var (value, weights) = Evaluate(new GeM(20), new[] { 1e3, 1e-3 }, Context(MakeTasks(2)));

        Assert.Equal(1e3 * Math.Pow(0.5, 1 / 20.0), value, 1e-6);
        Assert.All(weights, w => Assert.True(double.IsFinite(w)));
    }

    [Fact]
    public void FloatLossesKeepTheirType()
    {
        using var losses = torch.tensor(new float[] { 4, 1 }, requires_grad: true);
        using var combined = new GeM(0).Combine(losses, Context(MakeTasks(2)));

        Assert.Equal(torch.float32, combined.dtype);
        Assert.Equal(2f, combined.item<float>(), 5);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(21)]
    [InlineData(-21)]
    public void RejectsInvalidExponent(double p)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GeM(p));
        Assert.Equal("p", error.ParamName);
    }

    /// <summary>Gradient over θ [3] of the balancer's objective for three losses of θ; the first loss is scaled.</summary>
    private static double[] SharedGradient(ILossBalancer balancer, double scaleFirstLoss)
    {
        using var scope = torch.NewDisposeScope();
        var theta = torch.tensor(Theta, dtype: torch.float64, requires_grad: true);
        var losses = torch.stack(new[]
        {
            scaleFirstLoss * theta.pow(2).sum(),
            (theta - 1).pow(2).sum() + 0.5,
            (theta[0] * theta[1]).exp(),
        });
        balancer.Combine(losses, Context(MakeTasks(3))).backward();
        return theta.grad!.data<double>().ToArray();
    }

    private static double Cosine(double[] a, double[] b)
    {
        double dot = a.Zip(b, (x, y) => x * y).Sum();
        return dot / Math.Sqrt(a.Sum(x => x * x) * b.Sum(y => y * y));
    }
}
