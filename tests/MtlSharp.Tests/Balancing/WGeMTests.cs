using MtlSharp.Balancing;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class WGeMTests
{
    private static readonly double[] Losses = { 4.0, 0.3, 1.7 };

    [Fact]
    public void ZeroEqualsAmtlGeometric()
    {
        var tasks = MakeTasks(3);
        var wgem = Trained(new WGeM(tasks, Baselines(tasks, 0.8, 0.5, 0.9), p: 0), tasks);
        var amtl = Trained(new Amtl(tasks, Baselines(tasks, 0.8, 0.5, 0.9), AmtlForm.Geometric), tasks);

        AssertSame(amtl, wgem, tasks);
    }

    [Fact]
    public void OneEqualsAmtlArithmetic()
    {
        var tasks = MakeTasks(3);
        var wgem = Trained(new WGeM(tasks, Baselines(tasks, 0.8, 0.5, 0.9), p: 1), tasks);
        var amtl = Trained(new Amtl(tasks, Baselines(tasks, 0.8, 0.5, 0.9), AmtlForm.Arithmetic), tasks);

        AssertSame(amtl, wgem, tasks);
    }

    [Fact]
    public void WeightsMatchClosedForm()
    {
        // w = [0.8, 0.2], L = [4, 1], p = 0.5: M = (0.8·2 + 0.2·1)² = 3.24 and λ_i = w_i (L_i / M)^(-1/2).
        var tasks = MakeTasks(2);
        var wgem = new WGeM(tasks, Baselines(tasks, 0.8, 0.5), p: 0.5, normalization: AchievementNormalization.Sum);
        wgem.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }, Metrics(tasks, 0.6, 0.45)));

        var (value, weights) = Evaluate(wgem, new[] { 4.0, 1.0 }, Context(tasks));

        Assert.Equal(3.24, value, 10);
        Assert.Equal(0.72, weights[0], 10);
        Assert.Equal(0.36, weights[1], 10);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(2)]
    public void TaskPastPotentialGetsZeroWeight(double p)
    {
        // Task 0 is past its potential, so sum normalization gives w = [0, 1] and λ_0 = 0 with finite λ_1.
        var tasks = MakeTasks(2);
        var wgem = new WGeM(tasks, Baselines(tasks, 0.8, 0.5), p, AchievementNormalization.Sum);
        wgem.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }, Metrics(tasks, 0.95, 0.45)));

        var (value, weights) = Evaluate(wgem, new[] { 4.0, 1.0 }, Context(tasks));

        Assert.Equal(1.0, value, 10);
        Assert.Equal(0.0, weights[0], 10);
        Assert.Equal(1.0, weights[1], 10);
    }

    [Fact]
    public void RejectsInvalidExponent()
    {
        var tasks = MakeTasks(2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WGeM(tasks, Baselines(tasks, 0.8, 0.5), p: double.PositiveInfinity));
        Assert.Equal("p", error.ParamName);
    }

    private static T Trained<T>(T balancer, IReadOnlyList<MtlSharp.Tasks.TaskSpec> tasks)
        where T : ILossBalancer
    {
        balancer.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0, 1.0 }, Metrics(tasks, 0.6, 0.45, 0.5)));
        return balancer;
    }

    private static void AssertSame(ILossBalancer expected, ILossBalancer actual, IReadOnlyList<MtlSharp.Tasks.TaskSpec> tasks)
    {
        var (expectedValue, expectedWeights) = Evaluate(expected, Losses, Context(tasks));
        var (actualValue, actualWeights) = Evaluate(actual, Losses, Context(tasks));

        Assert.Equal(expectedValue, actualValue, 10);
        for (int i = 0; i < Losses.Length; i++)
        {
            Assert.Equal(expectedWeights[i], actualWeights[i], 10);
        }
    }
}
