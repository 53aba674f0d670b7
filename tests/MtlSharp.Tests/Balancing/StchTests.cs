using MtlSharp.Balancing;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class StchTests
{
    private static readonly double[] Losses = { 1.0, 1.0 };

    [Fact]
    public void SwitchesAfterWarmup()
    {
        var tasks = MakeTasks(2);
        var stch = new Stch(mu: 1, warmupEpochs: 1);

        AssertLogSum(stch, epoch: 0);
        stch.OnEpochEnd(Report(tasks, 0, new[] { 5.0, 5.0 }));
        Assert.Null(stch.Nadir);
        AssertLogSum(stch, epoch: 1);

        stch.OnEpochEnd(Report(tasks, 1, new[] { 2.0, 0.5 }));
        Assert.Equal(new[] { 2.0, 0.5 }, stch.Nadir);

        // log(L / z) = [log 0.5, log 2]: value 2 log(2.5), λ_i = 2 softmax(log(L / z))_i / L_i = [0.4, 1.6].
        var (value, weights) = Evaluate(stch, Losses, Context(tasks, epoch: 2));
        Assert.Equal(1.8325814637483102, value, 10);
        Assert.Equal(0.4, weights[0], 10);
        Assert.Equal(1.6, weights[1], 10);
    }

    [Fact]
    public void SmallMuApproachesMaximum()
    {
        var tasks = MakeTasks(2);
        var stch = new Stch(mu: 0.01, warmupEpochs: 0);
        stch.OnEpochEnd(Report(tasks, 0, new[] { 2.0, 0.5 }));

        var (_, weights) = Evaluate(stch, Losses, Context(tasks, epoch: 1));

        // Only the task furthest above its nadir (task 1, L/z = 2) keeps a weight: 2 / L_1.
        Assert.Equal(0.0, weights[0], 10);
        Assert.Equal(2.0, weights[1], 6);
    }

    [Fact]
    public void InvalidNadirWaitsForNextEpoch()
    {
        var tasks = MakeTasks(2);
        var stch = new Stch(warmupEpochs: 0);

        stch.OnEpochEnd(Report(tasks, 0, new[] { double.NaN, double.NaN }));
        Assert.Null(stch.Nadir);
        stch.OnEpochEnd(Report(tasks, 1, new[] { 2.0, 0.5 }));
        Assert.Equal(new[] { 2.0, 0.5 }, stch.Nadir);
    }

    private static void AssertLogSum(Stch stch, int epoch)
    {
        double[] losses = { 2.0, 0.5 };
        var (value, weights) = Evaluate(stch, losses, Context(MakeTasks(2), epoch: epoch));

        Assert.Equal(Math.Log(2.0) + Math.Log(0.5), value, 10);
        Assert.Equal(0.5, weights[0], 10);
        Assert.Equal(2.0, weights[1], 10);
    }
}
