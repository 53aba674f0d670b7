using MtlSharp.Balancing;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class LossScaleBalancingTests
{
    [Fact]
    public void FirstEpochUsesUnitWeights()
    {
        var (_, weights) = Evaluate(new LossScaleBalancing(), new[] { 2.0, 0.5 }, Context(MakeTasks(2)));

        Assert.Equal(new[] { 1.0, 1.0 }, weights);
    }

    [Fact]
    public void WeightedMeansHaveEqualScale()
    {
        var tasks = MakeTasks(3);
        double[] means = { 2.0, 0.5, 0.04 };
        var lsb = new LossScaleBalancing();
        lsb.OnEpochEnd(Report(tasks, 0, means));

        var (_, weights) = Evaluate(lsb, means, Context(tasks, epoch: 1));

        Assert.Equal(3.0, weights.Sum(), 10);
        Assert.Equal(weights[0] * means[0], weights[1] * means[1], 10);
        Assert.Equal(weights[0] * means[0], weights[2] * means[2], 10);
    }

    [Fact]
    public void LossRatioDifficultyFavoursSlowTask()
    {
        var tasks = MakeTasks(2);
        var lsb = new LossScaleBalancing(LsbDifficulty.LossRatio);
        lsb.OnEpochEnd(Report(tasks, 0, new[] { 2.0, 0.5 }));
        lsb.OnEpochEnd(Report(tasks, 1, new[] { 1.0, 0.5 }));

        // d = [0.5, 1], scale term [1, 2]: raw [0.5, 2] normalized to sum 2.
        Assert.Equal(0.4, lsb.CurrentWeights![0], 10);
        Assert.Equal(1.6, lsb.CurrentWeights![1], 10);
    }

    [Fact]
    public void InvalidMeanKeepsWeights()
    {
        var tasks = MakeTasks(2);
        var lsb = new LossScaleBalancing();
        lsb.OnEpochEnd(Report(tasks, 0, new[] { 2.0, 0.5 }));
        double[] before = lsb.CurrentWeights!.ToArray();

        lsb.OnEpochEnd(Report(tasks, 1, new[] { 0.0, double.NaN }));

        Assert.Equal(before, lsb.CurrentWeights);
    }
}
