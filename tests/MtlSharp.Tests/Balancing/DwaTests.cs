using MtlSharp.Balancing;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class DwaTests
{
    private static readonly double[] Probe = { 0.3, 0.6 };

    [Fact]
    public void FourEpochHandSequence()
    {
        var tasks = MakeTasks(2);
        var dwa = new Dwa();

        AssertWeights(dwa, 0, new[] { 1.0, 1.0 });
        dwa.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }));
        AssertWeights(dwa, 1, new[] { 1.0, 1.0 });
        dwa.OnEpochEnd(Report(tasks, 1, new[] { 0.5, 0.9 }));
        AssertWeights(dwa, 2, new[] { 0.900332, 1.099668 });

        // The unweighted means repeat the ratios [0.5, 0.9], so the weights repeat; weighted means would give [0.865928, 1.134072].
        dwa.OnEpochEnd(Report(tasks, 2, new[] { 0.25, 0.81 }));
        AssertWeights(dwa, 3, new[] { 0.900332, 1.099668 });
    }

    [Fact]
    public void WeightsSumToTaskCount()
    {
        var tasks = MakeTasks(3);
        var dwa = new Dwa(temperature: 0.5);
        dwa.OnEpochEnd(Report(tasks, 0, new[] { 2.0, 1.0, 0.1 }));
        dwa.OnEpochEnd(Report(tasks, 1, new[] { 1.0, 0.9, 0.2 }));

        Assert.Equal(3.0, dwa.CurrentWeights!.Sum(), 12);
        Assert.True(dwa.CurrentWeights![2] > dwa.CurrentWeights![1], "the task whose loss rose gets the largest weight");
    }

    [Fact]
    public void ZeroEpochMeanGivesFiniteWeights()
    {
        var tasks = MakeTasks(2);
        var logger = new RecordingLogger();
        var dwa = new Dwa(logger: logger);
        dwa.OnEpochEnd(Report(tasks, 0, new[] { 0.0, 1.0 }));
        dwa.OnEpochEnd(Report(tasks, 1, new[] { 0.5, 0.9 }));

        Assert.All(dwa.CurrentWeights!, w => Assert.True(double.IsFinite(w)));
        Assert.NotEmpty(logger.Entries);
    }

    [Fact]
    public void EpochWithoutBatchesGivesFiniteWeights()
    {
        var tasks = MakeTasks(2);
        var dwa = new Dwa();
        dwa.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }));
        dwa.OnEpochEnd(Report(tasks, 1, new[] { double.NaN, double.NaN }));
        Assert.All(dwa.CurrentWeights!, w => Assert.True(double.IsFinite(w)));

        dwa.OnEpochEnd(Report(tasks, 2, new[] { 0.5, 0.9 }));
        Assert.All(dwa.CurrentWeights!, w => Assert.True(double.IsFinite(w)));
    }

    private static void AssertWeights(Dwa dwa, int epoch, double[] expected)
    {
        var (value, weights) = Evaluate(dwa, Probe, Context(MakeTasks(2), epoch: epoch));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], weights[i], 6);
        }

        Assert.Equal(expected[0] * Probe[0] + expected[1] * Probe[1], value, 6);
    }
}
